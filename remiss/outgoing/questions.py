"""The questions asked before the outgoing panel's buttons that mail the instanser: Skicka remissen, Skicka
ändringen, Förläng och meddela (split from outgoing.present)."""
from __future__ import annotations

from datetime import datetime

from remiss.calendar.swedish import count_words, format_deadline, join_words, the_counted
from remiss.outgoing.service import chasers, lifecycle
from remiss.reminders.queued import queued
from remiss.remisser.models import Remiss, SandlistaEntry


def _addresses(emails: list[str], shown: int) -> str:
    """The first shown addresses and how many more: "a@x.se, b@x.se och 3 till"."""
    return ", ".join(emails[:shown]) + (f" och {len(emails) - shown} till" if len(emails) > shown else "")


def _letters(by_post: int) -> str:
    """The letters printed for post: "1 brev skrivs ut för post till remissinstansen utan e-post." (walk24 V10)."""
    return f" {by_post} brev skrivs ut för post till {the_counted(by_post, 'remissinstansen', 'remissinstanserna')} " \
        "utan e-post."


def made_now(unmade_from: str, stale: str = "") -> str:
    """What the question says of a missiv that sending makes (missiv_doc.made_on_sending): none is made yet
    (walk21b K5), or the one made is out of date (stale: why), so a new one comes from the template unread."""
    if not unmade_from:
        return ""
    if stale:
        return (f"Missivet är inaktuellt ({stale}): ett nytt skapas nu från {unmade_from} och skickas utan att "
                "någon har läst det. ")
    return f"Missivet är inte skapat än: det skapas nu från {unmade_from} och skickas utan att någon har läst det. "


def send_confirmation(emails: list[str], by_post: int, shown: int = 8, *, handlingar: int = 1, down=None,
                      unmade_from: str = "", stale: str = "") -> str:
    """The question before the remiss goes out: how many it is queued to, which addresses, and no remisshandlingar;
    unmade_from: sending makes the missiv from this template ("nämndens mall") unread, as none is made yet or
    (stale: why) the one made is out of date (made_now)."""
    # one instans is "remissinstansen" (walk23 W7d), every instans on the sändlista whether mailed or posted
    receivers = "remissinstansen" if len(emails) + by_post == 1 else "remissinstanserna"
    text = (f"Remissen har inga remisshandlingar: {receivers} får bara missivet. " if not handlingar else "")
    text += made_now(unmade_from, stale) + "Skicka remissen nu?"
    if emails:
        to = count_words(len(emails), 'remissinstans', 'remissinstanser')
        text += f" {queued('Den', to, down=down)}: {_addresses(emails, shown)}."
    if by_post:
        text += _letters(by_post)
    return text + " Det går inte att ångra."


def amendment_confirmation(entries: list[SandlistaEntry], shown: int = 8, *, down: datetime | None = None,
                           unmade_from: str = "", stale: str = "", added: list[str] = (),
                           questions: bool = True) -> str:
    """The question before "Skicka ändringen" (entries: amendments.outdated): to whom the changed missiv is e-mailed
    (queued), how many letters are printed, and that it cannot be undone (walk21 J14); unmade_from, stale: the
    missiv sending makes first, as for Skicka remissen (made_now); added: the new remisshandlingar it carries, by
    name, and questions whether the frågeställningar changed (walk24 V6)."""
    from remiss.outgoing.service.amendments import files_words

    mailed = [e.email for e in entries if e.email]
    posted = len(entries) - len(mailed)
    what = " och ".join((["det ändrade missivet"] if questions or not added else [])
                        + ([files_words(list(added))] if added else []))
    text = made_now(unmade_from, stale) + f"Skicka {what} till {join_words([e.name for e in entries])}?"
    if mailed:
        to = count_words(len(mailed), 'remissinstans', 'remissinstanser')
        text += f" {queued('Det', to, down=down)}: {_addresses(mailed, shown)}."
    if posted:
        text += _letters(posted)
    return text + " Det går inte att ångra."


