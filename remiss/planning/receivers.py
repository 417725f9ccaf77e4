"""Replan the tidplan when a remiss is registered, its deadline in force moves or its nämnd's rules change;
tick off its milestones as the work that completes them happens."""
from __future__ import annotations

from remiss import events
from remiss.calendar.milestones import BY_HAND, NOT_EXPEDITED, NOT_HELD
from remiss.calendar.swedish import format_date, format_weekday_date
from remiss.clock import local_today
from remiss.planning.service import meetings, milestones, tidplan
from remiss.planning.service.recorded import WAITS_TO_BE_SENT, justering_waits, still_ahead
from remiss.remisser.status import CALLED_OFF_VALUES, CLOSED

# the Namnd columns the planner reads (tidplan.rules_of)
RULE_FIELDS = ("tjansteskrivelse_workdays_before_au", "granskning_workdays", "omedelbar_justering_usual",
               "justering_workdays_after_meeting", "expediering_workdays")

# The milestones a step of the yttrande completes: each step also completes the ones it presupposes
# (an approved draft was written; a decided one was reviewed), so a skipped click leaves nothing late.
TJANSTESKRIVELSE = ("tjansteskrivelse",)
GRANSKNING = TJANSTESKRIVELSE + ("granskning",)
BESLUT = GRANSKNING + ("arbetsutskott", "namnd")
JUSTERING = BESLUT + ("justering",)
EXPEDIERING = JUSTERING + ("expediering",)
BY_DRAFT_STATE = {"granskning": (TJANSTESKRIVELSE, "yttrandet skickat till granskning"),
                  "godkand": (GRANSKNING, "yttrandet godkänt"),
                  "expedierad": (EXPEDIERING, "yttrandet expedierat")}


def _replan(remiss, *, session, now, actor_id=None, **_):
    tidplan.replan(session, now=now, remiss=remiss, actor_id=actor_id)


events.remiss_registered.connect(_replan)
events.deadline_changed.connect(_replan)
events.direction_changed.connect(_replan)  # an utgående remiss keeps only its sista svarsdag (tidplan.replan)


def _rules_changed(namnd, *, session, now, changes, actor_id=None, **_):
    if set(changes) & set(RULE_FIELDS):
        meetings.replan_namnd(session, now=now, namnd_id=namnd.id, actor_id=actor_id)


events.namnd_changed.connect(_rules_changed)


def _draft_state(remiss, *, session, now, new, actor_id=None, **_):
    if str(new) not in BY_DRAFT_STATE:
        return
    kinds, note = BY_DRAFT_STATE[str(new)]
    waits = (str(new) == "expedierad" and not (remiss.answer_email or "").strip()
             and _value(remiss.status) not in CLOSED_VALUES)
    milestones.complete(session, now=now, remiss=remiss, kinds=kinds, note=note, actor_id=actor_id, happened=True)
    if waits:  # the expediering is done; what waits is the sending, which the sista svarsdag row says (walk25b Z5)
        for row in milestones.milestones_of(session, remiss.id):
            if row.kind == "sista_svarsdag" and row.done_at is None:
                row.explanation, row.advice = WAITS_TO_BE_SENT, ""
                session.add(row)


def _decision(remiss, *, session, now, actor_id=None, **_):
    # the meeting that decided (perhaps not the planned one) dates the beslut, the justering and the expediering
    tidplan.follow(session, now=now, remiss=remiss, actor_id=actor_id)
    milestones.complete(session, now=now, remiss=remiss, kinds=BESLUT, note="beslutet registrerat", actor_id=actor_id)
    if justering_waits(session, remiss):  # a beslut whose protokoll is not justerat: the Justering is open (V13)
        milestones.undo(session, now=now, remiss=remiss, kinds=("justering",),
                        note="beslutet är registrerat och protokollet är inte justerat", actor_id=actor_id)


def _justering(remiss, *, session, now, actor_id=None, **_):
    tidplan.follow(session, now=now, remiss=remiss, actor_id=actor_id)
    milestones.complete(session, now=now, remiss=remiss, kinds=JUSTERING, note="protokollet justerat",
                        actor_id=actor_id)
    # a Justering marked klar by hand before walk24 V13 refused it: now it happened, and is told so
    milestones.complete(session, now=now, remiss=remiss, kinds=("justering",), note="protokollet justerat",
                        actor_id=actor_id, happened=True)


# The work a status says is done, whichever way the remiss got there (the yttrande's steps, or a move by hand).
BY_STATUS = {"klar_for_beslut": (GRANSKNING, "remissen är klar för beslut"),
             "beslutad": (BESLUT, "remissen är beslutad"),
             # an utgående remiss: the instansers' sista svarsdag is over once their answers are compiled
             "sammanstalld": (("sista_svarsdag",), "svaren är sammanställda")}
