"""Keep the planned chasers of outgoing remisser in line with deadlines and status."""
from __future__ import annotations

from sqlmodel import select

from remiss import events
from remiss.outgoing.service import chasers, closing, lifecycle
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import RemissStatus

CLOSED = chasers.CLOSED
MISSIV_KIND = "outgoing_missiv"  # sending.MISSIV_KIND  # no chasers once the answers are compiled (or the case is closed or withdrawn)


def _replan(remiss, *, session, now, **_):
    if remiss.direction == Direction.utgaende and remiss.sent_at is not None:
        if remiss.status in CLOSED:
            return
        chasers.schedule(session, now=now, remiss=remiss)


def _deadline_moved(remiss, *, session, now, actor_id=None, **kwargs):
    _replan(remiss, session=session, now=now)
    lifecycle.sync_deadline(session, now=now, remiss=remiss)


def _closed(remiss, *, session, now, new, old=None, actor_id=None, **_):
    if remiss.direction != Direction.utgaende:
        return
    status = str(getattr(new, "value", new))
    if status in CLOSED:
        chasers.cancel_all(session, remiss_id=remiss.id, reason=chasers.STOPPED[status == "sammanstalld"])
        if status != "sammanstalld":  # closed: no instans is asked for an answer any more (walk27 Y8)
            closing.cancel_answer_notices(session, now=now, remiss_id=remiss.id, actor_id=actor_id, why=(
                "ärendet avslutades" if status == "avslutad" else "remissen återkallades"))
    else:
        _replan(remiss, session=session, now=now)
    if str(getattr(old, "value", old)) == "avslutad" and status == "sammanstalld":
        # opened again: it takes answers once more, so the notices closing stopped go out after all, and so do the
        # reminders compiling kept for a running anstånd (walk28 Z3): planned again from the same keyed rows
        closing.requeue_answer_notices(session, now=now, remiss_id=remiss.id, actor_id=actor_id)
        chasers.schedule(session, now=now, remiss=remiss)


def _chase_days_changed(namnd, *, session, now, changes, **_):
    if {"chase_workdays_before", "chase_workdays_after"} & set(changes):
        for remiss in session.exec(select(Remiss).where(Remiss.namnd_id == namnd.id,
                                                        Remiss.direction == Direction.utgaende.value,
                                                        Remiss.sent_at.is_not(None),
                                                        Remiss.status.not_in(CLOSED))).all():
            chasers.schedule(session, now=now, remiss=remiss)


events.deadline_changed.connect(_deadline_moved)
events.status_changed.connect(_closed)
events.namnd_changed.connect(_chase_days_changed)


def _missiv_resent(session, *, now, remiss_ids) -> int:
    """An administrator put a missiv back in the queue: one held back because it could not be made anew is made
    anew first, never sent as it was (held again when it still cannot be), then the chasers are planned again."""
    from flask import current_app

    from remiss.auth.access import Principal
    from remiss.outgoing.service.amendments import requeue
    for remiss_id in remiss_ids:
        remiss = session.get(Remiss, remiss_id)
        if remiss is not None:
            requeue(session, now=now, principal=Principal.system(), remiss=remiss,
                    files_dir=current_app.config["FILES_DIR"], base_url=current_app.config["BASE_URL"])
    return chasers.replan_remisser(session, now=now, remiss_ids=remiss_ids)


def _offer_composer() -> None:
    """Let the reminders sweep build our mails, if it keeps a composer registry (COMPOSERS: kind → compose)."""
    from remiss.outgoing import mails
    from remiss.reminders import mail as reminder_mail

    composers = getattr(reminder_mail, "COMPOSERS", None)
    if composers is not None:
        for kind in mails.KINDS:
            composers.setdefault(kind, mails.compose)
    from remiss.reminders import claim

    checks = getattr(claim, "SKIP_CHECKS", None)
    if checks is not None:  # a "before" chaser sent after its deadline is dropped (F32)
        checks.setdefault(chasers.KIND, chasers.expired_before)
    after_failed = getattr(claim, "AFTER_FAILED", None)
    if after_failed is not None:  # a missiv the sweep gave up on: no reminders of a remiss never got (h-out23 M4)
        after_failed.setdefault(MISSIV_KIND, chasers.replan_remisser)
    after_mail = getattr(claim, "AFTER_MAIL", None)
    if after_mail is not None:  # no chaser nor ändring before the missiv it is about is e-mailed (h-hold24)
        from remiss.outgoing import waits

        for kind, conditions in waits.CONDITIONS.items():
            after_mail.setdefault(kind, conditions)
    from remiss.reminders import resend

    after_resend = getattr(resend, "AFTER_RESEND", None)
    if after_resend is not None:  # … until it goes out again
        after_resend.setdefault(MISSIV_KIND, _missiv_resent)
    sent_when_closed = getattr(claim, "SEND_WHEN_CLOSED", None)
    if sent_when_closed is not None:
        for kind in mails.SENT_WHEN_QUEUED:
            sent_when_closed.setdefault(kind, frozenset({RemissStatus.avslutad.value}))


try:
    _offer_composer()
except ImportError:  # the reminders engine is not installed
    pass
