"""Mails to remissinstanser as generic outbox payloads, and turning such a payload into a message.

Payload keys (all plain JSON): subject, text, html, reply_to, attachments (list of
{storage_key, filename, content_type}); the files are read from FILES_DIR when the mail is built.
"""
from __future__ import annotations

import re
from datetime import date, time
from email.message import EmailMessage
from email.utils import format_datetime, formatdate

from remiss import files
from remiss.calendar.swedish import format_deadline, join_words
from remiss.namnd.models import Namnd, name_with_organisation
from remiss.reminders.mail import letter_html
from remiss.reminders.message import new_message
from remiss.remisser.models import Attachment, Remiss, SandlistaEntry

KINDS = ("outgoing_missiv", "outgoing_amendment", "outgoing_chaser", "outgoing_extension", "outgoing_deadline")
# Shown as sent the moment they are queued (per instans "med e-post", the API's sent_at, the export), and said to
# wait in the Utkorg until a sweep sends them (held.row_words). They ask the instans for an answer, which a closed
# case no longer takes, so closing stops those still waiting, says so, and reopening puts them back, as it does a
# besked om anstånd or a notice of förlängd remisstid (closing.cancel_answer_notices; walk27 Y8, walk28 Z4 –
# truth17 F9 let them go out after the closing). Kept sendable when closed: one a sweep has already taken goes out.
SENT_WHEN_QUEUED = ("outgoing_missiv", "outgoing_amendment")
# What the remiss page calls the mail of each kind while it waits in the Utkorg or has failed (reminders.queued)
UNSENT_LABELS = {"outgoing_missiv": "Missivet", "outgoing_amendment": "Det ändrade missivet",
                 "outgoing_extension": "Meddelandet om förlängd remisstid", "outgoing_chaser": "Påminnelsen",
                 "outgoing_deadline": "Beskedet om att svarstiden har gått ut"}
# … and the besked of one instans's anstånd, sent with the extension's kind, by its own name (walk29 A4)
UNSENT_KEY_LABELS = {"outgoing:anstand:": "Beskedet om anstånd"}
UNSENT_COMMON = frozenset({"outgoing_chaser"})  # "Påminnelsen" is an en-ord: "den är inte skickad"


def _payload(subject: str, paragraphs: list[str], *, reply_to: str, attachments: list[Attachment] = ()) -> dict:
    return {"subject": subject, "text": "\n\n".join(paragraphs) + "\n", "html": letter_html(paragraphs),
            "reply_to": reply_to,
            "attachments": [{"storage_key": a.storage_key, "filename": a.filename, "content_type": a.content_type}
                            for a in attachments]}


_REMISS_LEAD = re.compile(r"^\s*remiss(?:\s*:|\s+[-–—])\s*", re.I)


def bare_title(remiss: Remiss) -> str:
    """The title without a leading "Remiss:" (or "Remiss –"), for text that already says remiss: the subject was
    "Remiss: Remiss: Förslag …" (walk16 #10). "Remiss av promemorian X" is a title and stays whole."""
    return _REMISS_LEAD.sub("", remiss.title or "", count=1).strip() or remiss.title


def from_namnd(namnd: Namnd, subject: str) -> str:
    """The subject of a mail to an instans, led by who sends it as the yttrande's is (drafting.mailing.subject_of):
    "Stadsområdesnämnd Öster, Malmö stad – Remiss: Cykelplan för Öster (SOFÖ 2026/0006)". The From line names only
    the system, and "Remiss: …" alone tells a receiving registrator nothing of the sender (walk25b Z7)."""
    return f"{name_with_organisation(namnd)} – {subject}"


def answer_subject_hint(remiss: Remiss) -> str:
    return f"Ange diarienummer {remiss.our_dnr} i ämnesraden när ni svarar."


def _signature(namnd: Namnd, remiss: Remiss) -> str:
    """Signed as the yttrande mail is (drafting.mailing): the nämnd, its förvaltning and its organisation – not
    "Kommunstyrelsen" alone, which names no kommun (walk25 Y3) – then the Kontaktperson."""
    lines = [p for p in (namnd.name, namnd.forvaltning, namnd.organisation) if p]
    if remiss.contact_person:
        lines.append(f"Kontaktperson: {remiss.contact_person}"
                     + (f", {remiss.contact_email}" if remiss.contact_email else ""))
    return "\n".join(lines)


