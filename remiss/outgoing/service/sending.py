"""Create an outgoing remiss and send it, with its missiv (service.missiv_doc), to every instans on the sändlista."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.clock import local_today
from remiss.calendar.swedish import count_words, format_date, join_words, the_counted
from remiss.documents.letters import letters
from remiss.namnd.models import Namnd
from remiss.outgoing import mails
from remiss.outgoing.models import Organisation
from remiss.outgoing.service import addresses, chasers, lifecycle
from remiss.outgoing.service.missiv_doc import (DOCX, check_outgoing, current_missiv, generate_missiv,
                                                made_on_sending, remisshandlingar)
from remiss.outgoing.service.register import members_of
from remiss.reminders.outbox import enqueue
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors, RemissData, SandlistaItem
from remiss.remisser.models import Attachment, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

MISSIV_KIND = "outgoing_missiv"


def sandlista_from_register(session: Session, *, organisation_ids: list[int], list_ids: list[int]) -> list[SandlistaItem]:
    """Build sändlista items from saved lists and single instanser, each instans once, in order."""
    orgs: list[Organisation] = []
    for list_id in list_ids:
        orgs.extend(members_of(session, list_id))
    if organisation_ids:
        chosen = {o.id: o for o in session.exec(select(Organisation).where(Organisation.id.in_(organisation_ids)))}
        orgs.extend(chosen[i] for i in organisation_ids if i in chosen)
    seen, items = set(), []
    for org in orgs:
        if org.id not in seen:
            seen.add(org.id)
            items.append(SandlistaItem(org.name, org.email, org.group_name))
    return items


def create_outgoing(session: Session, *, now: datetime, principal: Principal, data: RemissData,
                    dnr_format: str, default_prefix: str) -> Remiss:
    """Register a remiss we send out; it needs a deadline and at least one instans (outgoing_problems)."""
    errors = outgoing_problems(data)
    if errors:
        raise InputErrors(errors)
    data = replace(data, direction=Direction.utgaende.value)
    return remisser.register(session, now=now, principal=principal, data=data, dnr_format=dnr_format,
                             default_prefix=default_prefix)


def outgoing_problems(data: RemissData) -> dict[str, str]:
    """What a remiss we send out lacks, by field: a sista svarsdag, a remissinstans, a missiv dated before the
    svarsdag. The rule of the new-remiss form and of POST /api/v1/remisser (which words the sändlista's own:
    api.views.in_api_words)."""
    return missing_for_outgoing(data.deadline_on, data.sandlista, data.letter_date, data.kind)


def missing_for_outgoing(deadline_on, sandlista, letter_date, kind="remiss") -> dict[str, str]:
    """outgoing_problems of the fields alone: for a form whose other fields may still be wrong (the general
    "Registrera remiss" form with Riktning Utgående reports them all at once, edits.new_outgoing_problems)."""
    errors = {}
    if deadline_on is None:
        errors["deadline_on"] = "Ange sista svarsdag."
    if sandlista_problem(sandlista):
        errors["sandlista"] = sandlista_problem(sandlista)
    if letter_date_problem(letter_date, deadline_on):
        errors["letter_date"] = letter_date_problem(letter_date, deadline_on)
    if kind_problem(kind):
        errors["kind"] = kind_problem(kind)
    return errors


# What we send to a sändlista is a remiss, also of a medborgarförslag: the kind Medborgarförslag is an ärende we
# answer that did not come as a remiss (domain.md §6.10), and an utgående one would only be told "ärendet" where
# the missiv, the mails and the sammanställning say "remissen" (h-out21).
OUTGOING_KIND = ("Ett utgående ärende är en remiss: det som skickas till remissinstanserna är en remiss, också när "
                 "den gäller ett medborgarförslag. Välj ärendetypen Remiss (ärendemeningen kan säga att det gäller "
                 "ett medborgarförslag), eller riktningen Inkommande om nämnden ska yttra sig över förslaget.")


def kind_problem(kind) -> str:
    """Why an utgående remiss cannot be of this kind ("" when it can: a remiss)."""
    return "" if str(getattr(kind, "value", kind) or "remiss") == "remiss" else OUTGOING_KIND


def sandlista_problem(items) -> str:
    """An utgående remiss names at least one remissinstans, from registration on and after sending too: the one
    rule of the new-remiss form, "Ändra uppgifter", POST and PATCH/PUT /api/v1/remisser (edits.check_changes)."""
    return "" if items else NO_SANDLISTA


NO_SANDLISTA = "En utgående remiss behöver minst en remissinstans på sändlistan."


def letter_date_problem(letter_date, deadline_on) -> str:
    """A missiv dated on or after the sista svarsdag it names asks for an answer before it was written (walk12b #7)."""
    if letter_date is None or deadline_on is None or letter_date < deadline_on:
        return ""
    return (f"Missivets datum {format_date(letter_date)} ligger inte före sista svarsdagen {format_date(deadline_on)}. "
            "Ange det datum missivet skrivs (eller lämna fältet tomt, så dateras missivet den dag det skapas).")


def deadline_problem(remiss: Remiss, today: date, instanser: int = 0) -> str:
    """Why the remiss cannot go out with its svarsdag ("" when it can): the missiv and the mails would ask every
    instans to answer by a day that is today or already past. Said before "Skicka remissen" and when refusing it;
    instanser: how many it would go to ("remissinstansen" for one; 0: not counted)."""
    day = remiss.effective_deadline_on
    if day is None or day > today:
        return ""
    when = "är i dag" if day == today else "har redan passerat"
    how = ("Förläng remisstiden för alla till ett datum efter i dag" if remiss.sent_at is not None
           else "Ändra sista svarsdagen under ”Ändra uppgifter” till ett datum efter i dag")
    return (f"Sista svarsdagen {format_date(day)} {when}: missivet skulle be "
            f"{the_counted(instanser, 'remissinstansen', 'remissinstanserna')} svara senast den dagen. {how}, och "
            "skicka sedan remissen.")


@dataclass(frozen=True)
class Sent:
    """What one send did: mails put in the outbox, letters to print, and the Word file with the letters."""

    mailed: int
    posted: int
    letters: Attachment | None = None
    skipped: tuple[str, ...] = ()  # not yet sent to, but already answered or avstått: not asked to answer (walk10)
    made_from: str = ""  # the missiv was made by this send, from this template (missiv_doc.made_on_sending) …
    stale: str = ""  # … because the one made was out of date, and why ("" when none was made before)


def _missing_addresses(entries: list[SandlistaEntry]) -> str:
    names = [e.name for e in entries]
    return ("Adress saknas för " + ", ".join(names[:5]) + (" m.fl." if len(names) > 5 else "")
            + ". Ange e-post eller postadress under ”Ändra adress” för varje instans i tabellen nedan.")


class NotConfirmed(Exception):
    """The remiss could be sent now, but the user has not said yes to the question (send(confirmed=False))."""


def send(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str,
         base_url: str, confirmed: bool = True) -> Sent:
    """Send the remiss to every instans not yet sent to: a mail in the outbox to those with an e-mail address,
    one printable Word file of letters (address block per instans) for those with a postal address only.

    Until this moment the sändlista reads the register's current addresses; what was sent is kept on the entry.
    confirmed=False (the page's button without the question's yes): refused as always when it cannot be sent, else
    NotConfirmed before anything is made or queued, and the caller rolls back (walk21 J14).
    """
    require(principal, Action.edit, remiss.namnd_id)
    check_outgoing(remiss)
    entries = remisser.entries(session, remiss.id)
    if not entries:
        raise InputErrors({"sandlista": "Sändlistan är tom."})
    if remiss.status not in lifecycle.SENDS:  # not once compiled (walk21 J5): the words of the panel
        raise InputErrors({"status": (why := lifecycle.not_sent_reason(remiss))[0].upper() + why[1:] + "."})
    addresses.refresh_unsent(session, entries)
    # An instans that has answered or avstått is never sent the missiv asking it to answer: answers before the
    # utskick are refused now, but an avstår (or an answer registered before that rule) may be there.
    done = tuple(e.name for e in entries if e.sent_at is None and e.answer_status in lifecycle.ANSWERED)
    unsent = lifecycle.unsent(entries)
    if not unsent:
        return Sent(0, 0, skipped=done)
    nowhere = [e for e in unsent if not e.email and not e.postal_address.strip()]
    if nowhere:
        raise InputErrors({"sandlista": _missing_addresses(nowhere)})
    if remiss.effective_deadline_on is None:
        raise InputErrors({"deadline_on": "Ange sista svarsdag innan remissen skickas."})
    problem = deadline_problem(remiss, local_today(now), len(unsent))
    if problem:
        raise InputErrors({"deadline_on": problem})
    if not confirmed:
        raise NotConfirmed()
    missiv = current_missiv(session, remiss.id)
    made_from, stale = made_on_sending(session, remiss, missiv)  # none made yet, or out of date: made now, unread
    if made_from:
        missiv = generate_missiv(session, now=now, principal=principal, remiss=remiss, files_dir=files_dir)
    attachments = [missiv] + remisshandlingar(session, remiss.id)
    namnd = session.get(Namnd, remiss.namnd_id)
    by_mail = [e for e in unsent if e.email]
    by_post = [e for e in unsent if not e.email]
    mailed = 0
    for entry in by_mail:
        payload = mails.missiv_mail(remiss=remiss, namnd=namnd, entry=entry, attachments=attachments,
                                    base_url=base_url)
        if enqueue(session, now=now, key=f"outgoing:missiv:{remiss.id}:{entry.id}", recipient_email=entry.email,
                   kind=MISSIV_KIND, due_at=now, subject=payload["subject"], payload=payload, remiss_id=remiss.id):
            mailed += 1
        entry.sent_at, entry.delivery = now, "epost"
        session.add(entry)
    letters = None
    if by_post:
        letters = missiv_letters(session, now=now, principal=principal, remiss=remiss, missiv=missiv, entries=by_post,
                           files_dir=files_dir)
        for entry in by_post:
            entry.sent_at, entry.delivery = now, "post"
            session.add(entry)
    if remiss.sent_at is None:
        remiss.sent_at = now
    remiss.updated_at = now
    session.add(remiss)
    session.flush()
    # the missiv is queued, not yet e-mailed (walk18 F2): the page lists it until a sweep sends it
    # the history says what happened now; "Missivet e-postat" is its own line when a sweep has sent it (h-out23 M9a)
    ways = [f"missivet lagt i utkorgen för e-post till {count_words(mailed, 'remissinstans', 'remissinstanser')}"
            if mailed else "",
            f"brev med missivet att skriva ut och skicka per post till "
            f"{count_words(len(by_post), 'remissinstans', 'remissinstanser')}" if by_post else ""]
    note = " och ".join(way for way in ways if way)
    note = note[:1].upper() + note[1:]
    audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                 remiss_id=remiss.id, action="send", note=note,
                 changes={"sent_to": [None, [e.name for e in by_mail + by_post]]})  # read by compiled._sent_since
    if remiss.status == RemissStatus.utkast:
        remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.skickad,
                               note=note, by_verb=True)
    lifecycle.sync_deadline(session, now=now, remiss=remiss, principal=principal)
    chasers.schedule(session, now=now, remiss=remiss)
    return Sent(mailed, len(by_post), letters, done, made_from, stale)


