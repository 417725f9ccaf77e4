"""Walk28 Z12: an instans put on the sändlista of a sent remiss (Ändra uppgifter) counted as asked: the page said
"0 av 3 har svarat", the API's sandlista_status "asked": 3 and the svarsstatus CSV "Ej svarat". It is not asked until
the remiss is sent to it: "0 av 2", asked 2 with not_sent 1, and its row "Har inte fått remissen"; once sent, asked."""
from __future__ import annotations

import re
from html import unescape

from tests.outgoing.test_walk9_dates import _sent


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_an_instans_added_after_sending_is_not_counted_as_asked_until_it_is_sent(session, client, auth, clock):
    remiss, page, _ = _sent(session, client, auth, clock)
    remiss_id = remiss.id  # read once: a lazy load later would hold the test session's write lock (BEGIN IMMEDIATE)
    session.rollback()
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"sandlista": "Trafiknämnden\nMiljönämnden\nTekniska nämnden; teknik@example.se"},
                     form_url=url).status_code == 302
    shown = _text(client.get(page))
    assert "0 av 2 har svarat" in shown, shown  # old code: "0 av 3 har svarat"
    assert "Inte skickad än till: Tekniska nämnden." in shown or "Tekniska nämnden har inte fått remissen än" in shown
    status = client.get(f"/api/v1/remisser/{remiss_id}").get_json()["sandlista_status"]
    assert (status["total"], status["asked"], status["not_sent"], status["waiting"], status["waiting_asked"]) == \
        (3, 2, 1, 3, 2)
    csv = client.get(f"{page}/utskick/svarsstatus.csv").get_data().decode("utf-8-sig")
    line = next(row for row in csv.splitlines() if row.startswith("Tekniska nämnden"))
    assert "Har inte fått remissen" in line and "Ej svarat" not in line, line

    clock.advance(minutes=5)  # sent to it too: now it is asked
    sent = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True))
    assert "Tekniska nämnden" in sent and "skickades inte" not in sent, sent[-1500:]
    shown = _text(client.get(page))
    assert "0 av 3 har svarat" in shown, re.findall(r".{300}avstår\. .{200}", shown)
    status = client.get(f"/api/v1/remisser/{remiss_id}").get_json()["sandlista_status"]
    assert (status["asked"], status["not_sent"]) == (3, 0)


def test_editing_an_utgaende_remiss_shows_its_own_fields_and_keeps_the_others(session, client, auth, clock):
    from remiss.remisser.models import Remiss

    remiss, page, _ = _sent(session, client, auth, clock)
    form = client.get(f"{page}/andra")
    html = unescape(form.get_data(as_text=True))
    # old code: Remittent, Remittentens diarienummer, Inkom and "Kontaktperson hos remittenten", as if incoming
    for gone in ('name="remittent"', 'name="sender_dnr"', 'name="received_on"', 'name="copy_emails"',
                 "Kontaktperson hos remittenten", "i remittentens ordning", "Ärendemeningen som den står i missivet"):
        assert gone not in html, gone
    assert "Remitterande nämnd" in html and "Svaren skickas till (e-post)" in html
    assert ("En remissinstans som läggs till här har inte fått remissen: skicka den till instansen med ”Skicka "
            "remissen” under Utskick och svar.") in html
    session.expire_all()
    before = session.get(Remiss, remiss.id)
    kept = (before.remittent, before.sender_dnr, before.received_on)
    session.rollback()
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"title": "Trafikplan för Öster"}, form_url=url).status_code == 302
    session.expire_all()
    after = session.get(Remiss, remiss.id)
    assert after.title == "Trafikplan för Öster"
    assert (after.remittent, after.sender_dnr, after.received_on) == kept  # the fields not shown are left alone
