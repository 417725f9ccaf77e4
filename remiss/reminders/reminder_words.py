"""The words of one reminder mail about a milestone: what it asks for, how far the day is (counted when the mail is
composed), its subject's head and what is expected of the reader. Split from mail.py (the mail's build)."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.calendar.missed import MEETING_STEPS
from remiss.calendar.missed import advice as missed_advice
from remiss.calendar.planner import LABELS
from remiss.calendar.swedish import format_weekday_date
from remiss.calendar.workdays import WorkCalendar
from remiss.planning.lateness import relative
from remiss.planning.passed_advice import holding
from remiss.reminders import policy
from remiss.remisser.models import Remiss
from remiss.remisser.present import LATE_STEP, deadline_passed, lateness

EXPECTED = {
    "tjansteskrivelse": "Skriv klart tjänsteskrivelsen och förslaget till yttrande så att det hinner granskas.",
    "granskning": "Granska utkastet till yttrande och godkänn det eller skicka tillbaka det med synpunkter.",
    "justering": "Se till att protokollet justeras så att yttrandet kan expedieras.",
    "expediering": "Expediera yttrandet till remittenten när beslutet är fattat och, om det fattas vid ett sammanträde, "
                   "justerat.",
    "sista_svarsdag": "Se till att yttrandet når remittenten senast sista svarsdagen, eller begär förlängd remisstid.",
}
# A sammanträde passed without its step (policy.MISSED_TOLD): what the registrator does about it, dated.
EXPECTED_MISSED = dict.fromkeys(MEETING_STEPS, missed_advice)
# What the expediering asks for once the beslut is recorded: its kind (Decision.decided_by) says whether there is a
# justering to wait for (a delegationsbeslut has none).
EXPECTED_AFTER_DECISION = {
    "namnd": "Expediera det justerade yttrandet till remittenten.",
    "arbetsutskott": "Expediera det justerade yttrandet till remittenten.",
    "delegat": "Expediera yttrandet till remittenten; ett delegationsbeslut justeras inte och kan expedieras direkt.",
    # expedierat without an answer address (walk17 F12): nothing has gone out until the sending is registered
    "ej_skickat": "Skicka yttrandet till remittenten och registrera hur det skickades (”Skickat per post eller på "
                  "annat sätt”); remissen saknade svarsadress när yttrandet expedierades, så inget har e-postats.",
}
# past the sista svarsdag: the yttrande is decided and expedierat, only the sending is missing (walk26b X16; it said
# LATE_STEP's "Begär förlängd remisstid … eller svara så snart som möjligt")
# an escalation once the sista svarsdag has passed, of any step: more time can no longer be asked for "i tid"
# (walk27 Y13)
ESCALATION_AFTER_DEADLINE = ("Se till att arbetet kommer vidare och kontakta remittenten: begär förlängd remisstid "
                             "eller fråga om ett sent svar tas emot.")
LATE_NOT_SENT = ("Yttrandet är expedierat men inte skickat – skicka det till remittenten i dag och registrera hur "
                 "det skickades (”Skickat per post eller på annat sätt”).")

def _workdays(count: int) -> str:
    return "1 arbetsdag" if count == 1 else f"{count} arbetsdagar"


# What a milestone asks for, as a sentence: (is due, was due).
DUE_SENTENCES = {
    "tjansteskrivelse": ("Tjänsteskrivelsen ska vara klar", "Tjänsteskrivelsen skulle ha varit klar"),
    "granskning": ("Granskningen av yttrandet ska vara klar", "Granskningen av yttrandet skulle ha varit klar"),
    "arbetsutskott": ("Arbetsutskottet behandlar ärendet", "Arbetsutskottet skulle ha behandlat ärendet"),
    "namnd": ("Nämnden beslutar om yttrandet", "Nämnden skulle ha beslutat om yttrandet"),
    "justering": ("Protokollet ska justeras", "Protokollet skulle ha justerats"),
    "expediering": ("Yttrandet ska expedieras", "Yttrandet skulle ha expedierats"),
    "sista_svarsdag": ("Svaret ska vara remittenten tillhanda", "Svaret skulle ha varit remittenten tillhanda"),
}


# "Beslut (inget sammanträde)" (calendar.planner): no sammanträde in the plan comes before the sista svarsdag
NO_MEETING_SENTENCES = ("Beslutet om yttrandet ska vara fattat senast", "Beslutet om yttrandet skulle ha fattats senast")
NO_MEETING_WHY = "Inget nämndsammanträde i sammanträdesplanen hinner före sista svarsdag."
NO_MEETING_EXPECTED = ("Begär förlängd remisstid, låt ordföranden eller en delegat besluta (ordförande- eller "
                       "delegationsbeslut) eller lägg till ett extra sammanträde i sammanträdesplanen.")


@lru_cache(maxsize=1)
def _calendar() -> WorkCalendar:
    """Swedish working days (helgdagar and aftnar; a nämnd's own klämdagar are left out of the count)."""
    return WorkCalendar()


class Told(NamedTuple):
    """What one reminder says: its kind as it is when the mail is composed (a heads-up sent late is "i dag" or
    "försenad"), the working days to or since the date, the milestone's label, its sentences and what is expected."""

    kind: str
    workdays: int
    label: str
    lines: list[str]
    expected: str
    milestone: str = ""
    when: str = "i dag"  # an "on the day" reminder moved to the working day before: "i morgon", "om 2 dagar" (F33)


def reminder_told(kind: str, payload: dict, remiss: Remiss, due_words: str, *,
                  today: date | None = None, decided_by: str | None = None, in_time: bool = True,
                  now: datetime | None = None) -> Told:
    """The parts of one reminder, with the distance to the due day counted today (when the mail is composed), not
    when the reminder was planned: a mail sent late says how late. decided_by is the kind of the recorded beslut
    (None before it): what the expediering waits for; in_time: whether a sammanträde still comes before the sista
    svarsdag (planning.service.missed.meeting_in_time), what a missed meeting's advice offers. now (the moment of
    composing): a sista svarsdag whose clock time has passed is late, as the page says (truth17 F5)."""
    milestone = payload.get("milestone", "sista_svarsdag")
    label = LABELS.get(milestone, milestone)
    is_due, was_due = DUE_SENTENCES.get(milestone, (f"{label} ska vara klar", f"{label} skulle ha varit klar"))
    workdays = int(payload.get("workdays", 0))
    when = "i dag"
    if today is not None and payload.get("due_on"):
        due = date.fromisoformat(payload["due_on"])
        ahead = _calendar().workdays_between(today, due)
        workdays = abs(ahead)
        if kind in (policy.BEFORE, policy.ON_DAY) and due <= today:  # sent late: say what is true now
            kind = policy.ON_DAY if due == today else policy.OVERDUE
        elif kind == policy.ON_DAY and due > today:  # a helgdag's reminder goes out the working day before
            when = relative(due, today)
    passed = now is not None and milestone == "sista_svarsdag" and deadline_passed(remiss, now)
    if passed and kind in (policy.BEFORE, policy.ON_DAY):
        kind = policy.OVERDUE
    expected = EXPECTED.get(milestone, "Se till att milstolpen blir klar i tid.")
    if milestone == "expediering" and decided_by in EXPECTED_AFTER_DECISION:
        expected = EXPECTED_AFTER_DECISION[decided_by]
    if milestone == "sista_svarsdag" and decided_by == "ej_skickat":  # its sending waits there (walk25b Z5)
        expected = EXPECTED_AFTER_DECISION[decided_by]
    if milestone == "expediering" and decided_by == "ej_skickat":
        is_due, was_due = "Yttrandet ska skickas till remittenten", "Yttrandet skulle ha skickats till remittenten"
    no_meeting = milestone == "namnd" and payload.get("label") == NO_MEETING_LABEL
    if no_meeting:  # no sammanträde comes before the sista svarsdag: the Tidplan's ways out (walk26 W2)
        label, (is_due, was_due), expected = NO_MEETING_LABEL, NO_MEETING_SENTENCES, NO_MEETING_EXPECTED
    elif milestone in EXPECTED_MISSED and payload.get("due_on"):
        expected = EXPECTED_MISSED[milestone](milestone, date.fromisoformat(payload["due_on"]), in_time)
    if kind == policy.BEFORE:
        lines = [f"{is_due} {due_words}, om {_workdays(workdays)}."]
    elif kind == policy.ON_DAY:
        lines = [f"{is_due} {when}, {due_words}."]
    elif kind == policy.OVERDUE:
        lines = [f"{was_due} {due_words}.", lateness(remiss, now) if passed and workdays == 0
                 else _late_since(workdays, payload, remiss, today)]
    else:
        lines = [f"{was_due} {due_words}.", _late_since(workdays, payload, remiss, today),
                 "Du får detta meddelande som granskare eller registrator för nämnden."]
        expected = ("Se till att det expedierade yttrandet skickas till remittenten och att sändningen registreras."
                    if decided_by == "ej_skickat" and milestone == "sista_svarsdag" else
                    ESCALATION_AFTER_DEADLINE if now is not None and deadline_passed(remiss, now) else
                    "Se till att arbetet kommer vidare, eller att förlängd remisstid begärs i tid.")
    if no_meeting:
        lines += [NO_MEETING_WHY, *_proposals(payload, today)]
    if passed and kind != policy.ESCALATION:  # "senast sista svarsdagen" asks for the impossible now
        expected = LATE_NOT_SENT if decided_by == "ej_skickat" else LATE_STEP
    deadline = getattr(remiss, "effective_deadline_on", None)
    if (milestone == "expediering" and kind in (policy.BEFORE, policy.ON_DAY) and deadline
            and payload.get("due_on") and date.fromisoformat(payload["due_on"]) > deadline):
        # as the remiss page warns (truth16 F8): the planned expediering is after the sista svarsdag
        lines.append(f"Det är efter sista svarsdag {format_weekday_date(deadline)}"
                     + (f" kl. {remiss.effective_deadline_time:%H.%M}" if remiss.effective_deadline_time else "")
                     + ": meddela remittenten eller begär förlängd remisstid.")
    return Told(kind, workdays, label, lines, expected, milestone, when)


def subject_head(told: Told) -> str:
    """"Expediering om 2 arbetsdagar", "Sista svarsdag i dag", "Försenad: tjänsteskrivelse klar" …"""
    if told.kind == policy.BEFORE:
        return f"{told.label} om {_workdays(told.workdays)}"
    if told.kind == policy.ON_DAY:
        return f"{told.label} {told.when}"
    if told.kind == policy.OVERDUE:
        return f"Försenad: {told.label.lower()}"
    return f"Eskalering, försenad: {told.label.lower()}"


def reminder_text(kind: str, payload: dict, remiss: Remiss, due_words: str, *,
                  today: date | None = None, decided_by: str | None = None) -> tuple[str, list[str], str]:
    """Return (subject, paragraphs, what is expected) of one reminder (reminder_told)."""
    told = reminder_told(kind, payload, remiss, due_words, today=today, decided_by=decided_by)
    dnr = f"[{remiss.our_dnr}] " if remiss.our_dnr else ""
    return f"{dnr}{subject_head(told)} – {remiss.title}", told.lines, told.expected


def _proposals(payload: dict, today: date | None) -> list[str]:
    """The Tidplan's proposals stored with a reminder, those that still hold today (passed_advice.holding: no
    "Kalla till ett extra sammanträde senast <i går>", walk26b X13)."""
    texts = [p["text"] if isinstance(p, dict) else p for p in payload.get("proposals", [])]
    return holding(texts, today) if today is not None else texts


def _late_since(workdays: int, payload: dict, remiss, today: date | None) -> str:
    """"Det är nu 3 arbetsdagar sedan.", counted from the arrival for a step dated before the remiss came in (as
    the start page counts it, planning.lateness)."""
    received = getattr(remiss, "received_on", None)
    due = date.fromisoformat(payload["due_on"]) if payload.get("due_on") else None
    if today is None or received is None or due is None or due >= received or received > today:
        return f"Det är nu {_workdays(workdays)} sedan."
    since = _calendar().workdays_between(received, today)
    return (f"Datumet låg före remissens ankomst {format_weekday_date(received)}; det är nu {_workdays(since)} "
            "sedan remissen kom.")


def _due_words(payload: dict, remiss) -> str:
    """"onsdag 31 mars 2027", with the deadline's clock time on the sista svarsdag ("… kl. 12.00")."""
    if not payload.get("due_on"):
        return ""
    due = date.fromisoformat(payload["due_on"])
    at = remiss.effective_deadline_time if payload.get("milestone") == "sista_svarsdag" \
        and due == remiss.effective_deadline_on else None
    return format_weekday_date(due) + (f" kl. {at:%H.%M}" if at else "")