def missiv_mail(*, remiss: Remiss, namnd: Namnd, entry: SandlistaEntry, attachments: list[Attachment],
                base_url: str) -> dict:
    """The remiss itself: missiv and handlingar attached, answer address and diarienummer."""
    deadline = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    answer_to = remiss.answer_email or namnd.email
    paragraphs = [
        f"Till {entry.name}",
        f"{namnd.name} överlämnar härmed remissen ”{bare_title(remiss)}” (diarienummer {remiss.our_dnr}) för yttrande.",
        f"Svaret ska vara {namnd.name} tillhanda senast {deadline}. Skicka svaret med e-post till {answer_to}. "
        + answer_subject_hint(remiss),
        ("Bifogat finns missivet och remisshandlingarna: " if len(attachments) > 1 else "Bifogat finns missivet: ")
        + ", ".join(a.filename for a in attachments) + ".",
        "Om ni avstår från att yttra er, meddela gärna det till samma adress.",
        _signature(namnd, remiss),
    ]
    title = bare_title(remiss)  # "Remiss av promemorian X" says remiss itself
    lead = "" if re.match(r"remiss\b", title, re.I) else "Remiss: "
    subject = f"{lead}{title} ({remiss.our_dnr})"  # the body asks for the number in the answer
    return _payload(from_namnd(namnd, subject), paragraphs, reply_to=answer_to, attachments=attachments)


def amendment_mail(*, remiss: Remiss, namnd: Namnd, entry: SandlistaEntry, attachments: list[Attachment],
                   questions: bool = True, added: list[str] = ()) -> dict:
    """The changed missiv to an instans that was sent the remiss before its frågeställningar changed or remisshandlingar
    (added, by name) were added: the text says which, or both (walk24 V6: it said "har ändrat frågeställningarna"
    of new files). The svarsdag is the one that applies to this instans, its own anstånd if that runs longer, as in
    its reminders (walk18 F19)."""
    deadline = own_deadline(remiss, entry)
    answer_to = remiss.answer_email or namnd.email
    title = f"”{bare_title(remiss)}” (diarienummer {remiss.our_dnr}), som ni har fått tidigare"
    one = len(added) == 1
    files_said = join_words([f"”{name}”" for name in added])
    new_files = (f"den nya remisshandlingen {files_said}" if one else f"de nya remisshandlingarna {files_said}")
    if added and questions:
        lead = (f"{namnd.name} har ändrat frågeställningarna i remissen {title}, och lagt till {new_files}. Det "
                f"ändrade missivet med de frågeställningar som gäller och {new_files} är bifogade; svara gärna "
                "utifrån dem.")
        subject = f"Ändrade frågeställningar och {'ny remisshandling' if one else 'nya remisshandlingar'}"
    elif added:
        lead = (f"{namnd.name} har lagt till {new_files} i remissen {title}. {'Den' if one else 'De'} är "
                f"{'bifogad' if one else 'bifogade'} med missivet, som nu listar alla remisshandlingar.")
        subject = "Ny remisshandling" if one else "Nya remisshandlingar"
    else:
        lead = (f"{namnd.name} har ändrat frågeställningarna i remissen {title}. Det ändrade missivet med de "
                "frågeställningar som gäller är bifogat; svara gärna utifrån dem.")
        subject = "Ändrade frågeställningar"
    paragraphs = [
        f"Till {entry.name}",
        lead,
        f"Svaret ska vara {namnd.name} tillhanda senast {deadline}. Skicka svaret med e-post till {answer_to}. "
        + answer_subject_hint(remiss),
        ("Bifogat finns missivet och remisshandlingarna: " if len(attachments) > 1 else "Bifogat finns missivet: ")
        + ", ".join(a.filename for a in attachments) + ".",
        _signature(namnd, remiss),
    ]
    return _payload(from_namnd(namnd, f"{subject}: {remiss.title} ({remiss.our_dnr})"), paragraphs,
                    reply_to=answer_to, attachments=attachments)


