"""The drafting blueprint and what its pages share: the Yttrande panel on the remiss page and the answers of its
refused forms. The pages, one module a group: the draft form and its versions in editor.py; review, rättelse,
underskrifter and expediering in review.py; samråd in samrad.py; the beslut in decision.py, the sending by hand
in sent.py, the documents in documents.py and the nämnd's templates in templates.py."""
from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for
from flask_login import current_user

from remiss import stale_form
from remiss.db import get_session
from remiss.drafting import consultations
from remiss.drafting.panel import panel_context as _panel_context
from remiss.drafting.reading import summary_label
from remiss.web import asking, say_here
from remiss.web.extensions import guard_api, login_manager
from remiss.field_order import in_field_order

bp = Blueprint("drafting", __name__)
# the field's label in templates/drafting/_form.html, by the kind: one rule with the API and the reading view
bp.add_app_template_global(summary_label, "summary_label")


@bp.before_request
def _login_required():
    if current_user.is_authenticated:
        return None
    if request.path.startswith("/api/"):
        return guard_api()
    return login_manager.unauthorized()


# what the beslut form knows from the tidplan, kept next to the typed values when the form comes back
PLANNED_HINTS = ("justering_hint", "tidplan_meeting_on", "no_meeting", "meeting_hint")


# the panel's small forms that come back refused with what was typed (again()): "skickat", a comment, samråd,
# underskrifter; the beslut and justering (decision_failed) below, with the tidplan's hints
FAILED_FORMS = ("sent_failed", "comment_failed", "samrad_failed", "signatures_failed")


def yttrande_panel(session, p, remiss, moment):
    """The Yttrande panel; after a refused form of it, with what was typed and the messages."""
    ctx = _panel_context(session, p, remiss, moment)
    for name in FAILED_FORMS:
        if ctx is not None and g.get(name):
            ctx[name] = g.get(name)
    if ctx is not None:  # Expediera, Inga synpunkter posted without the question's yes: asked beside the button
        ctx["expediera_asked"] = asking.asked("expediera")
        ctx["inga_synpunkter_asked"] = asking.asked("inga-synpunkter")
        for row in ctx.get("consultations", []):  # Ta bort (a samråd): its question, asked beside it
            row["question"] = consultations.removal_question(row["party"], row["on"])
            row["asked"] = asking.asked(f"samrad-{row['id']}")
    failed = g.get("decision_failed")
    if ctx is not None and failed:
        ctx["decision_failed"] = failed
        if failed["form"] == "beslut":  # what was typed, with the tidplan's advice and the date it prefilled
            planned = ctx.get("decision_values", {})
            ctx["decision_values"] = failed["values"] | {key: planned[key] for key in PLANNED_HINTS if key in planned}
    return ctx


def again(remiss_id: int, name: str, errors: dict, fields: tuple[str, ...], *, values: dict | None = None,
          **extra):
    """The remiss page again (400; 409 for a stale form, remiss.stale_form.status) after a refused form of the
    panel: nothing saved, the messages at their fields and every value typed in fields kept (g.<name>, one of
    FAILED_FORMS, read by yttrande_panel); values replaces some (a stale form's base: what the page shows now).
    fields: the form's, in their order on the page, the order of its error summary (remiss.web.forms)."""
    from remiss.remisser import views as remisser_views

    get_session().rollback()
    typed = {key: request.form.get(key, "") for key in fields} | (values or {})
    setattr(g, name, {"errors": in_field_order(errors, fields), "values": typed, **extra})
    return remisser_views.show(remiss_id), stale_form.status(errors)


def said_here(remiss_id: int, message: str = "", category: str = "info", status: int = 200):
    """The remiss page itself, nothing saved, saying message at its top (remiss.web.say_here): the answer to an
    action sent twice, which names who did it first and when (remiss.stale_form; status 409 when someone else did:
    stale_form.twice_status). Not by a flash and a redirect: the flash rides the session cookie, where the first
    request's raced it (walk21b K4)."""
    from remiss.remisser import views as remisser_views

    get_session().rollback()
    if message:
        say_here(message, category)
    return remisser_views.show(remiss_id), status


def _back(remiss_id: int):
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#yttrande")


from remiss.drafting import api  # noqa: E402,F401  (routes on bp)
from remiss.drafting.views import decision, documents, editor, review, samrad, sent, templates  # noqa: E402,F401
