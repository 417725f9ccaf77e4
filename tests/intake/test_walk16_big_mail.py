"""walk16 #26: a mail larger than the limit per file is kept in the Inkorg, but not whole as a remisshandling: its
too-large attachment is left out with a Swedish note, as when the same file is uploaded by hand."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from email.message import EmailMessage

from remiss import files
from remiss.intake.reading import ReadLimits
from remiss.intake.service import inbox

LIMIT = 100_000


def big_mail() -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = "Remiss med stor bilaga", "reg@example.se", "ks@malmo.se"
    message["Date"], message["Message-ID"] = "Mon, 30 Nov 2026 10:00:00 +0100", "<big-walk16@example.se>"
    message.set_content("Hej,\n\nHär kommer remissen om trafikplanen. Svar senast den 29 januari 2027.\n")
    table = ("namn;värde\n" + "Trafikplan rad;12345\n" * 12_000).encode()  # about 240 kB
    message.add_attachment(table, maintype="text", subtype="csv", filename="underlag.csv")
    return bytes(message)


def test_a_mail_over_the_limit_is_kept_without_its_too_large_attachment(db, app):
    raw = big_mail()
    assert len(raw) > LIMIT
    with db.transaction() as s:
        message, new = inbox.receive(s, now=datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc), raw=raw,
                                     files_dir=app.config["FILES_DIR"], limits=ReadLimits(LIMIT))
        stored, warnings = json.loads(message.files), json.loads(message.warnings)
    assert new
    assert [f["filename"] for f in stored] == ["Remiss med stor bilaga.eml"]  # the mail, not underlag.csv
    assert all(f["size"] <= LIMIT for f in stored)
    kept = files.path_of(app.config["FILES_DIR"], stored[0]["key"]).read_bytes()
    assert b"Trafikplan rad" not in kept and "trafikplanen" in kept.decode()  # its text stays, the table goes
    said = " ".join(warnings)
    assert "Meddelandet är" in said and "sparas som remisshandling utan sina bilagor (underlag.csv)" in said
    assert "Bilagan underlag.csv är" in said and "för stor för att tas över" in said