def own_deadline(remiss: Remiss, entry: SandlistaEntry) -> str:
    """The svarsdag that applies to entry (chasers.deadline_of), said with its anstånd when that runs past the
    remiss's general svarsdag, which the missiv states (walk18 F19)."""
    from remiss.outgoing.service.chasers import deadline_of

    own = deadline_of(remiss, entry)
    general = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if own == general:
        return format_deadline(*own)
    return (f"{format_deadline(*own)} enligt det anstånd ni har fått (missivet anger remissens allmänna svarsdag, "
            f"{format_deadline(*general)})")


def anstand_letter_note(remiss: Remiss, namnd: Namnd, entry: SandlistaEntry) -> list[str]:
    """For the changed missiv sent by post: the instans's own svarsdag under its anstånd, or nothing."""
    said = own_deadline(remiss, entry)
    if said == format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time):
        return []
    return [f"Till {entry.name}: svaret ska vara {namnd.name} tillhanda senast {said}."]


def chaser_mail(*, remiss: Remiss, namnd: Namnd, entry: SandlistaEntry, deadline_on: date,
                deadline_time: time | None, after: bool) -> dict:
    """A polite reminder to an instans that has not answered."""
    deadline = format_deadline(deadline_on, deadline_time)
    answer_to = remiss.answer_email or namnd.email
    if after:
        lead = (f"Vi har ännu inte fått något svar från {entry.name} på remissen ”{bare_title(remiss)}”, "
                f"som skulle ha varit {namnd.name} tillhanda senast {deadline}. Vi är tacksamma för ert svar "
                "så snart som möjligt, eller ett besked om ni avstår eller behöver mer tid.")
        subject = f"Påminnelse: svar saknas på remissen {bare_title(remiss)} ({remiss.our_dnr})"
    else:
        lead = (f"Detta är en vänlig påminnelse om att svaret från {entry.name} på remissen ”{bare_title(remiss)}” "
                f"ska vara {namnd.name} tillhanda senast {deadline}.")
        subject = f"Påminnelse: remissen {bare_title(remiss)} ({remiss.our_dnr}) ska besvaras senast {deadline}"
    paragraphs = [f"Till {entry.name}", lead,
                  f"Skicka svaret med e-post till {answer_to}. " + answer_subject_hint(remiss),
                  "Har ni redan svarat kan ni bortse från detta meddelande.", _signature(namnd, remiss)]
    # after and deadline_on: for the send-time check that drops a "before" chaser whose day has passed (F32)
    return {**_payload(from_namnd(namnd, subject), paragraphs, reply_to=answer_to), "after": after,
            "deadline_on": deadline_on.isoformat()}


def extension_mail(*, remiss: Remiss, namnd: Namnd, entry: SandlistaEntry, old: tuple, new: tuple,
                   reason: str) -> dict:
    """Meddelande om förlängd remisstid (seed 003 is the model)."""
    paragraphs = [f"Till {entry.name}"] + extension_text(remiss=remiss, namnd=namnd, old=old, new=new, reason=reason)
    subject = f"Förlängd remisstid: {remiss.title} ({remiss.our_dnr})"
    return _payload(from_namnd(namnd, subject), paragraphs, reply_to=remiss.answer_email or namnd.email)


def anstand_mail(*, remiss: Remiss, namnd: Namnd, entry: SandlistaEntry, old: tuple, new: tuple) -> dict:
    """Besked om anstånd to the one instans granted it (walk24 V14): its own svarsdag, as the general extension's
    notice says the remiss's. The Skäl stays in the history: it is the instans's own request, or a note for us."""
    answer_to = remiss.answer_email or namnd.email
    paragraphs = [
        f"Till {entry.name}",
        f"Besked om anstånd: {remiss.title} ({remiss.our_dnr})",
        (f"Svaret skulle vara {namnd.name} tillhanda senast {format_deadline(*old)}. " if old and old[0] else "")
        + f"{entry.name} har fått anstånd: svaret ska vara {namnd.name} tillhanda senast {format_deadline(*new)}.",
        f"Skicka svaret med e-post till {answer_to}. " + answer_subject_hint(remiss),
        _signature(namnd, remiss),
    ]
    subject = f"Anstånd: {remiss.title} ({remiss.our_dnr})"
    return _payload(from_namnd(namnd, subject), paragraphs, reply_to=answer_to)


