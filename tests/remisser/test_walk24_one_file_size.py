"""walk24 V4: one file, two sizes: Handlingar said "(67 kB, …)" (rounded down, files.human_size) and the history
"Storlek: – → 68 kB" (rounded to the nearest, its own formatter); a pasted missiv of 2 009 bytes read 1 kB and 2 kB.
One formatter now says both."""
from __future__ import annotations

import io
import re
from html import unescape

from remiss.auth.models import Role
from remiss.files import human_size
from remiss.remisser.history import describe
from tests.support.factories import make_namnd, make_user
from tests.unit.test_history_words import _event

PDF = b"%PDF-1.4\n% remisshandling\n"


def test_the_formatter_rounds_kb_to_the_nearest_and_groups_digits():
    assert [human_size(n) for n in (413, 1023, 2009, 69_306, 2_621_440)] == [
        "413 byte", "1\xa0023 byte", "2 kB", "68 kB", "2,5 MB"]
    [row] = describe(None, [_event("upload", {"filename": [None, "a.pdf"], "size": [None, 2009]})])
    assert row.changes == [("Fil", "–", "a.pdf"), ("Storlek", "–", "2 kB")]


def test_handlingar_and_the_history_give_one_size(session, auth, client):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    data = PDF + b"%" * (69_306 - len(PDF))
    form = {"title": "Trafikplan för Öster", "namnd_id": str(namnd.id), "deadline_on": "2027-06-30",
            "new_instanser": "Trafiknämnden; trafik@example.se",
            "files": [(io.BytesIO(data), "dl-3-Yttrande.pdf")]}
    response = auth.post("/remisser/ny-utgaende", form, content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200
    page = " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())
    # Old code: "(67 kB, …)" under Handlingar and "Storlek: – → 68 kB" in the history.
    assert "dl-3-Yttrande.pdf (68 kB," in page, page
    assert re.search(r"Storlek:? – → 68 kB", page), page
    assert "67 kB" not in page
