"""Error pages in Swedish, JSON errors under /api/, and no 500 for bad input."""
from __future__ import annotations

from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from remiss.auth.access import AccessDenied, NotFound
from remiss.db_errors import unreachable
from remiss.files import limit_size
from remiss.remisser.finished import RemissFinished
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.web import database_down
from remiss.web.extensions import login_manager
from remiss.web.lost_input import csrf_failed, is_page_post, unauthorized

MESSAGES = {
    400: "Felaktig begäran.",
    401: "Du behöver logga in.",
    403: "Du har inte behörighet till den här sidan.",
    404: "Sidan eller posten finns inte.",
    405: "Metoden är inte tillåten här.",
    413: "Filen är för stor.",
    429: "För många försök. Vänta en stund.",
    503: "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
    500: "Ett oväntat fel inträffade. Felet är loggat.",
}


# PostgreSQL's deadlock, serialization failure and lock not available: another user's change at the same moment
CONFLICT_STATES = frozenset({"40P01", "40001", "55P03"})
BUSY = ("Någon annan ändrade samma uppgifter i samma stund, så ändringen gjordes inte. Gå tillbaka i webbläsaren – "
        "det du skrev finns kvar där – och skicka igen.")


def busy(exc: BaseException) -> bool:
    """Whether exc is a clash with another transaction, which a retry by the user resolves."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in CONFLICT_STATES


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str | None = None, *, field: str | None = None,
                   errors: dict | None = None, code: str | None = None, back: tuple[str, str] | None = None):
    message = message or MESSAGES.get(status, "Fel.")
    if _wants_json():
        body = {"error": message, "status": status}
        if code:
            body["code"] = code
        if field:
            body["field"] = field
        if errors:
            body["errors"] = errors
            body.setdefault("field", next(iter(errors)))
        return jsonify(body), status
    return render_template("error.html", status=status, message=message, back=back), status


def init_app(app: Flask) -> None:
    # a page POST that needs a signed-in user but has none: the lost-input page, not a redirect that drops the text
    login_manager.unauthorized_handler(unauthorized)
    database_down.init_app(app)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database(exc: Exception):
        # The database went away after the app started (stopped, restarted, the network cut): a 503 that says
        # so, logged once per outage. Caught here for every view, the user's loading and the page's menu alike.
        if unreachable(exc):
            return database_down.answer(exc)
        return _unexpected(exc)

    @app.errorhandler(AccessDenied)
    def _denied(exc: AccessDenied):
        if exc.hide or exc.principal is None:
            return error_response(404 if exc.hide else 403, str(exc))
        # refused by the role: why, and whether it was just lowered; the way back to the remiss the user may read
        from remiss.auth.refusal import explained
        from remiss.db import get_session

        remiss_id = (request.view_args or {}).get("remiss_id")
        remiss = get_session().get(Remiss, remiss_id) if isinstance(remiss_id, int) else None
        back = (url_for("remisser.show", remiss_id=remiss.id), f"Tillbaka till {noun_of(remiss.kind).the}") \
            if remiss is not None else None
        return error_response(403, explained(get_session(), exc), back=back)

    @app.errorhandler(NotFound)
    def _missing(exc: NotFound):
        return error_response(404, str(exc))

    @app.errorhandler(InputErrors)
    def _input(exc: InputErrors):
        return error_response(400, "Uppgifterna innehåller fel.", errors=exc.errors, code=exc.code)

    @app.errorhandler(RemissFinished)
    def _finished(exc: RemissFinished):
        # One rule for every workflow step on a finished remiss: 409 in the API, the page with the message.
        from remiss.db import get_session

        get_session().rollback()
        if _wants_json() or request.method == "GET":
            return error_response(409, str(exc))
        flash(str(exc), "error")
        return redirect(url_for("remisser.show", remiss_id=exc.remiss_id))

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        if _wants_json():
            return error_response(400, "Ändringar med sessionen kräver rubriken X-CSRFToken (CSRF-token från "
                                       "sidans formulär). Ett program använder i stället en API-token: "
                                       "Authorization: Bearer <token>.")
        if is_page_post():  # the real cause, and the posted text to copy (walk11 finding 4)
            return csrf_failed()
        return error_response(400, "Formuläret har gått ut eller saknar säkerhetstoken (CSRF). "
                                   "Ladda om sidan och försök igen.")

    @app.errorhandler(OverflowError)
    @app.errorhandler(DataError)
    def _out_of_range(exc: Exception):
        # A number or value the database cannot hold (e.g. an id with 40 digits) is bad input, not a crash.
        from remiss.db import get_session

        get_session().rollback()
        return error_response(400, "Ett värde i begäran är för stort eller har fel form.")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        original = getattr(exc, "original_exception", None)
        if original is not None and unreachable(original):  # raised after the view, as its commit
            return database_down.answer(original)
        message = MESSAGES.get(exc.code) if exc.description == type(exc).description else exc.description
        if exc.code == 413 and _wants_json():
            limit = app.config.get("MAX_CONTENT_LENGTH")
            message = "Begäran är för stor" + (f" (högst {limit_size(limit)})." if limit else ".")
        elif exc.code == 413:  # only when the files together pass the request limit; each file is checked in the form
            per_file = limit_size(app.config.get("UPLOAD_MAX_BYTES", 0))
            message = (f"Filerna är tillsammans för stora för att skickas på en gång (högst {per_file} per fil). "
                       "Gå tillbaka i webbläsaren – det du har skrivit finns kvar där – och välj färre eller mindre "
                       "filer. Fler filer kan läggas till på remissens sida efteråt.")
            if request.endpoint == "intake.start":  # the missiv step also takes a pasted text (walk10 finding 3)
                message = ("Texten eller filerna är för stora för att skickas på en gång (texten högst 2 000 000 "
                           f"tecken, högst {per_file} per fil). Gå tillbaka i webbläsaren – det du har skrivit "
                           "finns kvar där. Spara en lång text som fil och välj filen, eller välj färre filer.")
        return error_response(exc.code or 500, message)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        _roll_back()  # the page's menu reads the database: not on a transaction the error aborted
        if busy(exc):
            app.logger.warning("Database conflict: %s", getattr(exc, "orig", exc))
            return error_response(503, BUSY)
        app.logger.exception("Unhandled error")
        return error_response(500)

    def _roll_back() -> None:
        from remiss.db import get_session

        try:
            get_session().rollback()
        except Exception:  # the connection itself is gone: the page is shown without it as far as it can be
            app.logger.warning("Rollback after an error failed", exc_info=True)
