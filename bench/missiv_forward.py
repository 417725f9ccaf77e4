"""Wrap a remittent's letter the way Outlook, Gmail and Apple Mail forward it, for the forwarded-e-mail cases.

Forwarded remisser are scarce in public material, so the evaluation builds them from the real letters:
the letter becomes the innermost message of a forward (Swedish or English Outlook headers, a Gmail
"Forwarded message" block, a two-level chain, or an Apple Mail quote with "> " on every line). The
subject carries the title, the forwarder's own note and signature sit on top, and in some styles the
remittent's handläggare signs the inner message. Expected fields stay those of the letter, except that
a signing handläggare becomes the contact person when the letter names none.
"""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

STYLES = ("sv", "en", "gmail", "chain", "quoted")

_MONTHS_SV = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
              "oktober", "november", "december")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_DAYS_SV = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Invented people: the registrator who forwards, and handläggare who sign the remittent's mail.
_FORWARDERS = (("Kim Lindqvist", "registrator@vaxjo.se", "Växjö kommun"),
               ("Anna-Karin Berg", "kommunstyrelsen@lund.se", "Lunds kommun"))
_SIGNERS = ("Maria Holmberg", "Johan Ek", "Sofia Nyström", "Per-Erik Sandberg")


def style_for(case_id: str) -> str:
    """Return the forwarding style a letter gets, chosen by a hash of its id (stable, not tuned)."""
    return STYLES[int(hashlib.sha256(f"forward:{case_id}".encode()).hexdigest(), 16) % len(STYLES)]


def _sent(case: dict) -> date | None:
    """Return a sending day six weeks before the deadline; None when the letter's year is not known.

    A forward's date gives a yearless deadline its year, so an invented date would invent the year: letters
    whose annotation has no deadline get headers without a date.
    """
    deadline = case["expected"].get("deadline_date") or case["expected"].get("extension_to")
    return date.fromisoformat(deadline) - timedelta(days=41) if deadline else None


def _sv_date(day: date | None) -> str:
    return f"{_DAYS_SV[day.weekday()]} den {day.day} {_MONTHS_SV[day.month - 1]} {day.year} 09:14" if day else "–"


def _en_date(day: date | None) -> str:
    return f"{_DAYS_EN[day.weekday()]}, {_MONTHS_EN[day.month - 1]} {day.day}, {day.year} 9:14 AM" if day else "–"


def _subject(case: dict) -> str:
    title = case["expected"]["title"]
    if case["kind"] == "extension":
        return f"Förlängd svarstid – {title}"
    pick = int(hashlib.sha256(case["id"].encode()).hexdigest(), 16) % 3
    return (f"Remiss: {title}", f"Remiss av {title}", f"Remiss – {title}")[pick]


def mailbox(name: str, domain: str) -> str:
    """Return an invented person's address: "Per-Erik Sandberg" → "per-erik.sandberg@domain"."""
    return name.lower().replace(" ", ".").translate(str.maketrans("åäöé", "aaoe")) + "@" + domain


def _sender(case: dict, signer: str | None) -> str:
    answer = case["expected"].get("answer_email")
    domain = answer.split("@")[1] if answer else "remittent.example.se"
    if signer:
        return f"{signer} <{mailbox(signer, domain)}>"
    return f"Registrator <registrator@{domain}>"


def _signature(case: dict, signer: str) -> str:
    body = case["expected"].get("remittent") or ""
    return f"\n\nMed vänliga hälsningar\n\n{signer}\nHandläggare\n{body}\nTelefon 010-223 10 00\n"


def forward(case: dict, style: str | None = None) -> dict:
    """Return a new case: the letter forwarded in `style`, kind "email", same split and expectations."""
    style = style or style_for(case["id"])
    expected = dict(case["expected"])
    pick = int(hashlib.sha256(f"signer:{case['id']}".encode()).hexdigest(), 16)
    signer = None
    if style in ("en", "chain", "quoted"):
        signer = expected.get("contact_person") or _SIGNERS[pick % len(_SIGNERS)]
        expected["contact_person"] = signer
    fwd_name, fwd_mail, fwd_org = _FORWARDERS[pick % len(_FORWARDERS)]
    subject = _subject(case)
    sent = _sent(case)
    letter = case["text"].strip() + (_signature(case, signer) if signer else "\n")
    sender = _sender(case, signer)
    note = f"Hej!\n\nSe nedan, kan du registrera remissen?\n\nHälsningar\n{fwd_name}\n{fwd_org}\n\n"
    if style == "sv":
        text = (f"{note}Från: {sender}\nSkickat: {_sv_date(sent)}\n"
                f"Till: {fwd_name} <{fwd_mail}>\nÄmne: {subject}\n\n{letter}")
    elif style == "en":
        text = (f"{note}-----Original Message-----\nFrom: {sender}\nSent: {_en_date(sent)}\n"
                f"To: {fwd_name} <{fwd_mail}>\nCc: Kommunstyrelsen <ks@example.se>\nSubject: {subject}\n\n{letter}")
    elif style == "gmail":
        text = (f"{note}---------- Forwarded message ---------\nFrom: {sender}\nDate: {_en_date(sent)}\n"
                f"Subject: {subject}\nTo: <{fwd_mail}>\n\n\n{letter}")
    elif style == "chain":
        middle = (f"Från: Kommunstyrelsen <ks@example.se>\nSkickat: {_sv_date(sent + timedelta(days=1) if sent else None)}"
                  f"\nTill: {fwd_name} <{fwd_mail}>\n"
                  f"Ämne: VB: {subject}\n\nTill registraturen för diarieföring.\n\n/Bo Ahlström\n\n")
        inner = (f"From: {sender}\nSent: {_en_date(sent)}\nTo: Kommunstyrelsen <ks@example.se>\n"
                 f"Subject: {subject}\n\n{letter}")
        text = f"{note}{middle}{inner}"
    else:  # quoted: Apple Mail and many plain-text clients quote the forwarded message line by line
        quoted = "\n".join(f"> {line}" if line else ">" for line in letter.splitlines())
        text = (f"{note}Vidarebefordrat brev:\n\n> Från: {sender}\n> Ämne: {subject}\n"
                f"> Datum: {_sv_date(sent)}\n> Till: {fwd_mail}\n>\n{quoted}\n")
    head = "VB: " if style in ("sv", "chain", "quoted") else "Fwd: " if style == "gmail" else "FW: "
    outer = f"Från: {fwd_name} <{fwd_mail}>\nÄmne: {head}{'VB: ' if style == 'chain' else ''}{subject}\n\n"
    return {**case, "id": f"{case['id']}-{style}", "kind": "email", "forwarded_from": case["id"],
            "text": outer + text, "expected": expected}
