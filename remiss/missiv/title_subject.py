"""Read the ärendemening an e-mail subject carries: the sender's label, a new day or a diarienummer around it."""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies
from remiss.missiv.dnr import RK_DNR
from remiss.missiv.title_trim import DNR_TOKEN, FRAGMENT, tidy

# What is left of "SOFÖ 2026/0001" when the tail took only "2026/0001": a series prefix in capitals.
_SERIES_ONLY = re.compile(r"[A-ZÅÄÖ]{2,6}(?:-[A-ZÅÄÖ]{1,6}){0,3}")
_SUBJECT_DNR = re.compile(
    rf"(?<![ \t])(?:[ \t]*+\((?:dnr|diarienr|diarienummer)?[ \t.:]{{0,5}}{DNR_TOKEN}\)|"
    # "…, SKR dnr 26/01456": a number its label names, the sender's abbreviation in front
    rf"(?<![ \t]),?[ \t]++(?:[A-ZÅÄÖ]{{2,6}}[ \t]+)?(?:dnr|diarienr|diarienummer)[ \t.:]{{0,5}}{DNR_TOKEN}|"
    rf"(?<!SOU)(?<!Ds)(?<!FS)(?<!prop\.),?[ \t]++(?:(?:dnr|diarienr|diarienummer)[ \t.:]{{0,5}})?"
    # "… 511-7180-11", "… KS-2021-00442", "…, RJL 2019/2969", "… Grönprogram 2018/0153" (a year, a slash, a number)
    rf"(?:(?=[^ \t]{{0,30}}[:/-][^ \t]{{0,30}}[:/-]|[A-ZÅÄÖ]{{1,6}}-)(?!\d{{4}}[-–]\d{{4}}\Z){DNR_TOKEN}|"
    rf"(?:[A-ZÅÄÖ]{{2,6}}[ \t])?(?:19|20)\d\d/\d{{2,6}}))[ \t]*+\Z",
    re.IGNORECASE)

_GENERIC_SUBJECT = re.compile(
    r"(?:ny |inkommen )?(?:remiss(?:er)?|missiv|remisshandlingar|inbjudan att lämna (?:remiss)?svar)"
    r"(?:[ \t]+(?:från|till|för|att besvara|för yttrande)(?:[ \t]+[^\n]{0,80})?)?", re.IGNORECASE)


_MONTHS = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
# The to-day an extension subject puts after its label: "till den 15 maj 2027 kl. 15.00 –", "t.o.m. 2027-05-15 för"
_EXTENDED_TO = re.compile(
    r"(?:till(?:[ \t]+och[ \t]+med)?|t\.o\.m\.?)[ \t]+(?:den[ \t]+)?"
    rf"(?:\d{{1,2}}[ \t]+{_MONTHS}(?:[ \t]+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?[ \t]+(?:kl\.?|klockan)[ \t]*\d{1,2}(?:[.:]\d{2})?)?"
    r"[ \t]*(?:[:–-][ \t]*|,[ \t]*|[ \t]för[ \t]+|\Z)", re.IGNORECASE)


# Who sends it, before a spaced en dash and a label with a colon: "Stadsområdesnämnd Öster, Malmö stad – Remiss: X
# (SOFÖ 2026/0006)", as this system names its own mails to instanser (outgoing.mails.from_namnd, walk25b Z7).
# Only ever at the subject's start (\A): tried at every capital letter of a long text, the lazy run of up to 100
# characters made a scan of 100 KB take 0.15 s (tests/unit/test_missiv_linear.py).
_SENDER_LEAD = re.compile(r"\A[A-ZÅÄÖ][^\n:–]{1,100}?[ \t]+–[ \t]+(?=(?:remiss|förlängd[ \t]+remisstid|påminnelse|"
                          r"ändrade[ \t]+frågeställningar|nya?[ \t]+remisshandling(?:ar)?|anstånd)\b[^\n:]{0,80}:)",
                          re.IGNORECASE)


# Round 28b: "Sala kommun: förslag till reviderad VA-policy och VA-plan på yttrande": the sender's name as a label,
# then a sentence in lower case that tells what is sent; a matter's own name starts with a capital ("Region Skåne:
# Regional kulturplan 2027").
_SENDER_SENTENCE = re.compile(r"\A[ \t]*([A-ZÅÄÖ][^\n:]{2,60}?)[ \t]*:[ \t]+(?=[a-zåäö])")


def describes_by_sender(subject: str | None) -> bool:
    """Tell whether a subject is the sending body's name and a sentence about what it sends, not the matter's name.

    A registrator takes the name from the page or letter itself, as with a forwarder's subject; only the body's
    name before the colon counts ("Sala kommun:"), never a label such as "Remiss:" or "Angående:".
    """
    found = _SENDER_SENTENCE.match(subject or "")
    if not found:
        return False
    label = found.group(1)
    return sum(m.end - m.start for m in find_bodies(label)) >= len(label.strip()) - 1


