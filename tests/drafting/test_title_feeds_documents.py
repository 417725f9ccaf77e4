"""A new title of an incoming remiss reaches its documents: a yttrande.docx made earlier the same day is not served
again (generate.reusable compares the remiss's updated_at); once expedierat, the documents stay as they were sent.
A guard for h-sammanst20 (the utgående sammanställning is dated by its title the same way): it held before too."""
from __future__ import annotations

from tests.conftest import csrf_token
from tests.drafting.conftest import decide, doc_lines
from tests.drafting.test_flow import draft_form


def _heading(client, rid) -> str:
    """The title the yttrande.docx the page's link serves is headed with."""
    response = client.get(f"/remisser/{rid}/dokument/yttrande.docx")
    assert response.status_code == 200
    return next(text for style, text in doc_lines(response.data) if style == "Heading 1")


def _retitle(auth, clock, rid, title):
    clock.advance(minutes=5)
    url = f"/remisser/{rid}/andra"
    assert auth.post(url, {"title": title}, form_url=url).status_code == 302


def test_a_new_title_reaches_the_yttrande_and_the_sent_one_keeps_its_own(world, auth, client, clock, smtp):
    rid, old = world["remiss"].id, world["remiss"].title
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert _heading(client, rid) == old
    _retitle(auth, clock, rid, "Handlingsplan för kulturstrategi 2016, reviderad")
    assert _heading(client, rid) == "Handlingsplan för kulturstrategi 2016, reviderad"

    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, clock, omedelbar_justering="").status_code == 302
    headers = {"X-CSRFToken": csrf_token(client, page)}
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/justering", headers=headers,
                       json={"justerad_on": "2015-09-24"}).status_code == 200
    assert auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=page).status_code == 302
    _retitle(auth, clock, rid, "Kulturstrategi 2016")
    # what was sent: the title it went out with (a rättelse makes a new one)
    assert _heading(client, rid) == "Handlingsplan för kulturstrategi 2016, reviderad"
