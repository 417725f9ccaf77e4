"""What a read letter is: the registered remiss it belongs to (the remittent's diarienummer, ours quoted, the same
title from the same remittent, the same SOU/Ds number in an extension notice) and whether it extends a remisstid.
Used by the intake's batches (batches.start) and the Inkorg (inbox.py); batches.py re-exports these names."""
from __future__ import annotations

import re

from sqlalchemy import case, literal
from sqlmodel import Session, select

from remiss.intake.service import kinds
from remiss.remisser import keys
from remiss.remisser.models import Remiss


def matching_remiss_id(session: Session, values: dict) -> int | None:
    """The registered remiss a read letter belongs to: the same remittent's diarienummer, else the same title
    from the same remittent (a title alone when the letter names no remittent)."""
    return _same_sender_dnr(session, values.get("sender_dnr", "")) or _our_dnr_quoted(session, values) or \
        supplement_of(session, values)[0] or \
        _same_title(session, values.get("title", ""), values.get("remittent", "")) or _same_report(session, values) or \
        _same_title_but_asides(session, values.get("title") or "", values.get("remittent") or "")


# "Komplettering till remiss 501-8426-2026 …", "VB: Kompletterande handlingar – …": a remittent's supplement to a
# remiss sent earlier (a missing bilaga); in the text "komplettering till remissen", "saknades i första utskicket".
# Session 26: as remittents also write it, a supplement or a correction: "Tillägg till remiss …", "Rättelse: …",
# "Korrigerad version av …", "Ny bilaga …", "Uppdaterad remiss …", "Supplement/Correction to …", or "Remiss X –
# rättelse". Not "Tillägg till detaljplan …" (a plan of its own, on samråd). The word only says what kind of letter
# it is: the remiss it belongs to is still found by the remittent's diarienummer or title (supplement_of).
_SUPPLEMENT_SUBJECT = re.compile(
    r"^\W*" + kinds.FORWARD_LEAD + r"(?:komplettering\w*|kompletterande|"
    r"tillägg\s+(?:till|i)\s+(?:remiss\w*|utskick\w*|missiv\w*)|tillägg\s*:|"
    r"rättelse\b|korrigering\b|(?:korrigerad|korrigerade|korrigerat|rättad|rättade|rättat|uppdaterad|uppdaterade|"
    r"uppdaterat)\s+(?:version|remiss\w*|missiv\w*|bilag\w*|handling\w*)|"
    r"(?:ny|nya|ytterligare)\s+bilag\w*|supplement(?:ary)?\b|correction\b|corrigendum\b|erratum\b)", re.I)
_SUPPLEMENT_TAIL = re.compile(r"(?:\s[–—-]|\(|:)\s*(?:rättelse|korrigerad\s+version|uppdaterad\s+version|"
                              r"komplettering|ny\s+bilaga|tillägg)\s*\)?\s*$", re.I)
_SUPPLEMENT_TEXT = re.compile(
    r"\b(?:komplettering|tillägg|rättelse)\s+(?:till|av|i)\s+(?:remiss(?:en)?|utskicket|missivet|"
    r"(?:vårt|det)\s+tidigare\s+utskick(?:et)?)\b|"
    r"\bsaknades\s+i\s+(?:det\s+)?(?:första|tidigare|ursprungliga)\s+utskicket\b|"
    r"\bbilag(?:a|an|or|orna)\b[^.\n]{0,150}?\bsom\s+(?:tyvärr\s+)?saknades\b|"
    r"\b(?:korrigerad|korrigerade|rättad|rättade|uppdaterad|uppdaterade)\s+version(?:er)?\s+av\s+"
    r"(?:remiss(?:en)?|missivet|bilag\w*|remisshandling\w*)\b|"
    r"\bersätter\s+(?:den|det|de)\s+(?:tidigare\s+)?(?:skickade|utskickade|bifogade)\b|"
    r"\b(?:a|this\s+is\s+a)\s+(?:supplement|correction)\s+to\s+(?:the|our)\s+(?:consultation|referral|remiss)\b",
    re.I)
