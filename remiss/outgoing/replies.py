"""An e-mail in the Inkorg that answers a remiss we sent: "Svar från Miljönämnden på KS 2026/0002" (walk12b #4).

A remissinstans often answers by replying to the missiv mail ("SV: Remiss: … (KS 2026/0002)"). The Inkorg read such
a mail as a new incoming remiss, and "För samman" filed it as a remisshandling while the instans stayed "Ej svarat"
and was reminded. Here a pending Inkorg message is matched to an utgående remiss we have sent and to the instans
on its sändlista, by (strongest first):

1. In-Reply-To / References naming the Message-ID of a mail we sent for an utgående remiss (missiv, påminnelse,
   förlängning), the instans being the one that mail went to;
2. our diarienummer of an utgående remiss in the subject;
3. the sender's address being that of a remissinstans the remiss was sent to, with a reply subject (Sv:/Re:) that
   names the remiss's title.

The instans is the sändlista entry with the sender's address (else the mail's recipient in case 1); when none is
found, the page asks which instans answered, with the one preselected that the sender's display name or the mail's
signature names when they name exactly one (an Outlook .msg is often saved without the sender's address). Recording it registers the answer as on the instans page with the
mail as the answer file (its attachments and its text without greeting and signature come along, reading.py),
and the Inkorg message is decided (Sammanförd).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.utils import parseaddr

from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import Principal
from remiss.calendar.swedish import format_date
from remiss.clock import local
from remiss.intake import outlook
from remiss.intake.models import InboxMessage
from remiss.intake.service import kinds
from remiss.outgoing import mails
from remiss.outgoing import answer_words
from remiss.outgoing.reading import answer_text, mail_body, read_eml, signature_lines
from remiss.outgoing.repeated import name_key
from remiss.outgoing.service import answers
from remiss.outgoing.service.answers import AnswerData
from remiss.reminders.models import OutboxMessage
from remiss.remisser import attachments as remiss_files
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import AnswerStatus, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus as S

OPEN = (S.skickad.value, S.svarstiden_ute.value, S.sammanstalld.value)
# an answer to one of these is still an answer to our remiss, not a new remiss to us: named, never registered (walk27 Y17)
ENDED = (S.avslutad.value, S.aterkallad.value)
_REPLY = re.compile(r"^\s*(?:sv|re|svar|aw|vs)\s*:", re.IGNORECASE)
_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass
class Reply:
    remiss: Remiss
    entry: SandlistaEntry | None  # None: the page asks which instans answered
    entries: list[SandlistaEntry]  # the instanser it was sent to, to choose from
    why: str  # what the match rests on, in Swedish
    undated: str = ""  # the mail has no date: which day the answer gets instead (walk14 #5)
    likely: SandlistaEntry | None = None  # entry None: the instans preselected in the choice, never registered so
    likely_why: str = ""  # "Meddelandets signatur nämner Tekniska nämnden."
    no_comments: bool = False  # the mail only says "inga synpunkter": proposed, the registrator confirms (walk26 W9)
    declines: bool = False  # the mail only says the instans avstår: proposed as Avstår, confirmed (walk26b X15)

    @property
    def heading(self) -> str:
        who = self.entry.name if self.entry else "en remissinstans"
        ended = " – ärendet är avslutat" if self.closed else ""
        return f"Svar från {who} på {self.remiss.our_dnr or self.remiss.title}{ended}"

    @property
    def closed(self) -> str:
        """Why the answer cannot be registered: the utgående remiss is avslutad or återkallad (walk27 Y17)."""
        if self.remiss.status not in ENDED:
            return ""
        state = "avslutad" if self.remiss.status == S.avslutad.value else "återkallad"
        answered = ""
        if self.entry is not None and self.entry.answer_status == AnswerStatus.svarat:
            when = f" {format_date(self.entry.answered_on)}" if self.entry.answered_on else ""
            answered = f" {self.entry.name}s svar är redan registrerat{when}."
        return (f"{self.remiss.our_dnr or self.remiss.title} är {state}, så svaret kan inte registreras.{answered} "
                "Meddelandet är inte en ny remiss till oss: avvisa det, eller öppna filerna här.")

    @property
    def supplement(self) -> str:
        """When the instans has already answered: the mail is a komplettering, said before registering (walk14 #5)."""
        return answered_before(self.entry) if self.entry and not self.closed else ""


def answered_before(entry: SandlistaEntry) -> str:
    """ "Miljönämnden har redan svarat (5 december 2026). …", or "" when the instans has not answered."""
    if entry.answer_status != AnswerStatus.svarat:
        return ""
    when = f" ({format_date(entry.answered_on)})" if entry.answered_on else ""
    return (f"{entry.name} har redan svarat{when}. Meddelandet registreras som en komplettering: det första svaret "
            "behålls, meddelandets text läggs till sammanfattningen med sitt datum och filerna läggs till svarets.")


def _mail(message: InboxMessage, files_dir: str) -> tuple[str, bytes] | None:
    """The stored mail itself (the Inkorg keeps it first: message/rfc822, or an Outlook .msg from inbox-import)."""
    for item in json.loads(message.files or "[]"):
        if item.get("content_type") in ("message/rfc822", outlook.CONTENT_TYPE) \
                or item.get("filename", "").lower().endswith((".eml", ".msg")):
            try:
                return item["filename"], files.path_of(files_dir, item["key"]).read_bytes()
            except OSError:
                return None
    return None


# "SV: ", "Re: ", "VB: ", "Fwd: " in front of the subject replied to (repeated: "SV: RE: …")
_REPLY_LEAD = re.compile(r"^(?:(?:sv|svar|re|ang|vb|vs|fw|fwd|aw|antw)[ \t]*(?:\[\d+\])?[ \t]*:[ \t]*)+", re.IGNORECASE)
_LABEL = re.compile(r"^(?:remiss|påminnelse|anstånd|förlängd[ \t]+remisstid|ändrade[ \t]+frågeställningar)"
                    r"[ \t]*:[ \t]*",
                    re.IGNORECASE)
_REFERENCE = re.compile(r"[ \t]*(\([^()]{1,40}\))$")  # "(SOFÖ 2026/0008)" at the end of our own subject


ANSWER_LENGTH = 100  # characters of an answer mail's name: the instans's name and the remiss's (file_stem: 80)


def answer_file_name(entry_name: str, subject: str, suffix: str, taken: set[str]) -> str:
    """The name an instans's e-mailed answer is saved under on the remiss (walk26b X5): it leads with the instans
    ("Svar från Trafikverket – Förslag till parkeringsnorm för Öster (SOFÖ 2026-0008).eml"), without "SV:"/"Re:",
    the sender's lead our own subject has ("Stadsområdesnämnd Öster, Malmö stad – ") and its label ("Remiss:"); a
    long title is cut at a word and the diarienummer at the end kept, and a name already on the remiss gets " (2)"."""
    from remiss.intake.service.batches import file_stem
    from remiss.missiv.title_subject import without_sender

    rest = _LABEL.sub("", without_sender(_REPLY_LEAD.sub("", " ".join((subject or "").split()))))
    lead = f"Svar från {entry_name}"
    reference = _REFERENCE.search(rest)
    if reference and len(f"{lead} – {rest}") > ANSWER_LENGTH:
        tail = " " + file_stem(reference.group(1))
        title = rest[:reference.start()]
        stem = file_stem(f"{lead} – {title}", max(ANSWER_LENGTH - len(tail), len(lead) + 12)) + tail
    else:
        stem = file_stem(f"{lead} – {rest}" if rest else lead, ANSWER_LENGTH)
    name, n = files.safe_name(stem + suffix), 2
    while name in taken:
        name, n = files.safe_name(f"{stem} ({n}){suffix}"), n + 1
    return name


def _own_words(message: InboxMessage, files_dir: str) -> tuple[str, bool] | None:
    """The mail's own words (greeting, signature and quoted mail removed) and whether it carries a file."""
    stored = _mail(message, files_dir)
    if stored is None:
        return None
    if stored[0].lower().endswith(".eml"):
        mail = read_eml(stored[1])
        return mail.text, bool(mail.files)
    # an Outlook .msg: the text the Inkorg read from it, and the files it kept beside it
    return (answer_text(mail_body(json.loads(message.form_values or "{}").get("missiv_text") or "")),
            len(json.loads(message.files or "[]")) > 1)


def says_no_comments(message: InboxMessage, files_dir: str) -> bool:
    """Whether the mail's own words only say that the instans has no synpunkter (answer_words.says_no_comments) and
    it carries no file: an attached yttrande may say more, so then nothing is proposed (walk26 W9)."""
    words = _own_words(message, files_dir)
    return words is not None and not words[1] and answer_words.says_no_comments(words[0])


def says_declines(message: InboxMessage, files_dir: str) -> bool:
    """Whether the mail's own words only say that the instans avstår från att svara (answer_words.says_declines),
    with no file beside them: proposed as Avstår, the registrator confirms (walk26b X15)."""
    words = _own_words(message, files_dir)
    return words is not None and not words[1] and answer_words.says_declines(words[0])


def _references(raw: bytes) -> set[str]:
    try:
        headers = message_from_bytes(raw, policy=policy.compat32)
        text = " ".join(str(headers.get(h) or "") for h in ("In-Reply-To", "References"))
    except Exception:  # a broken mail: no references, the other signs still count
        return set()
    return set(_MSGID.findall(text))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _sent_entries(session: Session, remiss_id: int) -> list[SandlistaEntry]:
    return [e for e in remisser.entries(session, remiss_id) if e.sent_at is not None]


def _entry_for(entries: list[SandlistaEntry], *addresses: str) -> SandlistaEntry | None:
    for address in addresses:
        if address:
            found = [e for e in entries if e.email.strip().casefold() == address]
            if len(found) == 1:
                return found[0]
    return None


def find(session: Session, message: InboxMessage, files_dir: str) -> Reply | None:
    """The utgående remiss (and instans) a pending Inkorg message answers, or None when it answers none."""
    reply = _find(session, message, files_dir)
    if reply is not None and reply.entry is None:
        reply.likely, reply.likely_why = likely_entry(message, reply.entries)
    if reply is not None:
        reply.no_comments = says_no_comments(message, files_dir)
        reply.declines = not reply.no_comments and says_declines(message, files_dir)
    if reply is not None and message.sent_at is None:
        reply.undated = (f"Meddelandet saknar datum, så svaret registreras med dagen det hämtades "
                         f"({format_date(local(message.fetched_at).date())}). Kom det in en annan dag: rätta "
                         "svarsdatumet på instansens sida efteråt.")
    return reply


def _find(session: Session, message: InboxMessage, files_dir: str) -> Reply | None:
    if message.status != "pending":
        return None
    if json.loads(message.form_values or "{}").get("mail_kind") in (kinds.AUTOREPLY, kinds.NEWSLETTER):
        return None  # "Jag är ledig till …" in reply to the missiv is no answer
    sender = parseaddr(message.sender)[1].strip().casefold()
    stored = _mail(message, files_dir)
    refs = _references(stored[1]) if stored else set()
    if refs:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.message_id.in_(sorted(refs)),
                                                       OutboxMessage.kind.in_(mails.KINDS),
                                                       OutboxMessage.remiss_id.is_not(None))).first()
        remiss = session.get(Remiss, row.remiss_id) if row else None
        if remiss is not None and remiss.direction == Direction.utgaende and remiss.status in OPEN + ENDED:
            entries = _sent_entries(session, remiss.id)
            return Reply(remiss, _entry_for(entries, sender, row.recipient_email.strip().casefold()), entries,
                         "Meddelandet är ett svar på mejlet vi skickade med remissen.")
    subject = _squash(message.subject)
    candidates = session.exec(select(Remiss).where(Remiss.direction == Direction.utgaende.value,
                                                   Remiss.status.in_(OPEN + ENDED))).all()
    # "KS 2026/0002" in any spacing, not the start of "KS 2026/00021"; our own number wins also when the remiss is
    # closed, over any number in the attachments (walk27 Y17)
    by_dnr = [r for r in candidates if r.our_dnr and re.search(re.escape(_squash(r.our_dnr)) + r"(?!\d)", subject)]
    candidates = [r for r in candidates if r.status in OPEN]
    if len(by_dnr) == 1:
        entries = _sent_entries(session, by_dnr[0].id)
        return Reply(by_dnr[0], _entry_for(entries, sender), entries,
                     f"Ämnesraden har vårt diarienummer {by_dnr[0].our_dnr} för en utgående remiss.")
    if sender and _REPLY.match(message.subject or ""):
        by_sender = []
        for remiss in candidates:
            entries = _sent_entries(session, remiss.id)
            entry = _entry_for(entries, sender)
            if entry is not None and _squash(remiss.title) in subject:
                by_sender.append(Reply(remiss, entry, entries,
                                       f"Avsändaren är {entry.name}, som har fått remissen, och ämnesraden "
                                       "är ett svar med remissens ärendemening."))
        if len(by_sender) == 1:
            return by_sender[0]
    return None


