"""Pages: the missiv step before registration, the hooks that prefill the registration form, and the Inkorg."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for

from remiss import files
from remiss.auth.access import AccessDenied, Action, NotFound, load_remiss
from remiss.db import get_session
from remiss.intake import service
from remiss.intake.models import InboxMessage
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss
from remiss.intake.reading import BATCH_FACTOR, ReadLimits
from remiss.web import now, principal, requires

bp = Blueprint("intake", __name__)
TEXT_LIMIT = 2_000_000  # characters of pasted text, as in POST /api/v1/missiv/parse
STATUS_LABELS = {"pending": "Att hantera", "registered": "Registrerad", "merged": "Sammanförd", "dismissed": "Avvisad"}


def _token(req) -> str | None:
    return req.args.get("missiv") or req.form.get("intake_token") or None


class RegistrationHooks:
    """What remiss.remisser.views.new asks of this capability (via app.extensions)."""

    def prefill(self, req) -> dict:
        """Return the prefilled form values of the user's pending batch named in ?missiv=."""
        intake = service.load(get_session(), principal=principal(), token=_token(req))
        return dict(intake.values, intake_token=intake.token) if intake else {}

    def context(self, req) -> dict:
        """Return what templates/remisser/form.html shows: the missiv step or the evidence of the prefill."""
        session = get_session()
        intake = service.load(session, principal=principal(), token=_token(req))
        match = None
        if intake:
            found = service.matching_remiss_id(session, intake.values)
            match = session.get(Remiss, found) if found else None
            if match is not None and not principal().may(Action.edit, match.namnd_id):
                match = None
        return {"intake_template": "intake/_panel.html", "intake": intake, "intake_match": match,
                "intake_evidence": intake.evidence if intake else {}}

    def attach(self, session, *, now, principal, remiss, req) -> None:
        """Attach the pending files named by the form to the newly registered remiss."""
        token = _token(req)
        if token:
            service.attach(session, now=now, principal=principal, remiss=remiss, token=token,
                           files_dir=current_app.config["FILES_DIR"],
                           max_bytes=current_app.config["UPLOAD_MAX_BYTES"])


HOOKS = RegistrationHooks()


@dataclass(frozen=True)
class InboxSection:
    """On Att göra: how many mails wait in the Inkorg."""

    count: int
    template: str = "intake/_start.html"


def start_section(session, principal, now) -> InboxSection | None:
    """Att göra's line about the Inkorg, for those who register; None when nothing waits."""
    if principal.user_id is None or not principal.may(Action.create):
        return None
    count = service.pending_count(session)
    return InboxSection(count) if count else None


def menu_count(session, principal) -> int:
    """The number shown beside Inkorg in the menu."""
    return service.pending_count(session) if principal.may(Action.create) else 0