# what may be a diarienummer: a word with a digit joined to others by / - . : ("501-8426-2026", "KN2026/04578"),
# with the word before it ("KS 2026/0002")
_DNR_LIKE = re.compile(r"(?<![\w/-])((?:[^\W\d_]{1,10}[ \t])?\w*\d\w*(?:[/\-.:]\w+)+)")


def mentions_supplement(values: dict, subject: str = "") -> bool:
    """Whether a read letter supplements or corrects a remiss already sent ("Komplettering till remiss …", "Rättelse:
    …", "Ny bilaga …"): what kind of letter it is, never which remiss (supplement_of)."""
    return any(_SUPPLEMENT_SUBJECT.match(text) or _SUPPLEMENT_TAIL.search(text)
               for text in (subject, values.get("title") or "")) or \
        bool(_SUPPLEMENT_TEXT.search((values.get("missiv_text") or "")[:OUR_DNR_SCAN]))


def supplement_of(session: Session, values: dict, subject: str = "") -> tuple[int | None, str]:
    """A supplement's registered remiss and the remittent's diarienummer it was known by, as written (walk25 Y1):
    the letter names the number in its subject or text, as an extension notice does, without "Dnr" before it; else
    a registered title within the letter's title, from the same remittent. (None, "") for any other letter."""
    if not mentions_supplement(values, subject):
        return None, ""
    text = " ".join((subject, values.get("title") or "", (values.get("missiv_text") or "")[:OUR_DNR_SCAN]))
    written = {}
    for found in _DNR_LIKE.findall(text):
        for candidate in (found, found.split()[-1]):
            if (key := keys.dnr_key(candidate)) and any(c.isdigit() for c in key):
                written.setdefault(key, candidate.strip())
    if written:
        rows = session.exec(select(Remiss.id, Remiss.sender_dnr_key).where(Remiss.sender_dnr_key.in_(list(written)))
                            .order_by(_OPEN_FIRST, Remiss.id.desc())).all()
        if rows:
            return rows[0][0], written[rows[0][1]]
    return _title_within(session, values.get("title") or subject, values.get("remittent") or ""), ""


def _title_within(session: Session, title: str, remittent: str) -> int | None:
    """The newest remiss from the same remittent whose title (its core) the letter's title contains."""
    folded = keys.fold(" ".join(title.split()))
    if len(folded) < MIN_TITLE_CORE:
        return None
    rows = session.exec(select(Remiss.id, Remiss.title, Remiss.remittent).where(Remiss.status != VOIDED)
                        .order_by(_OPEN_FIRST, Remiss.id.desc()).limit(500)).all()
    return next((rid for rid, theirs, who in rows if len(core := keys.fold(title_core(theirs))) >= MIN_TITLE_CORE
                 and core in folded and remittent and same_remittent(remittent, who)), None)


# "betänkandet ”Starkare kommuner …” (SOU 2020:8)", "Ds 2026:30": the report a remiss is about, by its number
_REPORT_NUMBER = re.compile(r"\b(SOU|Ds|DS)[ \t]+((?:19|20)\d\d:\d{1,3})(?!\d)")


def _same_report(session: Session, values: dict) -> int | None:
    """An extension notice that names one report (SOU or Ds) by its number: the one registered remiss whose title
    carries the same number (an SKR page or a forward rarely gives the remittent's diarienummer)."""
    if not mentions_extension(values):
        return None
    numbers = {(kind.upper() if kind.upper() == "SOU" else "Ds", number) for kind, number in
               _REPORT_NUMBER.findall((values.get("missiv_text") or "")[:OUR_DNR_SCAN])}
    if len(numbers) != 1:
        return None
    kind, number = numbers.pop()
    rows = session.exec(select(Remiss.id, Remiss.title).where(Remiss.title.contains(number))
                        .order_by(Remiss.id.desc()).limit(20)).all()
    found = [rid for rid, title in rows if re.search(rf"\b{kind}[ \t]+{re.escape(number)}(?!\d)", title, re.I)]
    return found[0] if len(found) == 1 else None


OUR_DNR_SCAN = 20000  # characters of a letter searched for one of our diarienummer


