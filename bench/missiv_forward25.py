"""Wrap development letters in forward and reply layouts of many mail clients and locales (issue 21, round 25).

Each layout prints a forwarded (or replied-to) message the way one client family does: its separator or intro line,
its header labels and order, its date format and its quoting. A wrapped letter is a chain of 1–3 messages (the depth
is a fixed hash of the letter and the layout); every outer message carries a forwarder's note and signature, the
innermost is the remittent's letter, signed by a handläggare who becomes the contact person when the letter names
none. The answer address and every other field stay the letter's own.

The LAYOUTS are halved, not the letters: a layout whose sha256("fwd25-layout:" + name) starts with a hex digit below 8
is held aside (scored, never tuned on). The rule was fixed before the parser ran on any wrapped text.

Only tests/data/missiv/kinds/missiv-dev.json and tests/data/missiv/fresh/fresh*-dev.json letters are wrapped.

Run: `PYTHONPATH=. python bench/missiv_forward25.py [--misses]` prints fields right per half, wrapped against the
same letters unwrapped, and per layout.
"""
from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.missiv_forward import _DAYS_EN, _DAYS_SV, _MONTHS_EN, _MONTHS_SV, mailbox  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "missiv"
SOURCES = ("kinds/missiv-dev.json", "fresh/fresh-dev.json", "fresh/fresh3-dev.json", "fresh/fresh8-dev.json",
           "fresh/fresh14-dev.json", "fresh/fresh15-dev.json", "fresh/fresh16-dev.json", "fresh/fresh17-dev.json")
COUNT = 24  # letters per layout

_MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")
_DAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_MONTHS_NO = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "desember")
_MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december")
_DAYS_NO = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MONTHS_FI = ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
              "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta")
_DAYS_FI = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai")
_MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")
_DAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

_SIGNERS = ("Lena Åberg", "Henrik Sjöström", "Fatima Karlsson", "Olof Wikström", "Emma Lindgren-Berg")
_FORWARDERS = (("Bo Ahlström", "bo.ahlstrom@vaxjo.se"), ("Karin Eriksson", "karin.eriksson@lund.se"),
               ("Ville Mäkinen", "ville.makinen@example.fi"))
REGISTRY = "registrator@vaxjo.se"


def _h(salt: str, key: str) -> int:
    return int(hashlib.sha256(f"{salt}:{key}".encode()).hexdigest(), 16)


def held_aside(layout: str) -> bool:
    """The fixed split of the layouts, chosen before any run: sha256("fwd25-layout:" + name) starts below 8."""
    return hashlib.sha256(f"fwd25-layout:{layout}".encode()).hexdigest()[0] < "8"


