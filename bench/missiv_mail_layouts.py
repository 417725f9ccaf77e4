"""Build tests/data/missiv/kinds/mail-dev.json: real letters forwarded in mail-client layouts the other sets lack.

Round h-mail. Each case wraps one real letter the repo already holds (kinds/ and the development and seen fresh sets,
never fresh7-holdout) in one layout: Outlook for Mac, new Outlook/OWA, Thunderbird (Swedish and English), HCL Notes,
GroupWise, Android Gmail, Samsung Email, an "SV: VB:" chain with an internal request on top, mixed-language
headers, English Outlook with gateway tags, and a mail turned from HTML to text (mailto: and <https://…> links,
non-breaking spaces, "Skickat från Outlook för iOS", a disclaimer under the signature). The expected fields are the
letter's annotations, written here before the parser ever saw the texts; a handläggare who signs the inner message
becomes the contact person only where the letter names none (as bench/missiv_forward.py does). The letters, the
layouts and the split are chosen by fixed hashes: sha256("mail-dev:" + id) below 8 in its first hex digit puts a
case in the "mail-holdout" half, scored only at the start and the end of the round, its misses never printed.

Run: `PYTHONPATH=. python bench/missiv_mail_layouts.py` (rewrites the JSON; the output is deterministic).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

from bench.missiv_forward import _DAYS_EN, _DAYS_SV, _MONTHS_EN, _MONTHS_SV, mailbox

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "missiv"
SOURCES = ("kinds/missiv-dev.json", "kinds/missiv-extra.json", "kinds/ext-dev.json", "fresh/fresh-dev.json",
           "fresh/fresh3-dev.json", "fresh/fresh8-dev.json", "fresh/fresh-holdout.json", "fresh/fresh2-holdout.json",
           "fresh/fresh3-holdout.json", "fresh/fresh4-holdout.json", "fresh/fresh5-holdout.json",
           "fresh/fresh6-holdout.json")  # never fresh7-holdout nor fresh9-holdout
COUNT = 56
LAYOUTS = ("mac", "owa", "tb_sv", "tb_en", "notes", "groupwise", "android", "samsung", "sv_vb", "mixed", "en_tags",
           "html", "bracket", "ios_reply")
_SIGNERS = ("Lena Åberg", "Henrik Sjöström", "Fatima Karlsson", "Olof Wikström", "Emma Lindgren-Berg")
_INTERNAL = (("Bo Ahlström", "bo.ahlstrom@vaxjo.se", "Kommunledningskontoret"),
             ("Karin Eriksson", "karin.eriksson@lund.se", "Stadsledningsförvaltningen"))
REGISTRY = "registrator@vaxjo.se"
NBSP = "\u00a0"


def _h(salt: str, case_id: str) -> int:
    return int(hashlib.sha256(f"{salt}:{case_id}".encode()).hexdigest(), 16)


def is_holdout(case_id: str) -> bool:
    """The fixed split, chosen before any run: the first hex digit of sha256("mail-dev:" + id) below 8."""
    return hashlib.sha256(f"mail-dev:{case_id}".encode()).hexdigest()[0] < "8"


def _letters() -> list[dict]:
    letters = []
    for name in SOURCES:
        for case in json.loads((DATA / name).read_text(encoding="utf-8")):
            if case["kind"] == "email" or "forwarded_from" in case or not case["expected"].get("title"):
                continue
            if name.startswith("kinds/ext-dev") and not case["expected"].get("extension_to"):
                continue  # a letter like a notice that is none: the subject would announce what it is not
            letters.append(case)
    return sorted(letters, key=lambda c: _h("mail-dev-pick", c["id"]))[:COUNT]


def _sent(case: dict) -> date:
    day = case["expected"].get("deadline_date") or case["expected"].get("extension_to")
    return date.fromisoformat(day) - timedelta(days=38) if day else date(2026, 3, 3)


def _domain(case: dict) -> str:
    answer = case["expected"].get("answer_email")
    return answer.split("@")[1] if answer else "remittent.example.se"


def _subject(case: dict, layout: str) -> str:
    title = case["expected"]["title"]
    if case["expected"].get("extension_to"):
        return f"Förlängd svarstid – {title}"
    dnr = case["expected"].get("sender_dnr")
    if layout == "bracket" and dnr:
        return f"Remiss av {title} [{dnr}]"
    return (f"Remiss: {title}", f"Remiss av {title}", f"Remiss – {title}")[_h("subject", case["id"]) % 3]


def _signature(signer: str, org: str, domain: str, layout: str) -> str:
    mail = mailbox(signer, domain)
    mail_line = f"{mail} <mailto:{mail}>" if layout == "html" else mail
    text = f"\n\nMed vänliga hälsningar\n\n{signer}\nUtredare\n{org}\nTel: 010-224 00 00\n{mail_line}\n"
    if layout == "html":
        text += (f"www.{domain} <https://www.{domain}/>\n\nDetta e-postmeddelande kan innehålla information som är "
                 "konfidentiell. Om du inte är rätt mottagare, vänligen meddela avsändaren och radera meddelandet.\n")
    return text


def wrap(case: dict, layout: str) -> dict:
    """Return the letter forwarded in `layout`, with the expected fields of the letter (and its signer)."""
    expected = dict(case["expected"])
    domain = _domain(case)
    sent = _sent(case)
    pick = _h("signer", case["id"])
    signs = layout not in ("groupwise", "tb_en", "samsung")  # some forwards carry the letter unsigned
    signer = expected.get("contact_person") or _SIGNERS[pick % len(_SIGNERS)]
    if signs:
        expected["contact_person"] = signer
    org = expected.get("remittent") or "Förvaltningen"
    letter = case["text"].strip()
    if layout == "html":
        letter = letter.replace("Hej", f"Hej{NBSP}", 1)
    letter += _signature(signer, org, domain, layout) if signs else "\n"
    sender_name = signer if signs else "Registratur"
    sender_mail = mailbox(signer, domain) if signs else f"registrator@{domain}"
    subject = _subject(case, layout)
    iname, imail, iorg = _INTERNAL[pick % 2]
    note = f"Hej!\n\nKan du registrera denna?\n\nHälsningar\n{iname}\n{iorg}\n\n"
    day_sv = f"{sent.day} {_MONTHS_SV[sent.month - 1]} {sent.year}"
    wd_sv, wd_en = _DAYS_SV[sent.weekday()], _DAYS_EN[sent.weekday()]
    iso = sent.isoformat()
    if layout == "mac":
        inner = (f"Från: {sender_name} <{sender_mail}>\nDatum: {wd_sv} {day_sv} 10:12\nTill: {imail}\n"
                 f"Ämne: {subject}\n\n")
    elif layout == "owa":
        inner = (f"________________________________\nFrån: {sender_name} <{sender_mail}>\n"
                 f"Skickat: den {day_sv} 10:12\nTill: {iname} <{imail}>\nÄmne: {subject}\n\n")
    elif layout == "tb_sv":
        inner = (f"-------- Vidarebefordrat meddelande --------\nÄmne: \t{subject}\nDatum: \t{iso} 10:12\n"
                 f"Från: \t{sender_name} <{sender_mail}>\nTill: \t{imail}\n\n\n")
    elif layout == "tb_en":
        inner = (f"-------- Forwarded Message --------\nSubject: \t{subject}\n"
                 f"Date: \t{wd_en[:3]}, {sent.day} {_MONTHS_EN[sent.month - 1][:3]} {sent.year} 10:12:31 +0100\n"
                 f"From: \t{sender_name} <{sender_mail}>\nTo: \t{imail}\n\n\n")
    elif layout == "notes":
        inner = (f"----- Vidarebefordrat av {iname}/VAXJO den {iso} 10:12 -----\n\n"
                 f"Från:\t\"{sender_name}\" <{sender_mail}>\nTill:\t{imail}\nDatum:\t{iso} 09:40\n"
                 f"Ärende:\t{subject}\n\n")
    elif layout == "groupwise":
        inner = f">>> \"{sender_name}\" <{sender_mail}> {iso} 09:40 >>>\n"
    elif layout == "android":
        inner = (f"---------- Vidarebefordrat meddelande ---------\nFrån: {sender_name} <{sender_mail}>\n"
                 f"Datum: {wd_sv[:3]} {day_sv} kl 10:12\nÄmne: {subject}\nTill: <{imail}>\n\n\n")
    elif layout == "samsung":
        inner = (f"\n\nSkickat från min Galaxy\n\n\n-------- Originalmeddelande --------\n"
                 f"Från: {sender_name} <{sender_mail}> \nDatum: {iso} 10:12 (GMT+01:00) \nTill: {imail} \n"
                 f"Ämne: {subject} \n\n")
    elif layout == "sv_vb":
        inner = (f"Från: Registrator <{REGISTRY}>\nSkickat: den {day_sv} 13:02\nTill: {iname} <{imail}>\n"
                 f"Ämne: VB: {subject}\n\nHej, gäller denna er?\n\n/Registrator\n\n"
                 f"Från: {sender_name} <{sender_mail}>\nSkickat: den {day_sv} 10:12\nTill: {REGISTRY}\n"
                 f"Ämne: {subject}\n\n")
    elif layout == "mixed":
        inner = (f"From: {sender_name} <{sender_mail}>\nSkickat: {wd_sv} {day_sv} 10:12\nTo: {REGISTRY}\n"
                 f"Cc: {imail}\nÄmne: {subject}\n\n")
    elif layout == "en_tags":
        inner = (f"From: {sender_name} <{sender_mail}>\nSent: {wd_en}, {_MONTHS_EN[sent.month - 1]} {sent.day}, "
                 f"{sent.year} 10:12 AM\nTo: Registrator <{REGISTRY}>\nSubject: [EXTERNAL] {subject}\n\n")
    elif layout == "html":
        inner = (f"Från: {sender_name} <mailto:{sender_mail}>\nSkickat: den {day_sv} 10:12\n"
                 f"Till: Registrator <mailto:{REGISTRY}>\nÄmne: [EXTERN] {subject}\n\n")
    elif layout == "bracket":
        inner = (f"Från: {sender_name} [mailto:{sender_mail}]\nSkickat: den {day_sv} 10:12\nTill: {REGISTRY}\n"
                 f"Ämne: [SPAM?] {subject}\n\n")
    else:  # ios_reply: the internal answer written on a phone above the quoted original
        note = f"Kan du registrera denna?\n\nSkickat från Outlook för iOS\n\n"
        inner = (f"Från: {sender_name} <{sender_mail}>\nSkickat: {wd_sv}, {day_sv} 10:12\nTill: {iname} <{imail}>\n"
                 f"Ämne: {subject}\n\n")
    outer_subject = {"sv_vb": "SV: VB: ", "en_tags": "FW: ", "tb_en": "Fwd: ", "android": "Fwd: ",
                     "samsung": "Fwd: ", "ios_reply": "SV: "}.get(layout, "VB: ") + subject
    outer = f"Från: {iname} <{imail}>\nSkickat: den {day_sv} 14:30\nTill: {REGISTRY}\nÄmne: {outer_subject}\n\n"
    text = outer + note + inner + letter
    if layout == "html":
        text = text.replace("Hälsningar\n", f"Hälsningar{NBSP}\n", 1)
    return {"id": f"m-{case['id']}-{layout}", "kind": "email", "source": f"{case['source']} (wrapped: {layout})",
            "forwarded_from": case["id"], "layout": layout, "split": "mail-holdout" if is_holdout(f"m-{case['id']}-{layout}")
            else "mail-dev", "text": text, "expected": expected}


def build() -> list[dict]:
    letters = _letters()
    return [wrap(c, LAYOUTS[i % len(LAYOUTS)]) for i, c in enumerate(letters)]


if __name__ == "__main__":
    cases = build()
    (DATA / "kinds" / "mail-dev.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
    print(len(cases), "cases,", sum(c["split"] == "mail-holdout" for c in cases), "held out")