def extension_confirmation(remiss: Remiss, entries: list[SandlistaEntry], emails: dict[int, str], shown: int = 8,
                           *, down: datetime | None = None, in_utkorg: frozenset[int] = frozenset(),
                           told: frozenset[int] | None = None, same: frozenset[int] = frozenset()) -> str:
    """The question asked before "Förläng och meddela" (walk12b #3): who is e-mailed (queued), how many letters
    are printed, and who has an anstånd of its own. in_utkorg: the entries whose missiv has not left the Utkorg: it
    is made anew with the new date instead (h-queue24). told: of those with an anstånd of their own, the ones the
    typed date runs past (told_for), counted and named with the rest (walk29 A3: "1 remissinstans" and a hedge, then
    "2 remissinstanser"); None when no date is known: each is said to be told only if the new date runs past it.
    same: of the others, those whose anstånd ends at the very moment typed (same_for): said to be the same time, not
    later (walk29b B4)."""
    unsent_missiv = [e.name for e in lifecycle.unanswered(entries) if e.id in in_utkorg]
    waiting = [e for e in lifecycle.unanswered(entries) if e.id not in in_utkorg]
    own = {e.id: chasers.deadline_of(remiss, e) for e in waiting
           if e.extended_until_on and chasers.deadline_of(remiss, e)[0] == e.extended_until_on}
    kept = set(own) - set(told or ())  # keep their own anstånd: not told
    mailed = [emails[e.id] for e in waiting if emails.get(e.id) and e.id not in kept]
    posted = sum(1 for e in waiting if not emails.get(e.id) and e.id not in kept)
    text = "Förlänga remisstiden för alla?"
    if mailed:
        to = count_words(len(mailed), 'remissinstans', 'remissinstanser')
        text += f" {queued('Meddelandet', to, down=down)} som inte har svarat: {_addresses(mailed, shown)}."
    if posted:
        text += _letters(posted)
    for e in waiting:
        if e.id not in own:
            continue
        until = format_deadline(*own[e.id])
        if told is None:
            text += (f" {e.name} har anstånd till {until} och får meddelandet bara om den nya svarsdagen ligger "
                     "senare.")
        elif e.id in told:
            text += (f" {e.name} har anstånd till {until} och får meddelandet, eftersom den nya svarsdagen ligger "
                     "senare.")
        elif e.id in same:
            text += (f" {e.name} har anstånd till {until}, samma tid som den nya svarsdagen, så dess svarsdag ändras "
                     "inte och den får inget meddelande.")
        else:
            text += (f" {e.name} har anstånd till {until}, senare än den nya svarsdagen, och behåller det utan "
                     "meddelande.")
    if unsent_missiv:
        text += (f" Missivet till {join_words(unsent_missiv)} ligger kvar i utkorgen: det görs om med den nya "
                 "svarsdagen, och inget meddelande skickas om något de inte har fått.")
    elif not waiting:
        text += " Alla som har fått remissen har svarat eller avstått, så ingen får något meddelande."
    return text + " Det går inte att ångra."


def _moment(day, at) -> str:
    """ "2027-02-05T12:00" (a day without a time: its end, "T23:59"): how the page's script compares moments."""
    return f"{day.isoformat()}T{at.strftime('%H:%M') if at else '23:59'}"


def told_for(remiss: Remiss, entries: list[SandlistaEntry], day, at) -> frozenset[int]:
    """The instanser with an anstånd of their own that a new svarsdag (day, at) runs past: they are told (as
    remisstid.general_extension decides, by chasers.deadline_of)."""
    typed = _moment(day, at)
    return frozenset(e.id for e in lifecycle.unanswered(entries) if e.extended_until_on
                     and chasers.deadline_of(remiss, e)[0] == e.extended_until_on
                     and _moment(*chasers.deadline_of(remiss, e)) < typed)


def same_for(remiss: Remiss, entries: list[SandlistaEntry], day, at) -> frozenset[int]:
    """The instanser with an anstånd of their own that ends at the very moment of a new svarsdag (day, at): not
    told, as their svarsdag does not change, and not said to have a later one (walk29b B4)."""
    typed = _moment(day, at)
    return frozenset(e.id for e in lifecycle.unanswered(entries) if e.extended_until_on
                     and chasers.deadline_of(remiss, e)[0] == e.extended_until_on
                     and _moment(*chasers.deadline_of(remiss, e)) == typed)


def extension_variants(remiss: Remiss, entries: list[SandlistaEntry], ask) -> list[list]:
    """The question for each span of typed dates, for the page's script to pick from (walk29 A3): [moment, the
    question for a date after it], in order; "" first, for any date up to the earliest anstånd; before each span, a
    [moment, question, "="] for a date at exactly that moment (walk29b B4: the same time as an anstånd is not
    later). ask(told, same) makes the question (extension_confirmation with its other arguments). [] when no instans
    has an anstånd of its own: the one question holds for every date."""
    by_end = {e.id: _moment(*chasers.deadline_of(remiss, e)) for e in lifecycle.unanswered(entries)
              if e.extended_until_on and chasers.deadline_of(remiss, e)[0] == e.extended_until_on}
    if not by_end:
        return []
    found = [["", ask(frozenset(), frozenset())]]
    for moment in sorted(set(by_end.values())):
        found.append([moment, ask(frozenset(i for i, end in by_end.items() if end < moment),
                                  frozenset(i for i, end in by_end.items() if end == moment)), "="])
        found.append([moment, ask(frozenset(i for i, end in by_end.items() if end <= moment), frozenset())])
    return found
