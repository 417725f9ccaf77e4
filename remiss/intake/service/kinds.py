"""What kind of mail an Inkorg message is, read from its headers, subject and text before any matching: an
automatic reply or a newsletter (no remiss, whatever remiss words they carry), a remittent's reminder about a
remiss (nothing new: it belongs with the remiss already registered), or an ordinary letter. Rules from the
patterns such mails share (headers a mail program sets, subject lead-ins, an unsubscribe line), never from one
mail's words."""
from __future__ import annotations

import re

from remiss.missiv.title_subject import without_sender

NEWSLETTER = "nyhetsbrev"  # form_values["mail_kind"]
AUTOREPLY = "autosvar"
REMINDER = "påminnelse"

# "VB:", "Fwd:", "SV:" before what the sender wrote
FORWARD_LEAD = r"(?:(?:vb|fw|fwd|sv|re|vs|tr|ang)\s*:\s*)*"

# Automatic replies (RFC 3834 and what Outlook, Exchange and Gmail put in the subject)
_AUTOREPLY_SUBJECT = re.compile(
    FORWARD_LEAD + r"(?:automatiskt\s+svar|autosvar|auto[- ]?reply|automatic\s+reply|out\s+of\s+(?:the\s+)?office|"
    r"frånvaromeddelande|frånvaro|semestersvar|abwesenheitsnotiz)\b", re.IGNORECASE)

# A newsletter says so in its subject, or carries an unsubscribe line
_NEWSLETTER_WORD = re.compile(r"\b(?:nyhetsbrev\w*|newsletter)\b", re.IGNORECASE)
_UNSUBSCRIBE = re.compile(r"\b(?:avregistrera\s+dig|avsluta\s+(?:din\s+)?prenumeration|avanmäl\s+dig\s+från|"
                          r"sluta\s+prenumerera|unsubscribe)\b", re.IGNORECASE)
_REPORT = re.compile(r"\b(?:SOU|Ds|DS|Prop\.?|prop\.?)[ \t]+(?:19|20)\d\d(?:/\d\d)?:\d{1,3}(?!\d)")
_DEADLINES = re.compile(r"\bsenast\s+(?:den\s+)?(\d{1,2}\s+\w+(?:\s+\d{4})?)", re.IGNORECASE)

# "Påminnelse: Remiss - X", "Reminder: …"; or the text: "Vi vill påminna om att svaren …", "Detta är en påminnelse"
_REMINDER_SUBJECT = re.compile(FORWARD_LEAD + r"(?:påminnelse|reminder)\b", re.IGNORECASE)
_REMINDER_TEXT = re.compile(r"\b(?:vill\s+(?:vi\s+)?(?:bara\s+)?påminna\s+om|vi\s+påminner\s+om|"
                            r"(?:detta|det\s+här)\s+är\s+en\s+påminnelse|påminnelse\s+om\s+(?:remiss|svar|att))",
                            re.IGNORECASE)

# What a title must lose: forward and reminder lead-ins, "Remiss - " / "Remiss: " (not "Remiss av X", a title)
_TITLE_LEAD = re.compile(r"^\W*(?:(?:vb|fw|fwd|sv|re|vs|tr|ang|påminnelse(?:\s+om)?|reminder)\s*[:\-–]\s*|"
                         r"remiss\s*[:\-–]\s+)+", re.IGNORECASE)


def auto_reply_reason(headers, subject: str) -> str:
    """Why the mail is an automatic reply ("" when it is none): its headers or its subject's lead-in."""
    submitted = _get(headers, "Auto-Submitted").lower()
    if submitted and submitted != "no":
        return f"rubriken Auto-Submitted: {submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Reply"):
        if _get(headers, name):
            return f"rubriken {name}"
    if _get(headers, "Precedence").lower() == "auto_reply":
        return "rubriken Precedence: auto_reply"
    found = _AUTOREPLY_SUBJECT.match(subject)
    return f"ämnet börjar med ”{found.group(0).strip().rstrip(':').strip()}”" if found else ""


def newsletter_reason(headers, subject: str, text: str) -> str:
    """Why the mail is a newsletter ("" when it is none): a mailing-list header, "Nyhetsbrev" in its subject, or
    an unsubscribe line beside several remisser (a remittent's missiv is about one)."""
    if _get(headers, "List-Unsubscribe") or _get(headers, "List-Id"):
        return "rubriken List-Unsubscribe eller List-Id (ett utskick till en e-postlista)"
    if _get(headers, "Precedence").lower() in ("bulk", "list"):
        return "rubriken Precedence: " + _get(headers, "Precedence").lower()
    if _NEWSLETTER_WORD.search(subject):
        return "ämnet säger att det är ett nyhetsbrev"
    text = text[:50000]
    if _UNSUBSCRIBE.search(text):
        reports = {" ".join(r.split()) for r in _REPORT.findall(text)}
        deadlines = {" ".join(d.lower().split()) for d in _DEADLINES.findall(text)}
        if len(reports) >= 2 or len(deadlines) >= 2:
            return "texten har en avregistreringsrad och nämner flera remisser"
    return ""


def is_reminder(subject: str, title: str, text: str) -> bool:
    """A remittent's reminder about a remiss already sent: "Påminnelse" leads the subject, or the text says it
    reminds of the answer."""
    return bool(_REMINDER_SUBJECT.match(subject) or _REMINDER_SUBJECT.match(without_sender(subject or ""))
                or _REMINDER_SUBJECT.match(title or "")
                or _REMINDER_TEXT.search((text or "")[:20000]))


def clean_title(title: str) -> str:
    """A title without forward and reminder lead-ins ("VB: Påminnelse: Remiss - X" → "X")."""
    cleaned = _TITLE_LEAD.sub("", " ".join((title or "").split()), count=1).strip()
    return cleaned if len(cleaned) >= 5 else " ".join((title or "").split())


def reason_text(kind: str, reason: str) -> str:
    """The Inkorg's words for why a message does not look like a remiss."""
    if kind == AUTOREPLY:
        return f"automatiskt svar ({reason})" if reason else "automatiskt svar"
    if kind == NEWSLETTER:
        return f"nyhetsbrev ({reason})" if reason else "nyhetsbrev"
    return ""


def _get(headers, name: str) -> str:
    try:
        return re.sub(r"\s+", " ", str(headers[name] or "")).strip()
    except (ValueError, TypeError, IndexError, KeyError):
        return ""