def likely_entry(message: InboxMessage, entries: list[SandlistaEntry]) -> tuple[SandlistaEntry | None, str]:
    """The instans a mail from an unknown address most likely comes from, and why: its sender's display name, else
    a line of its signature, naming exactly one instans on the list; (None, "") otherwise."""
    display = parseaddr(message.sender)[0] if "@" in message.sender else message.sender
    found = _named(entries, [display])
    if found is not None:
        return found, f"Avsändaren heter {display.strip()}."
    text = json.loads(message.form_values or "{}").get("missiv_text") or ""
    found = _named(entries, signature_lines(text))
    if found is not None:
        return found, f"Meddelandets signatur nämner {found.name}."
    return None, ""


def _named(entries: list[SandlistaEntry], lines: list[str]) -> SandlistaEntry | None:
    """The one entry whose name stands as whole words in one of lines (case and spaces aside), else None."""
    found = {e.id: e for e in entries for line in lines
             if re.search(rf"(?<!\w){re.escape(name_key(e.name))}(?!\w)", name_key(line or ""))}
    return next(iter(found.values())) if len(found) == 1 else None


def record(session: Session, *, now: datetime, principal: Principal, message: InboxMessage, remiss: Remiss,
           entry: SandlistaEntry, files_dir: str, max_bytes: int, date_confirmed: bool = False,
           no_comments: bool = False, declines: bool = False) -> SandlistaEntry:
    """Register the mail as the instans's answer (the mail and its attachments as the answer files, its date as the
    answer's; no_comments: the box "Inga synpunkter", proposed by says_no_comments) and decide the Inkorg message."""
    from remiss.intake.service.batches import decide, take_message

    if refusal := take_message(session, message, user_id=principal.user_id):  # the message first, as every step
        raise InputErrors({"message": refusal})
    if entry.remiss_id != remiss.id or remiss.direction != Direction.utgaende:
        raise InputErrors({"entry_id": "Välj en remissinstans på den utgående remissens sändlista."})
    if remiss.status not in OPEN:
        raise InputErrors({"message": f"{remiss.our_dnr or remiss.title} är avslutad, så svaret kan inte registreras."})
    stored = _mail(message, files_dir)
    if stored is None:
        raise InputErrors({"message": "E-postmeddelandet finns inte sparat och kan inte registreras som svar."})
    taken = {a.filename for a in remiss_files.of_remiss(session, remiss.id)}
    stored = (answer_file_name(entry.name, message.subject, "." + stored[0].rsplit(".", 1)[-1].lower(), taken),
              stored[1])
    day = local(message.sent_at or message.fetched_at).date()
    if declines and entry.answer_status != AnswerStatus.svarat:  # Avstår, proposed by says_declines (walk26b X15)
        if no_comments:
            raise InputErrors({"no_comments": "Välj antingen ”Inga synpunkter” eller ”Avstår”, inte båda."})
        words = _own_words(message, files_dir)
        answers.decline(session, now=now, principal=principal, remiss=remiss, entry=entry, answered_on=day,
                        note=words[0] if words else "")
        remiss_files.add(session, now=now, principal=principal, remiss=remiss, filename=stored[0], data=stored[1],
                         files_dir=files_dir, max_bytes=max_bytes, purpose="svar", sandlista_entry_id=entry.id)
        decide(message, "merged", now=now, principal=principal, remiss=remiss)
        session.flush()
        return entry
    if entry.answer_status == AnswerStatus.svarat:  # a komplettering: the first answer is kept (walk14 #5)
        answers.add_supplement(session, now=now, principal=principal, remiss=remiss, entry=entry,
                               data=AnswerData(answered_on=day, files=[stored]), files_dir=files_dir,
                               max_bytes=max_bytes)
        decide(message, "merged", now=now, principal=principal, remiss=remiss)
        session.flush()
        return entry
    answers.register_answer(session, now=now, principal=principal, remiss=remiss, entry=entry,
                            data=AnswerData(answered_on=day, date_from_mail=True, date_confirmed=date_confirmed,
                                            files=[stored], no_comments=no_comments),
                            files_dir=files_dir, max_bytes=max_bytes)
    decide(message, "merged", now=now, principal=principal, remiss=remiss)
    session.flush()
    return entry


def refuse_merge(remiss: Remiss) -> None:
    """"För samman" files a mail as a remisshandling; on a remiss we sent, a mail is an instans's answer."""
    if remiss.direction == Direction.utgaende:
        raise InputErrors({"our_dnr": f"{remiss.our_dnr or remiss.title} är en remiss vi har skickat ut, så "
                                      "meddelandet sammanförs inte med den som en remisshandling. Är det ett svar "
                                      "från en remissinstans: registrera det som svar (”Registrera som svar”), "
                                      "eller ladda upp mejlet under instansens svar på remissen."})
