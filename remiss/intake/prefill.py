"""Turn a parsed missiv into registration form values and the words each value was read from."""
from __future__ import annotations

import re
from datetime import date, datetime

from remiss.missiv import MissivResult

# Parser evidence field → registration form field.
FORM_FIELD = {"title": "title", "remittent": "remittent", "sender_dnr": "sender_dnr", "deadline": "deadline_on",
              "letter_date": "letter_date", "answer_email": "answer_email", "contact_person": "contact_person",
              "contact_email": "contact_email", "sandlista": "sandlista", "questions": "questions", "received": "received_on",
              "answer_address": "answer_address"}
MISSIV_TEXT_LIMIT = 200_000  # remiss.remisser.input.LIMITS["missiv_text"]
SNIPPET_CHARS = 160
CONTEXT_CHARS = 40
COPY_WORDS = re.compile(r"\bkopia\b|\bkopior\b|\bcc\b", re.IGNORECASE)
MARKUP = re.compile(r"\*\*|\(mailto:|\]\([^)\s]*\)?|[\[\]]")  # Markdown residue of mail bodies: **, [text](url)


def form_values(result: MissivResult, text: str) -> dict[str, str]:
    """Return the registration form's text values for what the parser found."""
    values = {
        "title": result.title or "",
        "remittent": result.remittent or "",
        "sender_dnr": result.sender_dnr or "",
        "answer_email": result.answer_email or "",
        "copy_emails": ", ".join(result.copy_emails),
        "contact_person": result.contact_person or "",
        "contact_email": result.contact_email or "",
        "answer_address": getattr(result, "answer_address", None) or "",
        "sandlista": "\n".join(result.sandlista),
        "questions": "\n".join(result.questions),
        "letter_date": result.letter_date.isoformat() if result.letter_date else "",
        "received_on": result.received_date.isoformat() if result.received_date else "",  # empty: today
        "deadline_on": "",
        "deadline_time": "",
        "missiv_text": text[:MISSIV_TEXT_LIMIT],
        # round 26: the other titles the letter offers, one a line (templates/intake/_title_choices.html)
        "title_alternatives": "\n".join(getattr(result, "title_alternatives", None) or []),
    }
    if isinstance(result.deadline, datetime):
        values["deadline_on"] = result.deadline.date().isoformat()
        values["deadline_time"] = f"{result.deadline:%H.%M}"  # as the hint writes it, "12.00" (walk29 A8)
    elif result.deadline:
        values["deadline_on"] = result.deadline.isoformat()
    return values


# The parser's words, said in the registration form's terms (its fields, not the parser's "referensdatum").
NO_YEAR_NO_DATE = "Svarsfristen saknar årtal och brevets datum hittades inte"
YEAR_FROM_REFERENCE = "räknades fram från referensdatumet"


NO_DEADLINE = "Ingen svarsfrist hittades i missivet."
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
# "till och med 18 juni", "den 13 januari kl. 9.00": a day and month with no year after it
DAY_WITHOUT_YEAR = re.compile(rf"\b(\d{{1,2}}\s+(?:{MONTHS}))\b(?!\s*\d{{4}})(?!\s+(?:år|\d))", re.IGNORECASE)


def form_warning(warning: str, reference: date | None = None, text: str = "") -> str:
    """Return the parser's warning as the registration form should say it."""
    if warning == NO_DEADLINE and text:
        days = list(dict.fromkeys(m.group(1) for m in DAY_WITHOUT_YEAR.finditer(text)))
        if days:
            named = ", ".join(f"”{day}”" for day in days[:3])
            return (f"Ingen svarsfrist med årtal hittades. Brevet nämner {named} utan år; om det är "
                    "svarsfristen, fyll i Sista svarsdag med år.")
    if warning.startswith(NO_YEAR_NO_DATE):
        # Not "brevet är inte daterat": a date may stand where it cannot be told from the others (walk24 V12)
        return ("Svarsfristen saknar årtal och brevets datum gick inte att läsa ut, så året kan inte räknas fram. "
                "Fyll i Sista svarsdag med år.")
    if YEAR_FROM_REFERENCE in warning:
        source = f"dagens datum ({reference.isoformat()})" if reference else \
            "e-postmeddelandets datum (Skickat eller Date)"
        return f"Svarsfristen saknar årtal; året räknades fram från {source}. Kontrollera Sista svarsdag."
    return warning


def evidence_snippets(result: MissivResult, text: str) -> dict[str, str]:
    """Return form field → the words it was read from, with a few words before for context."""
    snippets: dict[str, str] = {}
    for evidence in result.evidence:
        name = FORM_FIELD.get(evidence.field)
        if name and name not in snippets and evidence.end > evidence.start:
            start = evidence.start
            if name == "answer_address" and not text[text.rfind("\n", 0, start) + 1:start].strip():
                # an address on its own lines under "Synpunkter lämnas … till:": the instruction leads its evidence
                start = max(text.rfind("\n", 0, text.rfind("\n", 0, start)) + 1, start - CONTEXT_CHARS)
            snippets[name] = snippet(text, start, evidence.end)
    if result.copy_emails:
        address = result.copy_emails[0]
        found = [m.start() for m in re.finditer(re.escape(address), text)]
        # the instruction ("… med kopia till x@y.se"), not a mail header that happens to name the same address
        asked = [at for at in found if COPY_WORDS.search(text[max(0, at - 80):at])]
        if found:
            at = (asked or found)[0]
            start = at
            if asked:  # from the words asking for the copy, also when the address starts the next line
                cue = list(COPY_WORDS.finditer(text, max(0, at - 80), at))[-1]
                start = cue.start()
            snippets["copy_emails"] = snippet(text, start, at + len(address))
    return snippets


def snippet(text: str, start: int, end: int) -> str:
    """Return text[start:end] on one line, led by the words just before it on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[max(line_start, start - CONTEXT_CHARS):start]
    if start - CONTEXT_CHARS > line_start and " " in lead:
        lead = lead.split(" ", 1)[1]  # start at a whole word
    words = re.sub(r"\s+", " ", MARKUP.sub("", lead + text[start:end])).strip()
    if len(words) > SNIPPET_CHARS:
        words = words[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return ("… " if lead.strip() and start - len(lead) > line_start else "") + words
