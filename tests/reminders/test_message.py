"""The outbox's mails as the standard library builds them, read back with its parser part by part."""
from __future__ import annotations

import email
from email.policy import default as default_policy

from remiss.reminders.message import Attachment, build

SUBJECT = ("Påminnelse: tjänsteskrivelse klar om 3 arbetsdagar – Remiss av betänkandet SOU 2020:1 "
           "Åtgärder för ökad tillgänglighet i kollektivtrafiken (Fi2020/01234)")
TEXT = ("Hej!\n\nDu har tilldelats remissen och är handläggare för den.\n\n"
        "Ärende: " + "En mycket lång rad utan radbrytning " * 6 + "\nsista rad med = och =3D\n.\n")
HTML = "<p>Hej!</p>\n<p>Ärende: <strong>Åtgärder</strong> – ” ‘ €</p>\n"
ICS = "BEGIN:VCALENDAR\r\nSUMMARY:Sista svarsdag: Åtgärder\r\nEND:VCALENDAR\r\n".encode()


def parse(message):
    return email.message_from_bytes(message.as_bytes(), policy=default_policy)


def make(**overrides):
    values = dict(sender="Kultur- och fritidsnämnden i Nässjö <remiss@nassjo.se>", to="hanna.berg@example.se",
                  subject=SUBJECT, message_id="<remiss-outbox-1@remiss.local>",
                  date="Mon, 23 Nov 2026 10:00:00 +0100", text=TEXT, html=HTML,
                  attachments=(Attachment(ICS, "text", "calendar", "sista-svarsdag.ics",
                                          (("method", "PUBLISH"), ("charset", "utf-8"))),),
                  extra={"Auto-Submitted": "auto-generated", "X-Remiss-Kind": "milestone_before"})
    values.update(overrides)
    return build(**values)


def lf(value: str) -> str:
    return value.replace("\r\n", "\n")


def test_every_part_reads_back_as_written():
    raw = make().as_bytes()
    message = email.message_from_bytes(raw, policy=default_policy)
    assert message["Subject"] == SUBJECT
    assert message["From"].addresses[0].display_name == "Kultur- och fritidsnämnden i Nässjö"
    assert message["From"].addresses[0].addr_spec == "remiss@nassjo.se"
    assert message["To"] == "hanna.berg@example.se" and message["Message-ID"] == "<remiss-outbox-1@remiss.local>"
    assert message["Auto-Submitted"] == "auto-generated" and message["X-Remiss-Kind"] == "milestone_before"
    assert message.get_content_type() == "multipart/mixed"
    assert lf(message.get_body(("plain",)).get_content()) == TEXT
    assert lf(message.get_body(("html",)).get_content()) == HTML
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "sista-svarsdag.ics" and attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH" and attachment.get_payload(decode=True) == ICS
    assert all(not part.defects for part in message.walk())
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line ends only, as SMTP wants
    assert raw.isascii()  # every part encoded: nothing for a relay without 8BITMIME to refuse


def test_mails_that_carry_the_same_calendar_file_do_not_change_each_other():
    # The part of a calendar file is built once and carried by every mail about its remiss.
    first = make()
    written = first.as_bytes()
    second = make(to="karin.holm@example.se", subject="Förlängd remisstid: Åtgärder")
    second.as_bytes()
    assert first.as_bytes() == written
    [mine], [theirs] = (list(parse(m).iter_attachments()) for m in (first, second))
    assert mine.get_payload(decode=True) == theirs.get_payload(decode=True) == ICS
    assert theirs.get_filename() == "sista-svarsdag.ics" and theirs.get_param("method") == "PUBLISH"
    assert parse(second)["To"] == "karin.holm@example.se"


def test_text_only_and_text_with_html_have_the_expected_structure():
    assert parse(make(html=None, attachments=())).get_content_type() == "text/plain"
    alternative = parse(make(attachments=()))
    assert alternative.get_content_type() == "multipart/alternative"
    assert lf(alternative.get_body(("html",)).get_content()) == HTML


def test_a_title_cannot_add_headers_or_break_the_structure():
    hostile = "Remiss\r\nBcc: alla@example.se\r\n\r\n--=_remiss_alternative"
    message = parse(make(subject=hostile, text=f"--=_remiss_mixed\n{hostile}\n"))
    assert message["Bcc"] is None and "Bcc: alla@example.se" in message["Subject"]
    assert len(list(message.iter_attachments())) == 1
    assert hostile.replace("\r\n", "\n") in lf(message.get_body(("plain",)).get_content())


def test_an_address_outside_ascii_is_kept():
    message = parse(make(to="åsa@exempel.se"))
    assert message["To"] == "åsa@exempel.se" and message["Subject"] == SUBJECT
    assert lf(message.get_body(("plain",)).get_content()) == TEXT
