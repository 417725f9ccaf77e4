"""The remiss page's "Skickat per post eller på annat sätt": a remiss without an answer e-mail becomes besvarad
when its expedierat yttrande is recorded as sent (drafting.sent_by_hand)."""
from __future__ import annotations

from flask import flash, request

from remiss import stale_form
from remiss.auth.access import load_remiss
from remiss.calendar.swedish import format_date
from remiss.clock import local_today
from remiss.db import get_session
from remiss.drafting import sent_by_hand
from remiss.drafting.drafts import DraftError
from remiss.drafting.views import _back, again, bp, said_here
from remiss.reminders.queued import down_since, queued
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.web import now, principal


@bp.post("/remisser/<int:remiss_id>/yttrande/skickat")
def record_sent(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, act="sent")
    try:
        sent_by_hand.record_sent(session, now=now(), principal=principal(), remiss=remiss,
                                 sent_on=request.form.get("sent_on", ""), way=request.form.get("way", ""))
    except InputErrors as exc:  # the page again, with the typed day and why
        return again(remiss_id, "sent_failed", exc.errors, ("way", "sent_on"))
    except sent_by_hand.AlreadySent as exc:  # pressed again: the first did it; said who and when, in this page
        return said_here(remiss.id, exc.said, status=stale_form.twice_status(exc.by_other))
    except DraftError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(remiss.id)
    noun = noun_of(remiss.kind)  # "… och ärendet är besvarat." of a medborgarförslag (kind_words, walk21 J8)
    flash(f"Yttrandet är registrerat som skickat {format_date(local_today(remiss.answered_at))} och {noun.the} är "
          f"{noun.done('besvarad')}.", "success")
    return _back(remiss.id)


@bp.post("/remisser/<int:remiss_id>/yttrande/skicka-nu")
def mail_now(remiss_id: int):
    """"Skicka yttrandet nu": the expedierat yttrande e-mailed to the svarsadress added since (walk26b X10)."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, act="expediera")
    try:
        to = sent_by_hand.mail_now(session, now=now(), principal=principal(), remiss=remiss)
    except sent_by_hand.AlreadySent as exc:  # recorded as sent meanwhile: said, nothing mailed
        return said_here(remiss.id, exc.said, status=stale_form.twice_status(exc.by_other))
    except sent_by_hand.AlreadyQueued as exc:  # a double click: the first queued it
        session.rollback()
        flash(str(exc), "info")
        return _back(remiss.id)
    except DraftError as exc:  # the address removed meanwhile, nothing waits
        session.rollback()
        flash(str(exc), "error")
        return _back(remiss.id)
    flash(queued("Yttrandet", to, down=down_since(session)) + ".", "success")
    return _back(remiss.id)