def address_block(entry: SandlistaEntry) -> list[str]:
    """The lines above a letter: the instans's name, then its postal address line by line."""
    lines = [entry.name] + [line for line in entry.postal_address.splitlines() if line.strip()]
    return lines


def missiv_letters(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, missiv: Attachment,
                   entries: list[SandlistaEntry], files_dir: str, notes: list[list[str]] | None = None) -> Attachment:
    """The missiv once per instans sent by post, each under its address block, as one file kept on the remiss;
    notes[n], paragraphs for entries[n]'s letter alone."""
    data = letters(files.path_of(files_dir, missiv.storage_key).read_bytes(), [address_block(e) for e in entries],
                   closing=enclosed_text(remisshandlingar(session, remiss.id)), own=notes)
    stored = files.store(files_dir, data, content_type=DOCX)
    attachment = Attachment(remiss_id=remiss.id, purpose="brev",
                            filename=files.portable_name(f"Missiv per post {remiss.our_dnr or remiss.id}.docx"),
                            content_type=DOCX, size=stored.size, sha256=hashlib.sha256(data).hexdigest(),
                            storage_key=stored.key, uploaded_by_id=principal.user_id, uploaded_at=now)
    session.add(attachment)
    session.flush()
    return attachment


def enclosed_text(handlingar: list[Attachment]) -> list[str]:
    """The letter's word on what comes with it on paper (walk12b #13): a mail carries the files, a letter does not."""
    if not handlingar:
        return []
    names = [a.filename for a in handlingar]
    return [f"{'Bilaga' if len(names) == 1 else 'Bilagor'}: {join_words(names)}. Remisshandlingarna bifogas detta "
            "brev i utskrift."]


def letters_file(session: Session, remiss_id: int) -> Attachment | None:
    """The newest Word file of letters to print."""
    return session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id, Attachment.purpose == "brev")
                        .order_by(Attachment.id.desc()).limit(1)).first()
