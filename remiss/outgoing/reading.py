"""Read an answer that came as an e-mail file (.eml): when it was sent, its text and its attached files."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from remiss.clock import STOCKHOLM
from remiss.missiv import signature

TEXT_LIMIT = 5000


@dataclass
class MailAnswer:
    sent_on: date | None
    sender: str
    subject: str
    text: str
    files: list[tuple[str, bytes]] = field(default_factory=list)
    sent_at: datetime | None = None  # the Date header's moment, when it names a zone (walk27 Y7: time, not only day)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _plain(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# "Hej,", "Hej Kommunstyrelsen!", "Hejsan", "God dag", "Hallå": a salutation line, not the answer
_SALUTATION = re.compile(r"^(?:hej(?:san)?|hallå|god (?:dag|morgon|eftermiddag)|till \S[^\n]{0,60}|hi|hello|dear)"
                         r"(?:[ \t]+[^\n]{0,60}?)?[ \t]*[,!.:]?[ \t]*$", re.IGNORECASE)
# "Den 4 dec. 2026 kl. 10:12 skrev Sara <sara@…>:", "On Fri, … wrote:": the mail quoted below the reply
_ATTRIBUTION = re.compile(r"^(?:den|on|am)\b.{0,160}\b(?:skrev|wrote|schrieb)\b.{0,120}:\s*$", re.IGNORECASE)


def answer_text(text: str) -> str:
    """The instans's own words in a mail: without the greeting above, the signature below ("Med vänlig hälsning",
    name, title, telephone; the same rules that end a letter in remiss.missiv.signature) and the quoted mail it
    replies to ("> …", "Den … skrev:", "Från: … Skickat: …"). Text that is nothing but those is kept as it was."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _SALUTATION.match(lines[start].strip()) and len(lines[start].split()) <= 4:
        start += 1
    end = len(lines)
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if line.startswith(">") or _ATTRIBUTION.match(line) or signature.ends_letter(lines, index):
            end = index
            break
    kept = "\n".join(lines[start:end]).strip()
    return re.sub(r"\n{3,}", "\n\n", kept) if kept else text.strip()


def read_eml(data: bytes) -> MailAnswer:
    """Parse an .eml file; a file that is not a mail gives an empty answer, never an exception."""
    try:
        message = message_from_bytes(data, policy=policy.default)
        try:
            sent = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        except (TypeError, ValueError):
            sent = None
        sent_on = (sent.astimezone(STOCKHOLM).date() if sent.tzinfo else sent.date()) if sent else None
        body = message.get_body(preferencelist=("plain", "html"))
        text = ""
        if body is not None:
            text = body.get_content()
            if body.get_content_subtype() == "html":
                text = _plain(text)
        files = []
        for part in message.iter_attachments():
            name = part.get_filename()
            payload = part.get_payload(decode=True)
            if name and payload:
                files.append((name, payload))
        text = answer_text(re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n")).strip())
        return MailAnswer(sent_on, str(message["From"] or ""), str(message["Subject"] or ""), text[:TEXT_LIMIT],
                          files, sent if sent is not None and sent.tzinfo else None)
    except Exception:  # a broken upload is kept as a file; we only fail to read more from it
        return MailAnswer(None, "", "", "")


_HEADER_LINE = re.compile(r"^(?:Subject|From|Date|To|Cc|Message-ID):[^\n]*\n?", re.IGNORECASE)


def mail_body(text: str) -> str:
    """The body of a mail as the reading worker gives it: without its header lines above and the attachments'
    text below ("--- Bilaga: …", "[Bilagan … kunde inte läsas …]")."""
    text = text.replace("\r\n", "\n").split("\n--- Bilaga: ", 1)[0].split("\n[Bilagan ", 1)[0]
    while _HEADER_LINE.match(text):
        text = _HEADER_LINE.sub("", text, count=1)
    return text


def signature_lines(text: str, *, limit: int = 8) -> list[str]:
    """The lines that sign a mail's own words ("Med vänlig hälsning", name, title, instans), never those of a mail
    quoted below it; [] when it has no signature."""
    lines = mail_body(text).split("\n")
    start = None
    for index, raw in enumerate(lines):
        line = raw.strip()
        if line.startswith(">") or _ATTRIBUTION.match(line) or signature.QUOTED_HEADER.match(line):
            lines = lines[:index]
            break
        if start is None and signature.ends_letter(lines, index):
            start = index
    if start is None:
        return []
    return [line.strip() for line in lines[start:] if line.strip()][:limit]


def read_msg(data: bytes, filename: str, *, max_bytes: int) -> MailAnswer:
    """Read an Outlook .msg as read_eml reads an .eml, in the sandbox worker as the Inkorg reads one
    (remiss.intake.outlook; walk14 #2); a file that cannot be read gives an empty answer, never an exception."""
    from remiss.files import FileRejected
    from remiss.intake import outlook
    from remiss.intake.reading import ReadLimits

    try:
        reading = outlook.read(data, filename, ReadLimits(max_bytes))
    except FileRejected:
        return MailAnswer(None, "", "", "")
    header = reading.header
    try:
        sent = parsedate_to_datetime(header["Date"]) if header.get("Date") else None
    except (TypeError, ValueError):
        sent = None
    sent_on = (sent.astimezone(STOCKHOLM).date() if sent.tzinfo else sent.date()) if sent else None
    # the worker's text of a mail: its header lines, the body, then "--- Bilaga: name ---" and each file's text
    text = mail_body(reading.text)
    files = [(u.filename, u.data) for u in reading.keep if u.data != data]  # its attachments, not the .msg
    text = answer_text(re.sub(r"\n{3,}", "\n\n", text).strip())
    return MailAnswer(sent_on, header.get("From", ""), header.get("Subject", ""), text[:TEXT_LIMIT], files)
