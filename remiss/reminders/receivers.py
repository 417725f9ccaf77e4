"""Keep the outbox in step with the remiss: notices on events, reminders re-planned when dates move."""
from __future__ import annotations

from remiss import events
from remiss.reminders import notices, schedule, service


def _resync(remiss, *, session, now, **_):
    schedule.sync_remiss(session, now=now, remiss=remiss)


def _milestones(remiss, *, session, now, actor_id=None, moved_earlier=(), because="", lost_meeting=False, **_):
    if lost_meeting:  # no sammanträde is left before the sista svarsdag (walk26 W2): said instead of moved dates
        notices.no_meeting(session, now=now, remiss=remiss, because=because, actor_id=actor_id)
    elif moved_earlier:  # a change in the sammanträdesplan moved the handläggare's dates earlier (planning.service)
        notices.moved_earlier(session, now=now, remiss=remiss, lines=list(moved_earlier), because=because,
                              actor_id=actor_id)
    schedule.sync_remiss(session, now=now, remiss=remiss)


def _assigned(remiss, *, session, now, actor_id=None, **_):
    notices.assigned(session, now=now, remiss=remiss, actor_id=actor_id)
    schedule.sync_remiss(session, now=now, remiss=remiss)  # the new handläggare gets the reminders


def _extension(remiss, *, session, now, extension, actor_id=None, **_):
    notices.extension_granted(session, now=now, remiss=remiss, extension=extension, actor_id=actor_id)


def _draft_state(remiss, *, session, now, new, old=None, actor_id=None, rattelse=0, comment="", version=None,
                 answers="", **_):
    if str(new) == "granskning":
        notices.review_requested(session, now=now, remiss=remiss, actor_id=actor_id, rattelse=rattelse,
                                 version=version, answers=answers)
    elif str(new) == "utkast" and str(old) in ("granskning", "godkand"):  # sent back (not a rättelse begun)
        notices.returned(session, now=now, remiss=remiss, actor_id=actor_id, comment=comment, rattelse=rattelse)


def _status(remiss, *, session, now, new, actor_id=None, by_hand=False, **_):
    if str(new) == "besvarad":  # by hand: no yttrande is known to have been expedierat, the mail says so
        notices.answered(session, now=now, remiss=remiss, actor_id=actor_id, by_hand=by_hand)
    # a closed remiss gets its pending reminders cancelled; reopening (avstår → registrerad) re-plans them
    schedule.sync_remiss(session, now=now, remiss=remiss)


events.remiss_assigned.connect(_assigned)
events.extension_decided.connect(_extension)
events.draft_state_changed.connect(_draft_state)
events.status_changed.connect(_status)
events.deadline_changed.connect(_resync)
events.milestones_changed.connect(_milestones)


def _namnd_changed(namnd, *, session, now, changes, **_):
    if set(changes) & set(service.POLICY_FIELDS):
        service.resync_namnd(session, now=now, namnd_id=namnd.id)


events.namnd_changed.connect(_namnd_changed)