@bp.route("/remisser/ny/missiv", methods=["GET", "POST"])
@requires(Action.create)
def start():
    max_bytes = current_app.config["UPLOAD_MAX_BYTES"]
    text, errors = "", {}
    if request.method == "POST":
        # Room for several files in one step; each file is still held to UPLOAD_MAX_BYTES below.
        request.max_content_length = BATCH_FACTOR * max_bytes + 1048576
        request.max_form_memory_size = 3 * TEXT_LIMIT
        text = request.form.get("text", "")
        if len(text) > TEXT_LIMIT:
            errors = {"text": "Texten är för lång (högst 2 miljoner tecken)."}
        else:
            uploads = [(u.filename, u.read()) for u in request.files.getlist("files") if u and u.filename]
            try:
                batch = service.start(get_session(), now=now(), principal=principal(), text=text, uploads=uploads,
                                      files_dir=current_app.config["FILES_DIR"], max_bytes=max_bytes,
                                      limits=ReadLimits.of(current_app.config))
            except files.FileRejected as exc:
                errors = {"files" if uploads else "text": str(exc)}
            else:
                return redirect(url_for("remisser.new", missiv=batch.token))
    return render_template("intake/start.html", text=text, errors=errors,
                           max_mb=max_bytes // 1048576), (400 if errors else 200)


@bp.route("/remisser/ny/missiv/<token>/kasta", methods=["POST"])
@requires(Action.create)
def discard(token: str):
    service.discard(get_session(), principal=principal(), token=token, files_dir=current_app.config["FILES_DIR"])
    flash("De inlästa uppgifterna och filerna är borttagna.", "success")
    return redirect(url_for("remisser.new"))


@bp.route("/remisser/ny/missiv/<token>/forlang", methods=["POST"])
@requires(Action.create)
def extend(token: str):
    """Add the read letter to a registered remiss (an extension notice, a supplement) instead of registering it."""
    session = get_session()
    try:
        remiss = load_remiss(session, principal(), int(request.form.get("remiss_id", "0")), Action.edit)
        service.extend(session, now=now(), principal=principal(), remiss=remiss, token=token,
                       record_extension=request.form.get("extend") == "1", files_dir=current_app.config["FILES_DIR"],
                       max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
    except (ValueError, NotFound, AccessDenied, InputErrors) as exc:
        session.rollback()
        if isinstance(exc, files.FileRejected):
            message = str(exc)
        elif isinstance(exc, InputErrors):
            message = " ".join(exc.errors.values()) or "Förlängningen kunde inte registreras."
        else:
            message = "Remissen finns inte eller du får inte ändra den."
        flash(message, "error")
        return redirect(url_for("remisser.new", missiv=token))
    flash(f"Brevet är sammanfört med {remiss.our_dnr or remiss.title}"
          + (" och förlängningen är registrerad." if request.form.get("extend") == "1" else "."), "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


# The Inkorg: what the scheduler fetched from the registrator's mailbox, one proposal per mail.

FIELD_LABELS = [("title", "Ärendemening"), ("remittent", "Remittent"), ("sender_dnr", "Remittentens diarienummer"),
                ("letter_date", "Missivets datum"), ("deadline_on", "Sista svarsdag"), ("answer_email", "Svarsadress"),
                ("contact_person", "Kontaktperson"), ("sandlista", "Sändlista")]


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: str
    day: date | None  # for dates, shown as Swedish text
    evidence: str


def _rows(message: InboxMessage) -> list[FieldRow]:
    values, evidence = json.loads(message.form_values), json.loads(message.evidence)
    rows = []
    for name, label in FIELD_LABELS:
        value = values.get(name) or ""
        if name == "sandlista" and value:
            count = len(value.splitlines())
            value = f"{count} remissinstans" + ("er" if count != 1 else "")
        if name == "deadline_on" and value and values.get("deadline_time"):
            value = f"{value} {values['deadline_time']}"
        day = date.fromisoformat(value[:10]) if name in ("letter_date", "deadline_on") and value else None
        rows.append(FieldRow(label, value, day, evidence.get(name, "")))
    return rows


def _message_or_404(message_id: int) -> InboxMessage:
    try:
        message = service.inbox_message(get_session(), principal=principal(), message_id=message_id)
    except AccessDenied:
        abort(403)
    if message is None:
        abort(404)
    return message


@bp.route("/inkorg")
@requires(Action.create)
def inbox():
    handled = request.args.get("visa") == "hanterade"
    statuses = ("registered", "merged", "dismissed") if handled else ("pending",)
    messages = [m for status in statuses for m in service.inbox(get_session(), principal=principal(), status=status)]
    titles = {m.id: json.loads(m.form_values).get("title") or "" for m in messages}
    remiss_like = {m.id: service.looks_like_remiss(m) for m in messages}
    if not handled:  # what looks like a remiss first; mail that does not, last (newest first within each)
        messages.sort(key=lambda m: not remiss_like[m.id])
    return render_template("intake/inbox.html", messages=messages, titles=titles, handled=handled,
                           remiss_like=remiss_like,
                           configured=bool(current_app.config.get("IMAP_URL")), status_labels=STATUS_LABELS)


@bp.route("/inkorg/<int:message_id>")
@requires(Action.create)
def inbox_item(message_id: int):
    return _item_page(_message_or_404(message_id))


def _item_page(message: InboxMessage, *, errors: dict | None = None, values: dict | None = None, status: int = 200):
    session = get_session()
    match = session.get(Remiss, message.match_remiss_id) if message.match_remiss_id else None
    if match is not None and not principal().may(Action.view, match.namnd_id):
        match = None
    done = session.get(Remiss, message.remiss_id) if message.remiss_id else None
    return render_template("intake/inbox_item.html", message=message, rows=_rows(message), match=match, done=done,
                           warnings=json.loads(message.warnings), files=json.loads(message.files),
                           may_merge=match is not None and principal().may(Action.edit, match.namnd_id),
                           remiss_like=service.looks_like_remiss(message),
                           status_labels=STATUS_LABELS, errors=errors or {}, values=values or {}), status


@bp.route("/inkorg/<int:message_id>/filer/<int:number>")
@requires(Action.create)
def inbox_file(message_id: int, number: int):
    items = json.loads(_message_or_404(message_id).files)
    if not 0 <= number < len(items):
        abort(404)
    item = items[number]
    return send_file(files.path_of(current_app.config["FILES_DIR"], item["key"]), mimetype=item["content_type"],
                     as_attachment=True, download_name=item["filename"])


@bp.route("/inkorg/<int:message_id>/registrera", methods=["POST"])
@requires(Action.create)
def inbox_accept(message_id: int):
    message = _message_or_404(message_id)
    try:
        batch = service.accept(get_session(), now=now(), principal=principal(), message=message,
                               files_dir=current_app.config["FILES_DIR"])
    except files.FileRejected as exc:
        flash(str(exc), "error")
        return redirect(url_for("intake.inbox_item", message_id=message_id))
    return redirect(url_for("remisser.new", missiv=batch.token))


@bp.route("/inkorg/<int:message_id>/sammanfor", methods=["POST"])
@requires(Action.create)
def inbox_merge(message_id: int):
    """Merge into the suggested remiss (remiss_id) or into the one whose diarienummer was typed (our_dnr)."""
    message = _message_or_404(message_id)
    session = get_session()
    our_dnr = request.form.get("our_dnr", "").strip()
    try:
        if our_dnr:
            found = service.remiss_id_by_our_dnr(session, our_dnr)
            if found is None:
                raise NotFound(our_dnr)
        else:
            found = int(request.form.get("remiss_id", "0"))
        remiss = load_remiss(session, principal(), found, Action.edit)
        service.merge(session, now=now(), principal=principal(), message=message, remiss=remiss,
                      extend=request.form.get("extend") == "1", files_dir=current_app.config["FILES_DIR"],
                      max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
    except (ValueError, NotFound, AccessDenied):
        session.rollback()
        error = f"Ingen remiss med diarienummer {our_dnr} som du får ändra." if our_dnr else \
            "Remissen finns inte eller du får inte ändra den."
        return _item_page(message, errors={"our_dnr": error}, values={"our_dnr": our_dnr}, status=400)
    except InputErrors as exc:
        session.rollback()
        return _item_page(message, errors={"our_dnr": " ".join(exc.errors.values())
                                           or "Förlängningen kunde inte registreras."},
                          values={"our_dnr": our_dnr}, status=400)
    except files.FileRejected as exc:
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("intake.inbox_item", message_id=message_id))
    flash(f"Meddelandet är sammanfört med {remiss.our_dnr or remiss.title}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss.id))


@bp.route("/inkorg/<int:message_id>/avvisa", methods=["POST"])
@requires(Action.create)
def inbox_dismiss(message_id: int):
    message = _message_or_404(message_id)
    try:
        service.dismiss(get_session(), now=now(), principal=principal(), message=message)
    except files.FileRejected as exc:
        flash(str(exc), "error")
    else:
        flash("Meddelandet är avvisat och ligger kvar bland de hanterade.", "success")
    return redirect(url_for("intake.inbox"))
