"""walk26b: an inkommande remiss expedierad without a svarsadress ("Expedierad, inte skickad").

X10: a svarsadress added afterwards (Ändra uppgifter) stranded it: status back to "Beslutad", the start page's
"Expediera yttrandet", but no Expediera (the version is locked) and no "Skickat per post eller på annat sätt" form.
Adding the address sends nothing; the remiss stays "Expedierad, inte skickad" until the sending is registered."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone

from remiss.remisser.models import Remiss
from tests.drafting.test_expediering_mail import expediera


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace("\u00ad", "")


def _header(client, rid: int) -> str:
    shown = _text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    return shown[shown.index("Inkommande remiss"):shown.index("Översikt")]


def test_a_svarsadress_added_after_the_expediering_keeps_it_expedierad_inte_skickad(
        decided, auth, client, clock, db):
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    with db.transaction() as s:  # what Ändra uppgifter saves: the remittent's address turned up
        remiss = s.get(Remiss, rid)
        remiss.answer_email = "registrator@skane.example"
        s.add(remiss)
    clock.set(datetime(2015, 9, 27, 8, 0, tzinfo=timezone.utc))
    header = _header(client, rid)
    # old code: "Beslutad … Nästa steg: Nämnden har beslutat: expediera yttrandet till remittenten."
    assert "Expedierad, inte skickad" in header and "Beslutad" not in header, header
    assert ("Nästa steg: Skicka yttrandet till remittenten, t.ex. med e-post till registrator@skane.example, och "
            "registrera att det är skickat. Det är expedierat men inte e-postat: svarsadressen lades till efter "
            "expedieringen") in header, header
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert f'action="/remisser/{rid}/yttrande/skickat"' in page  # old code: the form was gone
    detail = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert detail["status_label"] == "Expedierad, inte skickad"
    assert client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["sent_by_hand_pending"] is True
    listed = client.get("/api/v1/remisser?status=expedierad").get_json()["items"]
    assert [i["id"] for i in listed] == [rid]
    start = _text(client.get("/").get_data(as_text=True))
    # old code: "Expediera yttrandet: … Beslutad"
    assert "Expedierad, inte skickad – yttrandet är expedierat men inte e-postat: svarsadressen kom efter " \
           "expedieringen" in start, start

    form = {"way": "annat", "sent_on": "27 september 2015"}
    r = auth.post(f"/remisser/{rid}/yttrande/skickat", form, form_url=f"/remisser/{rid}")
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    assert "Besvarad i tid" in _header(client, rid), _header(client, rid)


def test_expedierad_late_without_svarsadress_says_for_sent_everywhere(decided, auth, client, clock):
    """X1: expedierad after the sista svarsdag without a svarsadress said only "Expedierad, inte skickad"; the
    e-mail path says "Expedierad för sent, inte skickad än" in the header, the lists, the CSV and the API."""
    from datetime import date

    rid = decided(answer_email="", deadline_on=date(2015, 9, 22), effective_deadline_on=date(2015, 9, 22))
    assert expediera(auth, rid).status_code == 302  # 24 September, two days after the sista svarsdag
    late = "Expedierad för sent, inte skickad än"
    header = _header(client, rid)
    assert late in header, header  # old code: "Expedierad, inte skickad"
    assert client.get(f"/api/v1/remisser/{rid}").get_json()["status_label"] == late
    items = client.get("/api/v1/remisser?status=expedierad").get_json()["items"]
    assert [i["status_label"] for i in items] == [late]
    listed = _text(client.get("/remisser?status=expedierad").get_data(as_text=True))
    assert late in listed, listed
    csv_text = client.get("/remisser/export.csv").get_data(as_text=True)
    assert late in csv_text
    start = _text(client.get("/").get_data(as_text=True))
    assert f"{late} – yttrandet är expedierat men inte e-postat" in start, start


def test_besvarad_by_hand_is_not_offered_while_the_sending_is_unregistered(decided, auth, client):
    """X19: "Ändra status för hand" → Besvarad made an "Expedierad, inte skickad" remiss besvarad with no sending
    recorded, and the history said "Beslutad → Besvarad". The Skickat form asks how and when it left."""
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    url = f"/remisser/{rid}"
    page = client.get(url).get_data(as_text=True)
    options = re.search(r'<select[^>]*name="status".*?</select>', page, re.S).group(0)
    assert 'value="besvarad"' not in options, options  # old code: offered
    r = auth.post(f"{url}/status", {"status": "besvarad", "note": "", "confirm": "1"}, form_url=url)
    assert r.status_code == 409  # refused at the form, in the page itself (session 27: was a flash and a redirect)
    shown = _text(r.get_data(as_text=True))
    assert "Yttrandet är expedierat men inte skickat. Registrera hur och när det skickades under ”Skickat per " \
           "post eller på annat sätt”" in shown, shown[:3000]
    assert "Expedierad, inte skickad" in _header(client, rid)
    assert "Status: Beslutad → Besvarad" not in shown.rsplit("Historik", 1)[-1]


def test_a_svarsadress_added_after_the_expediering_offers_to_mail_the_yttrande(
        decided, auth, client, db, runner, smtp):
    """Session 27 (X10, asked for): the remiss page asks "Yttrandet är expedierat men inte skickat. Skicka det nu
    till registrator@skane.example?" with a button that puts the expedierat yttrande's mail in the Utkorg, the one
    Expediera would have queued; the remiss is besvarad once it has left."""
    from tests.drafting.test_expediering_mail import sweep

    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    url = f"/remisser/{rid}"
    assert "Skicka yttrandet nu" not in client.get(url).get_data(as_text=True)  # no address: not offered
    # Ändra uppgifter: the remittent's address turned up; the Klart points to the question
    edited = auth.post(f"{url}/andra", {"answer_email": "registrator@skane.example"}, form_url=f"{url}/andra",
                       follow_redirects=True)
    shown = _text(edited.get_data(as_text=True))
    assert ("Klart: Ändringarna är sparade. Yttrandet är expedierat men inte skickat: skicka det nu till "
            "registrator@skane.example med ”Skicka yttrandet nu” under Yttrande.") in shown, shown[:3000]
    # old code: only "Skickat per post eller på annat sätt"
    assert ("Yttrandet är expedierat men inte skickat. Skicka det nu till registrator@skane.example?") in shown
    assert "Skicka yttrandet nu" in shown
    done = auth.post(f"{url}/yttrande/skicka-nu", {}, form_url=url, follow_redirects=True)
    said = _text(done.get_data(as_text=True))
    assert ("Klart: Yttrandet läggs i utkorgen och e-postas inom några minuter till registrator@skane.example."
            in said), said[:3000]
    assert "Skicka yttrandet nu" not in said  # asked once
    header = _header(client, rid)  # as after an expediering with an address: waiting in the Utkorg
    assert "Expedierad, inte skickad" in header and "Yttrandet väntar i utkorgen sedan" in header, header
    again = _text(auth.post(f"{url}/yttrande/skicka-nu", {}, form_url=url, follow_redirects=True)
                  .get_data(as_text=True))
    assert "Yttrandet är redan lagt i utkorgen för e-post till registrator@skane.example." in again
    sweep(runner, "2015-09-24T19:00")
    [(rcpts, message)] = smtp.of_kind("yttrande_expedierat")  # once, the frozen documents
    assert rcpts == ["registrator@skane.example"]
    names = [part.get_filename() for part in message.iter_attachments()]
    assert any(n.endswith(".docx") for n in names) and any(n.endswith(".pdf") for n in names), names
    header = _header(client, rid)
    assert "Besvarad" in header and "inte skickad" not in header, header
    assert client.get(f"/api/v1/remisser/{rid}").get_json()["status"] == "besvarad"
    history = _text(client.get(url).get_data(as_text=True)).rsplit("Historik", 1)[-1]
    assert "lagt i utkorgen när svarsadressen kom" in history, history[:3000]


def test_the_api_says_where_and_mails_the_expedierat_yttrande(decided, auth, client, db):
    """Session 27: the API's yttrande says mail_now_to (additive) and POST …/yttrande/skicka-nu queues the mail."""
    from tests.conftest import csrf_token

    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    url = f"/api/v1/remisser/{rid}/yttrande"
    assert client.get(url).get_json()["mail_now_to"] is None
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    refused = client.post(f"{url}/skicka-nu", json={}, headers=headers)
    assert refused.status_code == 409 and "ingen svarsadress" in refused.get_json()["error"]
    with db.transaction() as s:
        s.get(Remiss, rid).answer_email = "registrator@skane.example"
    assert client.get(url).get_json()["mail_now_to"] == "registrator@skane.example"
    done = client.post(f"{url}/skicka-nu", json={}, headers=headers)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["mail_now_to"] is None and done.get_json()["sent_by_hand_pending"] is False
    assert client.get(f"/api/v1/remisser/{rid}").get_json()["status"] == "besvarad"
    again = client.post(f"{url}/skicka-nu", json={}, headers=headers)
    assert again.status_code == 409 and "redan lagt i utkorgen" in again.get_json()["error"]