def _en12(t: datetime) -> str:
    return f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def _d(t: datetime, style: str) -> str:
    """A date as one client and locale writes it."""
    wd, mo = t.weekday(), t.month - 1
    hm = f"{t.hour:02d}:{t.minute:02d}"
    return {
        "sv_long": f"den {t.day} {_MONTHS_SV[mo]} {t.year} {hm}",
        "sv_day": f"{_DAYS_SV[wd]} {t.day} {_MONTHS_SV[mo]} {t.year} {hm}",
        "fi_sv": f"{_DAYS_SV[wd]} {t.day}.{t.month}.{t.year} kl. {t.hour}.{t.minute:02d}",
        "fi": f"{_DAYS_FI[wd]} {t.day}. {_MONTHS_FI[mo]} {t.year} {t.hour}.{t.minute:02d}",
        "no": f"{_DAYS_NO[wd]} {t.day}. {_MONTHS_NO[mo]} {t.year} {hm}",
        "da": f"{t.day}. {_MONTHS_DA[mo]} {t.year} {hm}",
        "de": f"{_DAYS_DE[wd]}, {t.day}. {_MONTHS_DE[mo]} {t.year} {hm}",
        "de_gmail": f"{_DAYS_DE[wd][:2]}., {t.day}. {_MONTHS_DE[mo]} {t.year} um {hm} Uhr",
        "nl": f"{_DAYS_NL[wd]} {t.day} {_MONTHS_NL[mo]} {t.year} {hm}",
        "en_us": f"{_DAYS_EN[wd]}, {_MONTHS_EN[mo]} {t.day}, {t.year} {_en12(t)}",
        "en_us_sec": f"{_DAYS_EN[wd]}, {_MONTHS_EN[mo]} {t.day}, {t.year} {(t.hour - 1) % 12 + 1}:{t.minute:02d}:31 "
                     f"{'AM' if t.hour < 12 else 'PM'}",
        "en_mac": f"{_DAYS_EN[wd]}, {t.day} {_MONTHS_EN[mo]} {t.year} at {hm}",
        "apple_en": f"{t.day} {_MONTHS_EN[mo]} {t.year} at {hm}:31 CET",
        "apple_sv": f"{t.day} {_MONTHS_SV[mo]} {t.year} {hm}:31 CET",
        "rfc": f"{_DAYS_EN[wd][:3]}, {t.day:02d} {_MONTHS_EN[mo][:3]} {t.year} {hm}:31 +0100",
        "gmail_sv": f"{_DAYS_SV[wd][:3]} {t.day} {_MONTHS_SV[mo]} {t.year} kl {hm}",
        "iso": f"{t.date().isoformat()} {hm}",
        "iso_gmt": f"{t.date().isoformat()} {hm} (GMT+01:00)",
        "dotted": f"{t.day:02d}.{t.month:02d}.{t.year} {hm}",
        "slashed": f"{t.day:02d}/{t.month:02d}/{t.year} {hm}",
        "yahoo": f"{_DAYS_EN[wd]}, {_MONTHS_EN[mo]} {t.day}, {t.year}, {(t.hour - 1) % 12 + 1}:{t.minute:02d}:31 "
                 f"{'AM' if t.hour < 12 else 'PM'} GMT+1",
    }[style]