# Work to do again when a closed remiss is reopened to a status, beyond what closing ticked off: a besvarad
# remiss corrected back to beslutad is to be expedierad again.
REDO = {"beslutad": ("expediering",)}


def _value(status) -> str:
    return str(getattr(status, "value", status))


CLOSED_VALUES = frozenset(s.value for s in CLOSED)


def _ticked_by_hand(session, now, rows, new) -> None:
    """Word the steps a status moved by hand ticked off as that, not as the work that never happened: no
    "Skickad till granskning", "Godkänd" or "Expedierat" (truth16 F19). An expediering a remiss set to Besvarad by
    hand never had says so: it is not shown done (recorded.expediering_skipped, walk18 F21), nor a sammanträde still
    ahead then (recorded.skipped_by_hand, walk19 G1)."""
    today = local_today(now)
    day = format_date(today)
    for row in rows:
        skipped = row.kind == "expediering" and _value(new) == "besvarad" and row.closed_with_remiss
        ahead = row.closed_with_remiss and still_ahead(row.kind, row.due_on, today)
        row.explanation = (f"{NOT_EXPEDITED} {day}." if skipped
                           else f"{NOT_HELD} {day}, före {format_weekday_date(row.due_on)}." if ahead
                           else f"{BY_HAND} {day}.")
        session.add(row)


def _status(remiss, *, session, now, old, new, actor_id=None, by_hand=False, note="", **_):
    closed = CLOSED_VALUES
    if _value(new) in closed:
        # a besvarad, avstådd or återkallad remiss has no work left: nothing of it is due or late any more
        # put in the Utkorg, not yet e-mailed: not "remissen är besvarad" (walk25b Z3)
        why = milestones.EXPEDITED_STEPS if milestones.expedited_now(note) else milestones.called_off_words(new)
        done = milestones.complete(session, now=now, remiss=remiss, kinds=None, note=why,
                                   actor_id=actor_id, closing=True)
        # the sending registered (or, by hand, said done): the expediering happened, only its sending waited
        sent = [row for row in done if row.explanation == WAITS_TO_BE_SENT and _value(new) == "besvarad"]
        for row in sent:
            row.closed_with_remiss = False
        if by_hand and _value(new) not in CALLED_OFF_VALUES:
            _ticked_by_hand(session, now, done, new)
        for row in sent:  # "Expedierat 7 december 2026, planerat 4 december."
            if not by_hand:
                row.explanation = f"{note}." if note else ""
            session.add(row)
        return
    if _value(old) in closed:
        # reopened: the work closing ticked off is there again, planned from today
        milestones.reopen(session, now=now, remiss=remiss, kinds=REDO.get(_value(new), ()),
                          note="remissen är öppnad igen", actor_id=actor_id,
                          called_off=_value(old) in CALLED_OFF_VALUES)
        if justering_waits(session, remiss):  # a Justering ticked by hand before walk24 V13 is open, as z003 has it
            milestones.undo(session, now=now, remiss=remiss, kinds=("justering",),
                            note="beslutet är registrerat och protokollet är inte justerat", actor_id=actor_id)
    if _value(new) in BY_STATUS:  # moved by hand past work the tidplan still shows as open
        kinds, note = BY_STATUS[_value(new)]
        if _value(new) == "beslutad":  # by a recorded beslut: what it ticks off while open is passed over by it
            tidplan.follow(session, now=now, remiss=remiss, actor_id=actor_id)
        if by_hand:  # a sammanträde still ahead is not held by a status set by hand (walk19 G1)
            kinds = tuple(m.kind for m in milestones.milestones_of(session, remiss.id) if m.kind in kinds
                          and not still_ahead(m.kind, m.due_on, local_today(now)))
        done = milestones.complete(session, now=now, remiss=remiss, kinds=kinds,
                                   note=f"{note}, status ändrad för hand" if by_hand else note, actor_id=actor_id)
        if by_hand:
            _ticked_by_hand(session, now, done, new)


events.draft_state_changed.connect(_draft_state)
events.decision_recorded.connect(_decision)
events.justering_recorded.connect(_justering)
events.status_changed.connect(_status)


# A draft sent back to utkast is work to do again: the tjänsteskrivelse is not ready (and an approved draft sent
# back is not reviewed either), so the granskning waits for it again and the granskare is not late meanwhile.
SENT_BACK = {"granskning": TJANSTESKRIVELSE, "godkand": GRANSKNING}


def _sent_back(remiss, *, session, now, old, new, actor_id=None, **_):
    # a rättelse of a besvarad remiss's yttrande sent back is not the remiss's work open again
    if str(new) == "utkast" and str(old) in SENT_BACK and _value(remiss.status) not in CLOSED_VALUES:
        milestones.undo(session, now=now, remiss=remiss, kinds=SENT_BACK[str(old)],
                        note="yttrandet skickat tillbaka till utkast", actor_id=actor_id)


events.draft_state_changed.connect(_sent_back)