def _our_dnr_quoted(session: Session, values: dict) -> int | None:
    """The remiss whose own diarienummer the letter quotes exactly ("Ämne: Förlängd svarstid – SOFÖ 2026/0001": a
    remittent often quotes "ert dnr"): as the letter's number, or anywhere in an extension notice's text. Not
    anywhere in other letters: a new missiv may cite an earlier remiss of ours."""
    sender = (values.get("sender_dnr") or "").strip()
    found = remiss_id_by_our_dnr(session, sender) if sender else None
    if found is not None or not mentions_extension(values):
        return found
    text = (values.get("missiv_text") or "")[:OUR_DNR_SCAN]
    rows = session.exec(select(Remiss.id, Remiss.our_dnr).where(Remiss.our_dnr.is_not(None), Remiss.our_dnr != "",
                                                                literal(text).contains(Remiss.our_dnr))
                        .order_by(Remiss.id.desc()).limit(20)).all()
    return next((rid for rid, ours in rows  # whole numbers only: "SOFÖ 2026/0001" is not in "SOFÖ 2026/00015"
                 if re.search(rf"(?<![\w/]){re.escape(ours)}(?![\w]|/\w)", text)), None)


# "Remisstiden har förlängts", "förlänger svarstiden", a subject "Förlängd remisstid – …": a notice even when its date
# was not read. Not "Behöver ni förlängd svarstid, kontakta …", which every other missiv says.
_EXTENSION_WORDS = re.compile(r"(?:remiss|svars|samråds)tiden\b[^.\n]{0,120}?\s(?:har\s+(?:nu\s+)?|är\s+)?"
                              r"förläng(?:ts|d|s)\b(?!\s+inte)|"
                              r"\bförläng(?:er|t|s)\s+(?:remiss|svars|samråds)tiden\b", re.IGNORECASE)
_EXTENSION_SUBJECT = re.compile(r"^\W*(?:(?:vb|fw|fwd|sv|re)\s*:\s*)*(?:förlängd|förlängning av)\s+"
                                r"(?:remiss|svars|samråds)tid", re.IGNORECASE)


def mentions_extension(values: dict, subject: str = "") -> bool:
    """Whether a read letter extends a remisstid, whether or not the parser found the new day."""
    return bool(values.get("extension_to")) or bool(_EXTENSION_SUBJECT.match(subject)) or \
        bool(_EXTENSION_SUBJECT.match(values.get("title") or "")) or \
        bool(_EXTENSION_WORDS.search((values.get("missiv_text") or "")[:50000]))


def remiss_id_by_our_dnr(session: Session, our_dnr: str) -> int | None:
    """Return the id of the remiss with our diarienummer our_dnr (as typed, spaces around ignored)."""
    return session.exec(select(Remiss.id).where(Remiss.our_dnr == our_dnr.strip()[:100])).first()


WITHDRAWN = ("aterkallad", "avstar")  # a remiss closed without an answer: a match only when no open one is found
VOIDED = "makulerad"  # registered by mistake (remiss.remisser.voided): never the remiss a mail belongs to
_OPEN_FIRST = case((Remiss.status == VOIDED, 2), (Remiss.status.in_(WITHDRAWN), 1), else_=0)


def _same_sender_dnr(session: Session, sender_dnr: str) -> int | None:
    """Return the newest remiss registered with this remittent's diarienummer, as its key (spaces, case, punctuation
    and leading zeros aside: remiss.remisser.keys), one not återkallad or avstådd first."""
    wanted = keys.dnr_key(sender_dnr)
    if not wanted:
        return None
    return session.exec(select(Remiss.id).where(Remiss.sender_dnr_key == wanted)
                        .order_by(_OPEN_FIRST, Remiss.id.desc())).first()


# "VB: Remiss av promemorian X" → "X": what a registered remiss's title will contain whatever its wording.
_TITLE_LEAD = re.compile(r"^(?:(?:vb|fw|fwd|sv|re|ang)\s*:\s*)*(?:remiss(?:en)?\s+(?:av|om|avseende|gällande)\s+)?"
                         r"(?:(?:departements)?promemorian|(?:slut)?betänkandet|utkastet|förslaget|rapporten)?\s*",
                         re.IGNORECASE)
MIN_TITLE_CORE = 15  # shorter cores ("Remiss", "Budget 2025") would match too much


