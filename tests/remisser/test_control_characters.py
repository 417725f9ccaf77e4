"""A NUL (or another C0 control character) typed or pasted into any text input is removed where input enters the
app (remiss.web.requests): PostgreSQL refuses NUL in text, so it would otherwise end in a 500 there.
Run on PostgreSQL with REMISS_TEST_DATABASE_URL (scripts/postgres-pass.sh)."""
from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.input import without_control_characters
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_user

FORM = {"title": "Test\x00K", "direction": "inkommande", "kind": "remiss", "remittent": "Finans\x01departementet",
        "received_on": "2026-11-20", "deadline_on": "2027-03-31", "notes": "Rad ett\r\n\tRad\x1f två\x0bRad tre",
        "sandlista": "Kommun\x00A\nKommun B", "questions": "Fråga\x00 ett"}


def test_the_cleaner_keeps_tab_and_line_breaks():
    assert without_control_characters("a\x00b\x01c\x08d\x0ee\x1ff\tg\nh\r\ni\x7f") == "abcdef\tg\nh\r\ni\x7f"
    # Word's line break and a PDF's page break keep the words on either side apart
    assert without_control_characters("rad ett\x0brad två\x0csida två") == "rad ett\nrad två\nsida två"


def test_a_nul_in_the_form_is_removed_not_a_500(client, auth, session, db):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    response = auth.post("/remisser/ny", {**FORM, "namnd_id": namnd.id})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        assert (remiss.title, remiss.remittent) == ("TestK", "Finansdepartementet")
        assert remiss.notes == "Rad ett\r\n\tRad två\nRad tre"
    listing = client.get("/remisser?q=Test\x00K")
    assert listing.status_code == 200 and "TestK" in listing.get_data(as_text=True)


def test_a_nul_in_the_api_is_removed_not_a_500(client, session, clock, db):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    body = {"title": "Api\u0000titel", "namnd_id": namnd.id, "deadline_on": "2027-03-31",
            "notes": "a\u0000b", "questions": ["Fråga\u0001"], "sandlista": [{"name": "Kommun\u0000C"}]}
    r = client.post("/api/v1/remisser", json=body, headers=headers)
    assert r.status_code == 201, r.get_data(as_text=True)
    created = r.get_json()
    assert created["title"] == "Apititel"
    r = client.patch(f"/api/v1/remisser/{created['id']}", json={"notes": "x\u0000y"}, headers=headers)
    assert r.status_code == 200, r.get_data(as_text=True)
    with db.transaction() as s:
        assert s.exec(select(Remiss)).one().notes == "xy"
