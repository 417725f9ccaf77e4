"""The Inkorg's "Registrera som svar": an e-mail that answers a remiss we sent becomes that instans's answer
(remiss.outgoing.replies; walk12b #4)."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for

from remiss.auth.access import Action, INBOX_WORDS
from remiss.db import get_session
from remiss.files import FileRejected
from remiss.intake.models import InboxMessage
from remiss.outgoing import replies
from remiss.outgoing.forms import parse_ids
from remiss.outgoing.service import answers
from remiss.outgoing.views import _back, _config, _refused, _remiss, bp
from remiss.remisser.input import InputErrors
from remiss.remisser.models import AnswerStatus
from remiss.web import now, principal, requires


@bp.route("/inkorg/<int:message_id>/svar", methods=["POST"])
@requires(Action.create, doing=INBOX_WORDS)
def inbox_reply(message_id: int):
    session = get_session()
    message = session.get(InboxMessage, message_id)
    if message is None:
        abort(404)
    remiss = _remiss(int(request.form.get("remiss_id") or 0), act="instans_answer")
    chosen = parse_ids([request.form.get("entry_id", "")])
    back = redirect(url_for("intake.inbox_item", message_id=message_id))
    if not chosen:
        flash("Svaret registrerades inte: Välj vilken remissinstans som har svarat.", "error")
        return back
    try:
        entry = answers.load_entry(session, remiss, chosen[0])
        supplement = bool(replies.answered_before(entry))
        replies.record(session, now=now(), principal=principal(), message=message, remiss=remiss, entry=entry,
                       files_dir=_config("FILES_DIR"), max_bytes=_config("UPLOAD_MAX_BYTES"),
                       date_confirmed=bool(request.form.get("confirm_date")),
                       no_comments=request.form.get("no_comments") == "1",
                       declines=request.form.get("declines") == "1")
    except answers.EarlyAnswer:  # dated before the utskick: the Inkorg page asks, with "Datumet stämmer"
        session.rollback()
        ticked = {"inga_synpunkter": "1"} if request.form.get("no_comments") == "1" else {}  # kept for the yes
        return redirect(url_for("intake.inbox_item", message_id=message_id, svar_fore_utskick=entry.id, **ticked,
                                _anchor="reply-heading"))
    except InputErrors as exc:
        session.rollback()  # the message as the first sending committed it, not as this request read it
        if _mine(message):  # a double-click: lands where the first sending did, told so, not on an error
            flash(exc.errors["message"], "success")
            return _back(message.remiss_id)
        _refused("Svaret registrerades inte", exc)
        return back
    except FileRejected as exc:
        session.rollback()
        flash(f"Svaret registrerades inte: {exc}", "error")
        return back
    if supplement:
        flash(f"Kompletteringen från {entry.name} är registrerad på {remiss.our_dnr or remiss.title}: det första "
              "svaret är kvar, meddelandets text är tillagd i sammanfattningen och filerna bland svarets.", "success")
        return _back(remiss.id)
    if entry.answer_status == AnswerStatus.avstar:
        flash(f"{entry.name} avstår: det är registrerat på {remiss.our_dnr or remiss.title}, och "
              "e-postmeddelandet finns bland instansens filer.", "success")
        return _back(remiss.id)
    flash(f"Svaret från {entry.name} är registrerat på {remiss.our_dnr or remiss.title}"
          f"{' som ”Inga synpunkter”' if entry.no_comments else ''}; "
          "e-postmeddelandet och dess bilagor finns bland svarets filer.", "success")
    return _back(remiss.id)


def _mine(message: InboxMessage) -> bool:
    """Whether this user has registered or merged the message already (the first of a double-click)."""
    return message.status in ("registered", "merged") and message.remiss_id is not None \
        and message.decided_by_id == principal().user_id