def _same_title(session: Session, title: str, remittent: str = "") -> int | None:
    """Return the newest remiss whose title contains the core of title (extension notices rarely give a dnr), from
    the same remittent when both name one."""
    core = title_core(title)
    if len(core) < MIN_TITLE_CORE:
        return None
    escaped = core.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = session.exec(select(Remiss.id, Remiss.remittent).where(Remiss.title.like(f"%{escaped}%", escape="\\"))
                        .order_by(_OPEN_FIRST, Remiss.id.desc()).limit(20)).all()
    return next((rid for rid, theirs in rows if same_remittent(remittent, theirs)), None)


# "(RUS)", "(SOU 2026:12)", "(Fi 2017:02)": an abbreviation or number one wording of a title has and the other lacks
_ASIDE = re.compile(r"\s*\([^()\n]{1,40}\)")


def _without_asides(title: str) -> str:
    return " ".join(keys.fold(_ASIDE.sub("", title_core(title))).split())


def _same_title_but_asides(session: Session, title: str, remittent: str) -> int | None:
    """The newest remiss from the same named remittent whose title contains the letter's title once a parenthesis is
    left out of both (walk32: the notice "Förlängd svarstid – Regional utvecklingsstrategi för Västmanland 2030" for
    the registered "Regional utvecklingsstrategi (RUS) för Västmanland 2030" matched nothing)."""
    core = _without_asides(title)
    if len(core) < MIN_TITLE_CORE or not remittent.strip():
        return None
    rows = session.exec(select(Remiss.id, Remiss.title, Remiss.remittent).where(Remiss.status != VOIDED)
                        .order_by(_OPEN_FIRST, Remiss.id.desc()).limit(500)).all()
    return next((rid for rid, theirs, who in rows
                 if (who or "").strip() and same_remittent(remittent, who) and core in _without_asides(theirs)), None)


def title_core(title: str) -> str:
    """What a registered remiss's title will contain: the title without forward, reminder and remiss lead-ins."""
    return _TITLE_LEAD.sub("", kinds.clean_title(title or ""), count=1).strip(" .:–-")


def same_remittent(ours: str, theirs: str) -> bool:
    """The same remittent, or one of them not named (case, diacritics and spacing aside)."""
    ours, theirs = (" ".join(keys.fold(name or "").split()) for name in (ours, theirs))
    return not ours or not theirs or ours == theirs


def match_reason(values: dict, remiss: Remiss) -> str:
    """What a proposed match rests on, said only as far as it is true (walk27 Y17: an attachment's number was given
    as "remittentens diarienummer … stämmer"): which number or title agrees, and whether it was read in an
    attachment rather than in the mail itself."""
    text = values.get("missiv_text") or ""
    own = text.split("\n--- Bilaga: ", 1)[0]  # the mail's own text (remiss.intake.formats writes the separator)
    sender = (values.get("sender_dnr") or "").strip()
    where = ""
    if sender and sender not in own and sender in text:
        where = " (läst ur en bifogad fil, inte ur själva e-postmeddelandet)"
    if sender and remiss.sender_dnr_key and keys.dnr_key(sender) == remiss.sender_dnr_key:
        return f"Remittentens diarienummer {sender}{where} stämmer med en remiss som redan är registrerad"
    if sender and remiss.our_dnr and sender == remiss.our_dnr.strip():
        return f"Brevet anger vårt diarienummer {sender}{where}, för en remiss som redan är registrerad"
    if remiss.our_dnr and remiss.our_dnr in text:
        return f"Brevet nämner vårt diarienummer {remiss.our_dnr} för en remiss som redan är registrerad"
    core = title_core(values.get("title") or "")
    if len(core) >= MIN_TITLE_CORE and core.casefold() in (remiss.title or "").casefold():
        with_remittent = " och remittenten" if values.get("remittent") and remiss.remittent else ""
        return f"Ärendemeningen{with_remittent} stämmer med en remiss som redan är registrerad"
    if values.get("remittent") and remiss.remittent and \
            len(loose := _without_asides(values.get("title") or "")) >= MIN_TITLE_CORE and \
            loose in _without_asides(remiss.title or ""):
        return "Ärendemeningen (utom det som står inom parentes) och remittenten stämmer med en remiss som redan är " \
            "registrerad"
    return "Brevet liknar en remiss som redan är registrerad"
