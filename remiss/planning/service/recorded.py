"""What a milestone's recorded fact decides about ticking it by hand, and an expediering a remiss was answered past.

A step whose fact is registered is not un-ticked by a click (walk18 F20): the meeting that decided (the beslut and
its §) was held, and a justering registered happened; the beslut is changed instead. The expediering and the
sista svarsdag are done only by the expediering itself (walk16 #0). A remiss set to Besvarad by hand closes the
expediering it never had: that step did not happen in Remiss and is not shown as done (walk18 F21)."""
from __future__ import annotations

from sqlmodel import Session, select

from remiss.calendar.milestones import NOT_HELD
from remiss.calendar.missed import MEETING_STEPS
from remiss.drafting.decision import decision_reference
from remiss.drafting.models import Decision
from remiss.remisser.models import Remiss

# Expedierat without an answer address nothing has left the house: the expediering is done, and the sista svarsdag
# stays open, saying so, until the sending is registered (drafting.sent_by_hand), which makes the remiss besvarad
# and closes it (walk17 F12). Before walk25b Z5 the expediering row stayed open with these words and read "Försenad"
# though the expediering was done; such a row is still read as waiting (waits_to_be_sent).
WAITS_TO_BE_SENT = ("Yttrandet är expedierat men inte skickat: remissen saknar svarsadress. Väntar på att skickas – "
                    "skicka yttrandet till remittenten och registrera hur det skickades (”Skickat per post eller på "
                    "annat sätt”).")
# Steps only the expediering does (walk16 #0): the answer sent is what makes them done, never a click; marked by
# hand they claimed "Expedierat" and stopped the deadline reminders of a remiss nobody answered.
BY_EXPEDIERING = {"expediering": "Expedieringen blir klar när yttrandet expedieras, inte för hand.",
                  "sista_svarsdag": "Sista svarsdag blir klar när yttrandet expedieras, "
                                    "inte för hand."}
# An utgående remiss: the sista svarsdag is the remissinstansernas, and nothing of ours is expedierat; the step is
# done when their answers are sammanställda (receivers.BY_STATUS) or the case is closed (walk20 H7).
OUTGOING_DEADLINE = "Remissinstansernas svarstid går ut {}."
BY_COMPILING = "Sista svarsdag blir klar när svaren sammanställs, inte för hand."
# expedierat, waiting to be sent (WAITS_TO_BE_SENT): what is left is the sending (walk18 F15)
WHEN_SENT = "Expedieringen blir klar när yttrandet registreras som skickat, inte för hand."
NOT_EXPEDITED_SHORT = "inte expedierad i Remiss, besvarad för hand"
NOT_HELD_SHORT = "utgår, besvarad för hand före dagen"
# dated by a sammanträde: held on its day, never before it by a status set by hand (walk19 G1)
HELD_KINDS = MEETING_STEPS + ("justering",)


# expedierat, waiting to be sent: the sista svarsdag too is klar when the sending is registered (walk24 V11)
DEADLINE_WHEN_SENT = "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand."


def waits_to_be_sent(milestones) -> bool:
    """Whether the yttrande is expedierat without a svarsadress and its sending is not registered yet."""
    return any(m.kind in ("sista_svarsdag", "expediering") and m.done_at is None and m.explanation == WAITS_TO_BE_SENT
               for m in milestones)


def by_hand_refusal(kind: str, explanation: str = "", *, sending: bool = False) -> str:
    """Why a milestone of this kind cannot be marked done or not done by hand ("" when it can). sending: the
    yttrande waits to be registered as skickat (waits_to_be_sent)."""
    if kind == "expediering" and explanation == WAITS_TO_BE_SENT:
        return WHEN_SENT
    if kind == "sista_svarsdag" and explanation.startswith(OUTGOING_DEADLINE.split("{")[0]):
        return BY_COMPILING
    if kind == "sista_svarsdag" and (sending or explanation == WAITS_TO_BE_SENT):
        return DEADLINE_WHEN_SENT
    return BY_EXPEDIERING.get(kind, "")