def extension_text(*, remiss: Remiss, namnd: Namnd, old: tuple | None, new: tuple, reason: str) -> list[str]:
    """The message's paragraphs after the greeting: the same in the mail and in the letter printed for post. old is
    the deadline the instans had (its own anstånd, if that applied); None leaves that sentence out."""
    answer_to = remiss.answer_email or namnd.email
    return [
        f"Meddelande om förlängd remisstid: {remiss.title} ({remiss.our_dnr})",
        (f"Svaret skulle vara {namnd.name} tillhanda senast {format_deadline(*old)}. " if old and old[0] else "")
        + (f"{sentence(reason)} " if reason.strip() else "")
        + f"Vi meddelar att remisstiden för ärendet härmed förlängs till {format_deadline(*new)}.",
        f"Skicka svaret med e-post till {answer_to}. " + answer_subject_hint(remiss),
        _signature(namnd, remiss),
    ]


def sentence(text: str) -> str:
    """Text typed in a one-line field as a sentence of a letter: "Fler instanser bad om tid" ends with a full stop
    (walk24 V8), one that already ends a sentence is left as typed."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def build_message(*, payload: dict, recipient: str, mail_from: str, message_id: str, files_dir: str,
                  sent_at=None) -> EmailMessage:
    """Turn a generic payload into a MIME message with plain text, HTML and attached files."""
    message = new_message()  # headers on one line: a title with line breaks must not stop the mail
    message["From"] = mail_from
    message["To"] = recipient
    message["Subject"] = payload.get("subject", "")
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(sent_at) if sent_at else formatdate(localtime=False)
    if payload.get("reply_to"):
        message["Reply-To"] = payload["reply_to"]
    message.set_content(payload.get("text", ""))
    if payload.get("html"):
        message.add_alternative(payload["html"], subtype="html")
    for item in payload.get("attachments", []):
        data = files.path_of(files_dir, item["storage_key"]).read_bytes()
        maintype, _, subtype = item.get("content_type", "application/octet-stream").partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype or "octet-stream",
                               filename=item["filename"])
    return message


def _anstand_runs(remiss: Remiss, entry, now) -> str:
    """ "Pensionärsrådet (till 23 april 2027 kl. 15.00)" while the instans's own anstånd runs at now, else ""."""
    from datetime import datetime

    from remiss.clock import STOCKHOLM
    from remiss.outgoing.service.chasers import _ends, deadline_of

    day, at = deadline_of(remiss, entry)
    if now is None or not entry.extended_until_on or day != entry.extended_until_on:
        return ""
    if datetime.combine(*_ends(day, at), tzinfo=STOCKHOLM) <= now:
        return ""
    return f"{entry.name} (till {format_deadline(day, at)})"


