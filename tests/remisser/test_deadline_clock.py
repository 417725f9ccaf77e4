"""A sista svarsdag with a clock time has passed once that time has passed, not at the end of its day (walk16 0b,
truth16 F21): the registration asks, and the page head, the Tidplan, Att göra, /forsenat and the API say so."""
from datetime import date, datetime, time, timezone

from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

# Saturday 5 December 2026, 07.45 in Stockholm (06.45 UTC): a quarter of an hour after a deadline of 07.30
AFTER = datetime(2026, 12, 5, 6, 45, tzinfo=timezone.utc)
TODAY = date(2026, 12, 5)

FORM = {"title": "Klockslagstest via formulär", "direction": "inkommande", "kind": "remiss",
        "remittent": "Kommunstyrelsen", "sender_dnr": "KS-2026-77", "received_on": "2026-12-01",
        "deadline_on": "2026-12-05", "deadline_time": "07.30"}


def _world(session):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="reg@malmo.se")
    session.commit()
    return namnd, user


def test_the_form_asks_about_a_deadline_passed_earlier_today(client, auth, session, clock, db):
    namnd, _ = _world(session)
    clock.set(AFTER)
    auth.login("reg@malmo.se")
    response = auth.post("/remisser/ny", {**FORM, "namnd_id": namnd.id})
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    assert "Sista svarsdag är 5 december 2026 kl. 07.30, som redan har varit." in html
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []
    # before the clock time it is today's deadline: registered without a question
    clock.set(datetime(2026, 12, 5, 6, 15, tzinfo=timezone.utc))
    assert auth.post("/remisser/ny", {**FORM, "namnd_id": namnd.id}).status_code == 302


def test_the_api_warns_and_flags_a_deadline_passed_earlier_today(client, session, clock):
    namnd, user = _world(session)
    clock.set(AFTER)
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='t')}"}
    session.commit()
    body = {"title": "Klockslagstest via API", "remittent": "Kommunstyrelsen", "namnd_id": namnd.id,
            "deadline_on": "2026-12-05", "deadline_time": "07.30"}
    created = client.post("/api/v1/remisser", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    detail = created.get_json()
    assert [w["code"] for w in detail["warnings"]] == ["sista_svarsdag_passerad"]
    assert "5 december 2026 kl. 07.30 har redan passerat" in detail["warnings"][0]["message"]
    assert detail["deadline_passed"] is True
    items = client.get("/api/v1/remisser", headers=headers).get_json()["items"]
    assert [i["deadline_passed"] for i in items] == [True]


def test_every_view_says_the_deadline_passed_at_its_clock_time(client, auth, session, clock):
    namnd, user = _world(session)
    remiss = make_remiss(session, namnd=namnd, by=user, now=datetime(2026, 12, 1, 9, tzinfo=timezone.utc),
                         title="Klockslagsprov", deadline_on=TODAY, deadline_time=time(7, 30))
    session.commit()
    auth.login("reg@malmo.se")
    clock.set(datetime(2026, 12, 5, 6, 15, tzinfo=timezone.utc))  # 07.15: still today's deadline
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Försenad." not in page
    clock.set(AFTER)
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Försenad. Sista svarsdagen passerade i dag kl. 07.30." in page
    assert "passerade i dag kl. 07.30" in page.split('id="tidplan"', 1)[-1]
    late = client.get("/forsenat").get_data(as_text=True).lower()
    assert "klockslagsprov" in late and "passerade i dag kl. 07.30" in late
    assert ">i dag<" not in late  # "I dag" inside the Försenat list was the contradiction
    start = client.get("/").get_data(as_text=True).lower()
    assert "passerade i dag kl. 07.30" in start and ">i dag<" not in start


def test_the_lists_mark_an_open_remiss_past_its_deadline(client, auth, session, clock):
    """truth16 F29: the diarium, Mina remisser and the start page's list mark "passerad" as they mark "förlängd"."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    user = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@malmo.se")
    make_remiss(session, namnd=namnd, now=datetime(2026, 12, 1, 9, tzinfo=timezone.utc),
                title="Passerad i morse", deadline_on=TODAY, deadline_time=time(7, 30), handlaggare_id=user.id)
    make_remiss(session, namnd=namnd, now=datetime(2026, 12, 1, 9, tzinfo=timezone.utc),
                title="Har tid kvar", deadline_on=date(2026, 12, 18), handlaggare_id=user.id)
    session.commit()
    auth.login("h@malmo.se")
    clock.set(AFTER)
    for url in ("/", "/remisser", "/remisser/mina"):
        html = client.get(url).get_data(as_text=True)
        rows = {title: [row for row in html.split("<tr>") if title in row and 'data-label="Sista svarsdag"' in row]
                for title in ("Passerad i morse", "Har tid kvar")}
        assert rows["Passerad i morse"] and all('class="flag deadline-passed">passerad<' in row
                                                for row in rows["Passerad i morse"]), url
        assert rows["Har tid kvar"] and not any("deadline-passed" in row for row in rows["Har tid kvar"]), url