def _header(layout: str, who: str, mail: str, to: str, subject: str, t: datetime) -> str:
    """The lines a client puts above a forwarded message (or a reply's quoted original)."""
    s = f"{who} <{mail}>"
    return {
        "outlook_sv": f"Från: {s}\nSkickat: {_d(t, 'sv_long')}\nTill: {to}\nKopia: Kansliet <kansli@vaxjo.se>\n"
                      f"Ämne: {subject}\n\n",
        "outlook_en": f"-----Original Message-----\nFrom: {s}\nSent: {_d(t, 'en_us')}\nTo: {to}\nSubject: {subject}\n\n",
        "owa_12h": f"________________________________\nFrom: {who} <{mail}>\nSent: {_d(t, 'en_us')}\nTo: {to}\n"
                   f"Cc: Kansliet <kansli@vaxjo.se>\nSubject: {subject}\n\n",
        "outlook_fi_sv": f"Från: {s}\nSkickat: {_d(t, 'fi_sv')}\nTill: {to}\nÄmne: {subject}\n\n",
        "outlook_fi": f"Lähettäjä: {s}\nLähetetty: {_d(t, 'fi')}\nVastaanottaja: {to}\nAihe: {subject}\n\n",
        "outlook_no": f"Fra: {s}\nSendt: {_d(t, 'no')}\nTil: {to}\nKopi: kansli@vaxjo.se\nEmne: {subject}\n\n",
        "outlook_da": f"-----Oprindelig meddelelse-----\nFra: {s}\nSendt: {_d(t, 'da')}\nTil: {to}\nEmne: {subject}\n\n",
        "outlook_de": f"-----Ursprüngliche Nachricht-----\nVon: {s}\nGesendet: {_d(t, 'de')}\nAn: {to}\n"
                      f"Betreff: {subject}\n\n",
        "outlook_nl": f"Van: {s}\nVerzonden: {_d(t, 'nl')}\nAan: {to}\nOnderwerp: {subject}\n\n",
        "outlook_mac": f"From: {s}\nDate: {_d(t, 'en_mac')}\nTo: {to}\nSubject: {subject}\n\n",
        "outlook_ios": f"From: {s}\nSent: {_d(t, 'en_us_sec')}\nTo: {to}\nSubject: {subject}\n\n",
        "android_mixed": f"Från: {s}\nSkickat: {_d(t, 'en_us_sec')}\nTill: {to}\nÄmne: {subject}\n\n",
        "gmail_sv": f"---------- Vidarebefordrat meddelande ---------\nFrån: {s}\nDate: {_d(t, 'gmail_sv')}\n"
                    f"Subject: {subject}\nTo: <{to}>\n\n\n",
        "gmail_de": f"---------- Weitergeleitete Nachricht ---------\nVon: {s}\nDate: {_d(t, 'de_gmail')}\n"
                    f"Subject: {subject}\nTo: <{to}>\n\n\n",
        "apple_en": f"Begin forwarded message:\n\nFrom: {s}\nSubject: {subject}\nDate: {_d(t, 'apple_en')}\nTo: {to}\n\n",
        "samsung": f"-------- Originalmeddelande --------\nFrån: {s} \nDatum: {_d(t, 'iso_gmt')} \nTill: {to} \n"
                   f"Ämne: {subject} \n\n",
        "roundcube": f"-------- Original Message --------\nSubject: {subject}\nDate: {_d(t, 'dotted')}\nFrom: {s}\n"
                     f"To: {to}\n\n",
        "sogo_sv": f"-------- Ursprungligt meddelande --------\nÄmne: {subject}\nDatum: {_d(t, 'rfc')}\n"
                   f"Från: {s}\nTill: {to}\n\n",
        "horde": f"----- Vidarebefordrat meddelande från {mail} -----\n     Datum: {_d(t, 'rfc')}\n      Från: {s}\n"
                 f"      Ämne: {subject}\n      Till: {to}\n\n",
        "yahoo": f"----- Forwarded Message -----\nFrom: {s}\nTo: {to}\nSent: {_d(t, 'yahoo')}\nSubject: {subject}\n\n",
        "notes": f"----- Vidarebefordrat av {who}/VAXJO den {_d(t, 'iso')} -----\n\nFrån:\t{s}\nTill:\t{to}\n"
                 f"Datum:\t{_d(t, 'iso')}\nÄrende:\t{subject}\n\n",
        "diarium": f"Inkommande e-post\nAvsändare: {s}\nMottagare: {to}\nInkommen: {_d(t, 'iso')}\nRubrik: {subject}\n\n",
        "diarium_export": f"E-postmeddelande\nFrån: {s}\nTill: {to}\nInkom: {_d(t, 'iso')}\nÄrendemening: {subject}\n\n",
        "tb_reply": f"On {_d(t, 'slashed')}, {who} wrote:\n",
        "gmail_reply_sv": f"Den {_d(t, 'gmail_sv')} skrev {who} <{mail}>:\n",
        "groupwise": f">>> {who} <{mail}> {_d(t, 'iso')} >>>\n",
    }[layout]


LAYOUTS = ("outlook_sv", "outlook_en", "owa_12h", "outlook_fi_sv", "outlook_fi", "outlook_no", "outlook_da",
           "outlook_de", "outlook_nl", "outlook_mac", "outlook_ios", "android_mixed", "gmail_sv", "gmail_de",
           "apple_en", "samsung", "roundcube", "sogo_sv", "horde", "yahoo", "notes", "diarium", "diarium_export",
           "tb_reply", "gmail_reply_sv", "groupwise")
# Layouts whose inner message has no subject line: the subject is the outer mail's only.
_NO_SUBJECT = ("tb_reply", "gmail_reply_sv", "groupwise")
# Layouts that quote the message below with "> " on each line.
_QUOTING = ("tb_reply", "gmail_reply_sv")
_PREFIX = {"outlook_sv": "VB: ", "outlook_en": "FW: ", "owa_12h": "FW: ", "outlook_fi_sv": "VB: ",
           "outlook_fi": "VL: ", "outlook_no": "VS: ", "outlook_da": "VS: ", "outlook_de": "WG: ", "outlook_nl": "Doorst: ",
           "outlook_mac": "Fwd: ", "outlook_ios": "Fw: ", "android_mixed": "VB: ", "gmail_sv": "Fwd: ", "gmail_de": "Fwd: ",
           "apple_en": "Fwd: ", "samsung": "Vb: ", "roundcube": "Fwd: ", "sogo_sv": "Vb: ", "horde": "Vb: ",
           "yahoo": "Fwd: ", "notes": "Vb: ", "diarium": "VB: ", "diarium_export": "VB: ", "tb_reply": "Re: ",
           "gmail_reply_sv": "Sv: ", "groupwise": "Re: "}
