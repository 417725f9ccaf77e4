"""walk25 Y4: the tjänsteskrivelse's Beslutsunderlag was filled from file names: "Remiss av promemorian … (KN2026-04578)"
(the .eml's name, "/" made "-") beside a heading that says KN2026/04578, and two near-identical lines for the .eml and
the .html missiv of one mail. A mail is listed once, by its subject; a diarienummer reads as the remiss has it."""
from __future__ import annotations

from datetime import date, datetime, timezone
from io import BytesIO

from remiss.intake.models import InboxMessage
from tests.drafting.conftest import doc_lines
from tests.intake.test_walk7 import kommun  # noqa: F401  (a fixture)
from tests.support.factories import make_remiss

MAIL = ("From: Lunds kommun <registrator@lund.se>\nTo: ks@malmo.se\nSubject: {subject}\n"
        "Date: Sat, 05 Dec 2026 07:55:00 +0100\nContent-Type: text/plain; charset=utf-8\n\nSe bifogat missiv.\n")


def _upload(auth, rid: int, name: str, data: bytes):
    url = f"/remisser/{rid}"
    r = auth.post(f"{url}/filer", {"files": (BytesIO(data), name)}, form_url=url, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:500]


def _beslutsunderlag(client, rid: int) -> list[str]:
    lines = [text for _, text in doc_lines(client.get(f"/remisser/{rid}/dokument/tjansteskrivelse.docx").data)]
    start = lines.index("Beslutsunderlag") + 1
    return lines[start:start + 4]


def test_a_mail_is_listed_once_by_its_subject_with_the_diarienummer_as_written(client, auth, session, kommun, clock):
    miljo, _, _ = kommun
    clock.set(datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title="Avfallsplan 2027–2030", remittent="Lunds kommun",
                         sender_dnr="KN2026/04578", deadline_on=date(2027, 3, 1))
    subject = "Remiss: Avfallsplan 2027–2030 (KN2026/04578)"
    session.add(InboxMessage(message_id="<y4@lund.se>", fetched_at=datetime(2026, 12, 5, 7, 0, tzinfo=timezone.utc),
                             subject=subject, status="registered", remiss_id=remiss.id))
    session.commit()
    auth.login("reg@malmo.se")
    # the names the Inkorg gives the mail and its attachment (files.portable_name: ":" and "/" become "-")
    _upload(auth, remiss.id, "Remiss- Avfallsplan 2027–2030 (KN2026-04578).eml",
            MAIL.format(subject=subject).encode())
    _upload(auth, remiss.id, "Remiss- Avfallsplan 2027-2030 (KN2026-04578).html",
            b"<html><body><p>Remiss Avfallsplan</p></body></html>")
    _upload(auth, remiss.id, "Bilaga 1 KN2026-04578.txt", b"Bilaga med siffror.")
    listed = _beslutsunderlag(client, remiss.id)
    # old code: "Remiss- Avfallsplan 2027–2030 (KN2026-04578)", "Remiss- Avfallsplan 2027-2030 (KN2026-04578)", …
    assert listed[:2] == [subject, "Bilaga 1 KN2026/04578"], listed
    assert not any("KN2026-04578" in line for line in listed), listed
