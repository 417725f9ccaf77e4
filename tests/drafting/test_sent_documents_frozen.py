"""After expediering the justering is locked (only a rättelse changes what was sent), and the remiss page's
main "Yttrande"/"Tjänsteskrivelse" links serve the frozen documents that were sent, on any later day."""
from __future__ import annotations

import hashlib

from sqlmodel import select

from remiss.drafting.models import GeneratedDocument
from tests.conftest import csrf_token
from tests.drafting.conftest import decide, doc_lines
from tests.drafting.test_flow import draft_form


def test_justering_is_locked_and_main_links_serve_the_sent_documents(world, auth, client, clock, reader, smtp):
    rid = world["remiss"].id
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, clock, omedelbar_justering="").status_code == 302
    headers = {"X-CSRFToken": csrf_token(client, page)}
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/justering", headers=headers,
                       json={"justerad_on": "2015-09-24"}).status_code == 200
    assert auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=page).status_code == 302

    clock.advance(days=9)  # a later day: a new rendering would carry a new date and new bytes
    changed = client.post(f"/api/v1/remisser/{rid}/yttrande/justering", headers=headers,
                          json={"justerad_on": "2015-09-25"})
    assert changed.status_code == 409
    assert "rättelse" in changed.get_json()["error"]
    assert client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["decision"]["justerad_on"] == "2015-09-24"

    reader.rollback()
    frozen = {d.kind: d for d in reader.exec(select(GeneratedDocument).where(GeneratedDocument.remiss_id == rid,
                                                                             GeneratedDocument.frozen))}
    assert set(frozen) == {"tjansteskrivelse", "yttrande"}
    for kind, row in frozen.items():
        main = client.get(f"/remisser/{rid}/dokument/{kind}.docx")
        archived = client.get(f"/remisser/{rid}/dokument/arkiv/{row.id}.docx")
        assert main.status_code == archived.status_code == 200
        assert hashlib.sha256(main.data).hexdigest() == hashlib.sha256(archived.data).hexdigest() == row.sha256, kind
        api = client.get(f"/api/v1/remisser/{rid}/documents/{kind}.docx")
        assert api.data == archived.data
    texts = [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]
    assert any("justerat den 24 september 2015" in t for t in texts), texts
