"""walk10 leftover, the incoming side's confirm forms: a beslut asked about (no sammanträde that day) came back
without the protokollsutdrag chosen in it. The file is kept on the server and shown as chosen; confirming stores
it byte for byte, and a forged token brings nothing."""
from __future__ import annotations

import io
import re
from html import unescape

from sqlmodel import select

from remiss import files
from remiss.drafting.models import Decision
from remiss.remisser.models import Attachment
from tests.drafting.conftest import ready_to_decide

PDF = b"%PDF-1.4\n% protokollsutdrag SON Oster 23 september 2015\n"



def _post(auth, rid, **data):
    form = {"decided_by": "namnd", "meeting_on": "2015-09-23", "paragraf": "§ 142", "omedelbar_justering": "1"}
    form.update(data)
    return auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}",
                     content_type="multipart/form-data")


def test_the_protokollsutdrag_is_kept_across_the_meeting_question(session, w, auth, client, clock, app):
    rid = ready_to_decide(session, w, auth, clock)
    asked = _post(auth, rid, protokollsutdrag=(io.BytesIO(PDF), "Protokollsutdrag.pdf"))
    html = unescape(asked.get_data(as_text=True))
    assert asked.status_code == 400 and "har inget sammanträde onsdag 23 september 2015" in html
    assert "Vald fil: Protokollsutdrag.pdf (" in html and "behålls)" in html
    token = re.search(r'name="held_token" value="([^"]+)"', html).group(1)
    keys = re.findall(r'name="keep_held" value="([^"]+)" checked', html)
    assert len(keys) == 1
    done = _post(auth, rid, confirm_meeting="1", held_token=token, keep_held=keys)
    assert done.status_code == 302
    session.expire_all()
    decision = session.exec(select(Decision).where(Decision.remiss_id == rid)).one()
    stored = session.get(Attachment, decision.protokollsutdrag_id)
    assert stored.filename == "Protokollsutdrag.pdf" and stored.purpose == "protokollsutdrag"
    assert files.path_of(app.config["FILES_DIR"], stored.storage_key).read_bytes() == PDF
    assert not files.path_of(app.config["FILES_DIR"], keys[0]).exists()
    session.rollback()


def test_a_forged_token_brings_no_file(session, w, auth, client, clock):
    rid = ready_to_decide(session, w, auth, clock)
    html = unescape(_post(auth, rid, protokollsutdrag=(io.BytesIO(PDF), "Protokollsutdrag.pdf")).get_data(as_text=True))
    token = re.search(r'name="held_token" value="([^"]+)"', html).group(1)
    keys = re.findall(r'name="keep_held" value="([^"]+)" checked', html)
    assert _post(auth, rid, confirm_meeting="1", held_token=token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"), keep_held=keys).status_code == 302
    session.expire_all()
    assert session.exec(select(Decision).where(Decision.remiss_id == rid)).one().protokollsutdrag_id is None
    session.rollback()
