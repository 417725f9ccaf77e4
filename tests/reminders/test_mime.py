"""The outbox's MIME writer, read back with the standard library's parser part by part."""
from __future__ import annotations

import email
from email.policy import default as default_policy

from remiss.reminders.mime import Attachment, build, encode_header

SUBJECT = ("Påminnelse: tjänsteskrivelse klar om 3 arbetsdagar – Remiss av betänkandet SOU 2020:1 "
           "Åtgärder för ökad tillgänglighet i kollektivtrafiken (Fi2020/01234)")
TEXT = ("Hej!\n\nDu har tilldelats remissen och är handläggare för den.\n\n"
        "Ärende: " + "En mycket lång rad utan radbrytning " * 6 + "\nsista rad med = och =3D\n")
HTML = "<p>Hej!</p>\n<p>Ärende: <strong>Åtgärder</strong> – ” ‘ €</p>\n"
ICS = "BEGIN:VCALENDAR\r\nSUMMARY:Sista svarsdag: Åtgärder\r\nEND:VCALENDAR\r\n".encode()


def parse(mail):
    return email.message_from_bytes(bytes(mail), policy=default_policy)


def make(**overrides):
    values = dict(sender="Kultur- och fritidsnämnden i Nässjö <remiss@nassjo.se>", to="hanna.berg@example.se",
                  subject=SUBJECT, message_id="<remiss-outbox-1@remiss.local>",
                  date="Mon, 23 Nov 2026 10:00:00 +0100", text=TEXT, html=HTML,
                  attachments=(Attachment(ICS, 'text/calendar; method=PUBLISH; charset="utf-8"',
                                          "sista-svarsdag.ics"),),
                  extra={"Auto-Submitted": "auto-generated", "X-Remiss-Kind": "milestone_before"})
    values.update(overrides)
    return build(**values)


def lf(value: str) -> str:
    return value.replace("\r\n", "\n")


def test_every_part_reads_back_as_written():
    mail = make()
    message = parse(mail)
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
    assert mail.sender == "remiss@nassjo.se" and mail.recipients == ("hanna.berg@example.se",)
    assert all(len(line) <= 78 for line in bytes(mail).split(b"\r\n"))
    assert b"\n" not in bytes(mail).replace(b"\r\n", b"")  # CRLF line ends only, as SMTP wants


def test_text_only_and_text_with_html_have_the_expected_structure():
    assert parse(make(html=None, attachments=())).get_content_type() == "text/plain"
    alternative = parse(make(attachments=()))
    assert alternative.get_content_type() == "multipart/alternative"
    assert lf(alternative.get_body(("html",)).get_content()) == HTML


def test_a_title_cannot_add_headers_or_break_the_structure():
    hostile = "Remiss\r\nBcc: alla@example.se\r\n\r\n--=_remiss_alt_x"
    message = parse(make(subject=hostile, text=f"--=_remiss_mix_{'0' * 16}\n{hostile}\n"))
    assert message["Bcc"] is None and "Bcc: alla@example.se" in message["Subject"]
    assert len(list(message.iter_attachments())) == 1
    assert hostile.replace("\r\n", "\n") in lf(message.get_body(("plain",)).get_content())


def test_headers_are_encoded_only_when_they_must_be():
    assert encode_header("Påminnelse") == "=?utf-8?b?UMOlbWlubmVsc2U=?="
    assert encode_header("Remiss KS-2026-00012") == "Remiss KS-2026-00012"
    words = encode_header("ö" * 100).split("\r\n ")
    assert len(words) > 1 and all(len(w) <= 75 for w in words)


def test_an_address_outside_ascii_goes_through_the_standard_library():
    message = parse(make(to="åsa@exempel.se"))
    assert message["To"] == "åsa@exempel.se" and message["Subject"] == SUBJECT
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == TEXT