_TOP = {"outlook_en": "en", "owa_12h": "en", "outlook_mac": "en", "outlook_ios": "en", "apple_en": "en",
        "roundcube": "en", "yahoo": "en", "tb_reply": "en", "outlook_de": "de", "gmail_de": "de",
        "outlook_no": "no", "outlook_da": "no", "outlook_fi": "fi", "outlook_nl": "nl"}


def _top(layout: str, who: str, mail: str, subject: str, t: datetime) -> str:
    """The printed head of the outermost mail, as the registrator's client prints or pastes it."""
    lang = _TOP.get(layout, "sv")
    labels = {"sv": ("Från", "Skickat", "Till", "Ämne"), "en": ("From", "Sent", "To", "Subject"),
              "de": ("Von", "Gesendet", "An", "Betreff"), "no": ("Fra", "Sendt", "Til", "Emne"),
              "fi": ("Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe"), "nl": ("Van", "Verzonden", "Aan", "Onderwerp")}
    f, s, to, subj = labels[lang]
    if layout.startswith("diarium"):
        return f"Avsändare: {who} <{mail}>\nMottagare: {REGISTRY}\nInkommen: {_d(t, 'iso')}\nRubrik: {subject}\n\n"
    return f"{f}: {who} <{mail}>\n{s}: {_d(t, 'iso')}\n{to}: {REGISTRY}\n{subj}: {subject}\n\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines()) + "\n"


def _letter_subject(case: dict) -> str:
    title = case["expected"]["title"]
    if case["expected"].get("extension_to"):
        return f"Förlängd svarstid – {title}"
    return (f"Remiss: {title}", f"Remiss av {title}", f"Remiss – {title}")[_h("subject", case["id"]) % 3]


def wrap(case: dict, layout: str) -> dict:
    """Return the letter as the innermost message of a 1–3 deep chain in `layout`, with its expected fields."""
    expected = dict(case["expected"])
    answer = expected.get("answer_email")
    domain = answer.split("@")[1] if answer else "remittent.example.se"
    signer = expected.get("contact_person") or _SIGNERS[_h("signer", case["id"]) % len(_SIGNERS)]
    expected["contact_person"] = signer
    day = expected.get("deadline_date") or expected.get("extension_to")
    t = (datetime.fromisoformat(day) - timedelta(days=38) if day else datetime(2026, 3, 3)).replace(hour=14, minute=12)
    org = expected.get("remittent") or "Förvaltningen"
    body = (case["text"].strip() + f"\n\nMed vänliga hälsningar\n\n{signer}\nUtredare\n{org}\n"
            f"Tel: 010-224 00 00\n{mailbox(signer, domain)}\n")
    subject = _letter_subject(case)
    depth = 1 + _h(f"depth:{layout}", case["id"]) % 3
    sender, sender_mail = signer, mailbox(signer, domain)
    text = body
    prefix = _PREFIX[layout]
    for level in range(depth):
        fwd, fwd_mail = _FORWARDERS[(level + _h("fwd", case["id"])) % len(_FORWARDERS)]
        inner_subject = f"{prefix * level}{subject}"
        head = _header(layout, sender, sender_mail, fwd_mail, inner_subject, t + timedelta(minutes=7 * level))
        quoted = _quote(text) if layout in _QUOTING else text
        note = ("Hej!\n\nSe nedan, kan du diarieföra och fördela?\n\nHälsningar\n"
                f"{fwd}\n{fwd_mail}\n\n" if layout not in ("diarium", "diarium_export") or level else "")
        text = note + head + ("\n" if layout in _QUOTING and layout != "groupwise" else "") + quoted
        sender, sender_mail = fwd, fwd_mail
    top = _top(layout, sender, sender_mail, f"{prefix * depth}{subject}", t + timedelta(hours=3))
    return {"id": f"f25-{case['id']}-{layout}", "kind": "email", "source": f"{case.get('source', '')} (wrapped: "
            f"{layout})", "forwarded_from": case["id"], "layout": layout, "depth": depth,
            "text": top + text, "expected": expected, "subject": subject, "letter_text": case["text"]}