def without_sender(subject: str) -> str:
    """The subject after a sender's lead ("Stadsområdesnämnd Öster, Malmö stad – Påminnelse: …" → "Påminnelse: …"),
    or as it is."""
    sender = _SENDER_LEAD.match(subject or "")
    return subject[sender.end():] if sender else subject


def clean_subject(subject: str, span: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """Return the ärendemening an e-mail subject carries ('Remiss: X', 'Förlängd svarstid – X')."""
    sender = _SENDER_LEAD.match(subject)
    if sender:
        subject, span = subject[sender.end():], (span[0] + sender.end(), span[1])
    # "Remiss av promemorian X" stays as the letter's own heading would; "Remiss: X" and "Förlängd svarstid – X"
    # are the sender's labels in front of it.
    lead = re.match(r"(?:(?:förlängd|förlängning av|ändrad|ny)[ \t]+(?:remiss|svars|samråds|gransknings|utställnings)tid(?:en)?"
                    r"[ \t]*(?:[:–-]|för)?|"
                    # "Förlängning: Remiss om …", "Nytt svarsdatum – …", "Remissen förlängs – …": a notice's label
                    r"(?:förlängning|(?:nytt|ändrat)[ \t]+svarsdatum|ny[ \t]+svarsdag|"
                    r"(?:remissen|samrådet|(?:remiss|svars|samråds)tiden)[ \t]+förläng(?:s|ts))[ \t]*[:–-]|"
                    r"remiss[ \t]*[:–-]|begäran[ \t]+om[ \t]+(?:yttrande|synpunkter|remissvar)[ \t]*[:–-]|"
                    # round 21: "Remiss från Ale kommun - X": the sender before a colon or a spaced dash
                    r"remiss[ \t]+från[ \t]+[A-ZÅÄÖ][^\n:–]{1,60}?(?:[ \t]*:|[ \t]+[–-])(?=[ \t]+\S)|"
                    # round 16: "Lämna synpunkter på Natura 2000-område …": the request in front of the name
                    r"(?:lämna|ge|skicka[ \t]+in)(?:[ \t]+(?:dina|era))?[ \t]+synpunkter[ \t]+(?:på|om)(?=[ \t]+\S)|"
                    # "Samråd översiktsplan", "Granskning: detaljplan för …": the procedure in front of the name
                    r"(?:(?:kungörelse|kompletterande|förnyat|nytt|underrättelse[ \t]+om)[ \t]+)?(?:samråd(?:sremiss)?|granskning|utställning)"
                    # "Kungörelse Samråd och utställning Avfallsplan": procedures named together are one lead
                    r"(?:[ \t]+(?:och|samt|&)[ \t]+(?:samråd|granskning|utställning))?(?:[ \t]+(?:om|av|för|gällande))?[ \t]*[:–-]?"
                    r"(?=[ \t]+\S))[ \t]*",
                    subject, re.IGNORECASE)
    if lead:
        subject, span = subject[lead.end():], (span[0] + lead.end(), span[1])
        # "Förlängd svarstid till den 15 maj 2027 kl. 15.00 – Fi2026/01234": the new day is no part of the name
        day = _EXTENDED_TO.match(subject)
        if day:
            subject, span = subject[day.end():], (span[0] + day.end(), span[1])
            if not subject.strip() or re.fullmatch(rf"[ \t]*\(?(?:dnr[ \t.:]*)?(?:{RK_DNR}|{DNR_TOKEN})\)?[ \t]*",
                                                   subject, re.IGNORECASE):
                return None, None  # only the day and the number: the name is in the letter
    tail = _SUBJECT_DNR.search(subject)
    if tail and tail.start() > 0:
        subject, span = subject[:tail.start()], (span[0], span[0] + tail.start())
        if _SERIES_ONLY.fullmatch(subject.strip(" \t,")):
            return None, None  # "Förlängd svarstid – SOFÖ 2026/0001": "SOFÖ" is the number's series, no name
    if len(subject.strip()) < 3 or _GENERIC_SUBJECT.fullmatch(subject.strip()) or find_bodies(subject) and \
            sum(m.end - m.start for m in find_bodies(subject)) >= len(subject.strip()) / 2:
        return None, None  # "VB: Remiss", "Remiss från Länsstyrelsen": the title is in the letter
    value, span = tidy(subject, span, lead=False)
    if value and FRAGMENT.match(value):
        return None, None  # a lead cut inside a coordination ("… Samråd | och utställning X"): the letter names it
    return (value[:1].upper() + value[1:] if value else None), span