def deadline_notice(session, *, remiss: Remiss, base_url: str, now=None) -> dict:
    """To our own officer, the morning after the svarstid ran out: who has answered, who has not, what next.
    Built when it is sent, from the sändlista as it is then; an instans whose own anstånd still runs at now is
    named apart, not among the late ones (truth16 F26)."""
    from remiss.outgoing.overview import counts, declined_early, declined_early_words
    from remiss.outgoing.service.lifecycle import ANSWERED
    from remiss.remisser import service as remisser

    tally = counts(session, remiss.id)
    open_entries = [e for e in remisser.entries(session, remiss.id) if e.answer_status not in ANSWERED]
    anstand = [said for e in open_entries if e.sent_at is not None and (said := _anstand_runs(remiss, e, now))]
    open_entries = [e for e in open_entries if not (e.sent_at is not None and _anstand_runs(remiss, e, now))]
    from remiss.outgoing import held
    from remiss.outgoing.held import unreached as unreached_of
    unreached = unreached_of(session, [remiss.id]).get(remiss.id, set())  # never asked: said apart (h-queue24)
    kept = held.held_entry_ids(session, remiss.id) if unreached else set()  # held back: nothing failed (Z2)
    failed = [e.name for e in open_entries if e.id in unreached and e.id not in kept]
    held_back = [e.name for e in open_entries if e.id in unreached and e.id in kept]
    open_entries = [e for e in open_entries if e.id not in unreached]
    waiting = [e.name for e in open_entries if e.sent_at is not None]
    # only an instans with an e-mail address gets the reminders: the others are chased by letter or phone (walk17 F16)
    no_mail = [e.name for e in open_entries if e.sent_at is not None and not (e.email or "").strip()]
    unsent = [e.name for e in open_entries if e.sent_at is None]  # added after sending (walk12b #14)
    paragraphs = [
        "Hej!",
        f"Svarstiden för den utgående remissen ”{bare_title(remiss)}” ({remiss.our_dnr}) gick ut "
        f"{format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}. "
        f"{tally['answered']} av {tally['asked']} remissinstanser har svarat"  # of those asked (walk22 L6)
        + (f" och {tally['declined_asked']} avstår" if tally["declined_asked"] else "") + "."
        + (f" {declined_early_words(early, sent=True)}"
           if (early := declined_early(remisser.entries(session, remiss.id))) else ""),
        ("Inte svarat än: " + ", ".join(waiting) + "."
         + (" De med e-post får en påminnelse enligt nämndens inställning." if len(no_mail) < len(waiting) else "")
         + (f" {join_words(no_mail)} har ingen e-postadress och får ingen påminnelse – hör av er per brev eller "
            "telefon." if no_mail else "")
         if waiting else "" if anstand else "Alla som har fått remissen har svarat eller avstått."
         if unsent or failed or held_back else "Alla har svarat eller avstått."),
        *([f"Har anstånd och har inte svarat än: {', '.join(anstand)}."] if anstand else []),
        *([f"Missivet kunde inte e-postas till {join_words(failed)}, som inte har fått remissen: se utkorgen."]
          if failed else []),
        *([f"Missivet till {join_words(held_back)} hålls kvar, så {'den' if len(held_back) == 1 else 'de'} har inte "
           "fått remissen: nämndens mall för missiv kan inte göra det. Byt mall under Dokumentmallar eller välj "
           "”Skapa missivet på nytt” på remissen."] if held_back else []),
        *([f"Remissen är inte skickad än till {', '.join(unsent)}: skicka den under Utskick och svar."]
          if unsent else []),
        "Nästa steg: registrera de svar som kommit per post eller e-post, och sammanställ svaren: "
        f"{base_url.rstrip('/')}/remisser/{remiss.id}#utskick",
    ]
    subject = (f"Svarstiden har gått ut: {remiss.title} ({remiss.our_dnr}), {tally['answered']} av {tally['asked']} "
               "har svarat")
    return _payload(subject, [p for p in paragraphs if p], reply_to="")


def compose(session, row, *, config, now) -> EmailMessage:
    """Build the mail of an outbox row of one of KINDS (same signature as remiss.reminders.mail.compose)."""
    import json

    from remiss.clock import local

    payload = json.loads(row.payload or "{}")
    if row.kind == "outgoing_deadline":
        remiss = session.get(Remiss, row.remiss_id)
        payload = deadline_notice(session, remiss=remiss, base_url=config.get("BASE_URL", ""), now=now)
    message = build_message(payload=payload, recipient=row.recipient_email,
                            mail_from=config.get("MAIL_FROM", "Remiss <remiss@localhost>"),
                            message_id=row.message_id, files_dir=config["FILES_DIR"],
                            # when it leaves, not when it was planned or queued (walk27 Y15): what the
                            # instans's mail program sorts by and its diarium registers, as for our own reminders
                            sent_at=local(now))
    message["X-Remiss-Outbox-Id"] = str(row.id)
    message["X-Remiss-Kind"] = row.kind
    return message