def letters() -> list[dict]:
    """The development letters wrapped: real letters with a title, chosen by a fixed hash."""
    found = []
    for name in SOURCES:
        for case in json.loads((DATA / name).read_text(encoding="utf-8")):
            if case["kind"] == "email" or "forwarded_from" in case or not case["expected"].get("title"):
                continue
            if case["text"].lstrip().startswith(("Från:", "From:")):
                continue
            found.append(case)
    return sorted(found, key=lambda c: _h("fwd25-pick", c["id"]))[:COUNT]


def build(layouts: tuple[str, ...] = LAYOUTS) -> list[dict]:
    chosen = letters()
    return [wrap(c, layout) for layout in layouts for c in chosen]


def headless(case: dict) -> dict:
    """The letter without its own heading line (the first line when it holds the title): as many mail bodies run, so
    that the title can come only from the subject."""
    lines = case["text"].strip().splitlines()
    first = " ".join(lines[0].lstrip("# ").split()).casefold() if lines else ""
    title = " ".join(case["expected"]["title"].split()).casefold()
    if title not in first:
        return case
    return {**case, "text": "\n".join(lines[1:]).strip() + "\n"}


def title_from_subject(cases: list[dict]) -> int:
    """How many of the wrapped letters without their heading get the right title."""
    from bench.missiv_eval import _same_title
    from remiss.missiv import parse_missiv

    return sum(bool((got := parse_missiv(c["text"]).title) and _same_title(got, c["expected"]["title"]))
               for c in cases)


def envelope_right(case: dict) -> bool:
    """Whether the innermost message was found: its subject, its sender's name and where the letter starts."""
    from remiss.missiv.email import innermost, unquote
    from remiss.missiv.parser import _NEUTRAL

    text = unquote(case["text"].translate(_NEUTRAL))
    found = innermost(text)
    if not found:
        return False
    opening = " ".join(unquote(case["letter_text"].translate(_NEUTRAL)).split()[:8])
    body = " ".join(text[found.body_start:].split()[:8])
    return found.subject == case["subject"] and found.sender_name == case["expected"]["contact_person"] and \
        body == opening


def main() -> None:
    from bench.missiv_eval import score_kinds

    show = "--misses" in sys.argv
    chosen = letters()
    plain = score_kinds(chosen)
    print(f"letters unwrapped: {sum(p[0] for p in plain['per_kind'].values())}/"
          f"{sum(p[1] for p in plain['per_kind'].values())} fields right, {len(plain['fills'])} wrong fills; "
          f"{sum(headless(c) is not c for c in chosen)} of {len(chosen)} open with their title")
    for half, names in (("tuning", [lay for lay in LAYOUTS if not held_aside(lay)]),
                        ("held-aside", [lay for lay in LAYOUTS if held_aside(lay)])):
        right = total = fills = found = titled = 0
        bare = [headless(c) for c in chosen]
        for layout in names:
            cases = [wrap(c, layout) for c in chosen]
            t = title_from_subject([wrap(c, layout) for c in bare])
            titled += t
            result = score_kinds(cases)
            r, n = result["per_kind"]["email"]
            e = sum(envelope_right(c) for c in cases)
            right, total, fills, found = right + r, total + n, fills + len(result["fills"]), found + e
            print(f"  {half:10} {layout:16} {r:4d}/{n:4d} {100 * r / n:5.1f} %  wrong fills {len(result['fills'])}"
                  f"  innermost message found {e:2d}/{len(cases)}  title without the letter's heading {t:2d}/{len(cases)}")
            if show and half == "tuning":
                for miss in result["misses"] + result["fills"]:
                    print("      miss:", miss)
        print(f"== {half} half ({len(names)} layouts): {right}/{total} ({100 * right / max(1, total):.1f} %), "
              f"wrong fills {fills}, innermost message found {found}/{len(names) * len(chosen)}, "
              f"title without the letter's heading {titled}/{len(names) * len(chosen)}")


if __name__ == "__main__":
    main()
