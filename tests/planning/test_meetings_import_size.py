"""The sammanträdesplan import refuses a file over its limit with the shared message (remiss.files.too_large): the
file's real size and the limit its hint names ("högst 2 MB" was 2,000,000 bytes, 1,9 MB as every other limit reads)."""
from __future__ import annotations

from html import unescape
from types import SimpleNamespace

from sqlmodel import select

from remiss.namnd.models import Meeting
from tests.planning.helpers import fetch
from tests.planning.test_meetings_import_and_feeds import CSV, _upload, _world


def test_a_meeting_file_over_the_limit_says_its_size_and_the_limit(db, session, client, auth):
    namnd = SimpleNamespace(id=_world(session).id)
    session.rollback()  # SQLite has one writer
    auth.login("sekr@kultur.se")
    page = unescape(client.get(f"/namnder/{namnd.id}/sammantraden").get_data(as_text=True))
    assert "Högst 2 MB." in page
    refused = _upload(auth, namnd, "plan.csv", CSV.encode() + b"\n" * (3 * 1024 * 1024))
    said = " ".join(unescape(refused.get_data(as_text=True)).split())
    assert refused.status_code == 400
    assert "Filen är 3 MB; gränsen är 2 MB." in said and "Högst 2 MB." in said
    assert fetch(db, select(Meeting)) == []
    fits = _upload(auth, namnd, "plan.csv", CSV.encode() + b"\n" * (2 * 1024 * 1024 - 200))  # up to 2 MB is read
    assert fits.status_code == 200 and "2 nya sammanträden kan importeras" in unescape(fits.get_data(as_text=True))