def refusal_said(m, *, sending: bool = False) -> str:
    """by_hand_refusal as the Tidplan and the API say it beside a step: "Expedieringen blir klar när yttrandet
    expedieras, inte för hand." only while the step is open; a done step says what happened, and the sentence on it
    was noise (walk25b). A click on a done step is still refused with it (milestones.mark_done)."""
    return by_hand_refusal(m.kind, m.explanation, sending=sending) if m.done_at is None else ""


def _decided(session: Session, remiss: Remiss) -> Decision | None:
    """The beslut on the yttrande, as the tidplan follows it (decided.decided_of); None before it is registered."""
    return session.exec(select(Decision).where(Decision.remiss_id == remiss.id, Decision.rattelse == 0)).first()


def kept_by_record(session: Session, remiss: Remiss) -> dict[str, str]:
    """The done steps the registered beslut keeps done, by kind, with why they cannot be marked not done by hand:
    the sammanträde that decided (and the arbetsutskott before it), and the justering once registered."""
    decided = _decided(session, remiss)
    if decided is None:
        return {}
    reference = decision_reference(decided)
    change = f"beslutet är registrerat ({reference}). Är beslutet fel, ändra det under ”Ändra beslutet”."
    kept = {kind: f"{label} kan inte markeras som inte klar: {change}"
            for kind, label in (("arbetsutskott", "Arbetsutskottet"),
                                # no sammanträde decided a delegationsbeslut (walk26b X2)
                                ("namnd", "Delegationsbeslutet" if decided.decided_by == "delegat"
                                 else "Nämndsammanträdet"))}
    if not decided.needs_justering or decided.omedelbar_justering or decided.justerad_on is not None:
        kept["justering"] = ("Justeringen kan inte markeras som inte klar: justeringen är registrerad med beslutet "
                             f"({reference}). Är den fel, ändra den under ”Ändra beslutet”.")
    return kept


# Once a beslut is registered its justering is the Beslut panel's fact: "Registrera justeringen" makes the step
# klar, never a click in the Tidplan, which said "klar" while the Beslut panel, Att göra and the expediering still
# waited for the justering (walk24 V13). A row marked klar by hand before that rule was opened by the migration
# z003_justering_by_hand: every reader (Tidplan, API, Kalender, ICS, reminders) reads the stored row.
JUSTERING_WAITS = ("Justeringen kan inte markeras som klar för hand: beslutet är registrerat ({}) men protokollet "
                   "är inte justerat. Registrera justeringen under Beslut (”Registrera justeringen”) när protokollet "
                   "är justerat.")


def justering_waits(session: Session, remiss: Remiss) -> str:
    """Why the Justering cannot be marked klar by hand: a beslut is registered and its protokoll is not justerat
    ("" when no beslut is registered, or it needs no justering or is justerad)."""
    decided = _decided(session, remiss)
    if decided is None or not decided.needs_justering or decided.omedelbar_justering \
            or decided.justerad_on is not None:
        return ""
    return JUSTERING_WAITS.format(decision_reference(decided))


def expediering_skipped(status, kind: str, closed_with_remiss: bool) -> bool:
    """Tell whether this is an expediering that closed with a remiss set to Besvarad by hand (none in Remiss): an
    expediering done is never closed with the remiss (receivers._draft_state, sent_by_hand)."""
    return kind == "expediering" and bool(closed_with_remiss) and str(getattr(status, "value", status)) == "besvarad"


def still_ahead(kind: str, due_on, today) -> bool:
    """Whether this is a sammanträde (or its justering) dated after today: a status set by hand (Beslutad,
    Besvarad) does not make it held months before it meets (walk19 G1)."""
    return kind in HELD_KINDS and due_on > today


def skipped_by_hand(status, m) -> bool:
    """Whether a milestone closed with a remiss set to Besvarad by hand never happened: its expediering
    (expediering_skipped), or a sammanträde still ahead then (NOT_HELD). Shown as Utgår, cancelled in the API."""
    return (expediering_skipped(status, m.kind, m.closed_with_remiss)
            or bool(m.closed_with_remiss) and (m.explanation or "").startswith(NOT_HELD))


def skipped_words(kind: str) -> str:
    """The Tidplan's short word for a step skipped_by_hand."""
    return NOT_EXPEDITED_SHORT if kind == "expediering" else NOT_HELD_SHORT
