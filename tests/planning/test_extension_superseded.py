"""A pending request for förlängd svarstid that the remittent's general extension reaches is closed as "Ersatt av
allmän förlängning": it can no longer be granted (an extension must extend) and it was never denied, so offering
only "Avslagen" told the sekreterare something false. A request for a later day stays pending."""
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.planning.models import Extension
from tests.intake.test_walk7 import kommun  # noqa: F401  (a fixture)
from tests.planning.test_extension_extends import _api_headers
from tests.support.factories import make_remiss


def _decisions(db, remiss_id):
    with db.transaction() as s:
        rows = s.exec(select(Extension).where(Extension.remiss_id == remiss_id).order_by(Extension.id)).all()
        return [(e.requested_until_on, e.decision, e.decided_on) for e in rows]


def test_a_general_extension_supersedes_the_requests_it_reaches(client, auth, db, session, kommun, clock, app):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title="Remiss som förlängs för alla", remittent="Justitiedepartementet",
                         deadline_on=date(2024, 3, 29), received_on=date(2024, 2, 19))
    session.commit()
    rid, page = remiss.id, f"/remisser/{remiss.id}"
    auth.login("reg@malmo.se")
    for until in ("2024-04-15", "2024-05-15"):
        r = auth.post(f"{page}/forlangningar", {"requested_by": "Handläggaren", "until_on": until}, form_url=page)
        assert r.status_code == 302
    clock.set(datetime(2024, 2, 22, 9, 0, tzinfo=timezone.utc))  # the notice came two days later (not ahead: walk18)
    r = auth.post(f"{page}/forlangningar/allman",
                  {"sender": "Justitiedepartementet", "until_on": "2024-04-30", "notice_on": "2024-02-22"},
                  form_url=page)
    assert r.status_code == 302
    assert _decisions(db, rid) == [
        (date(2024, 4, 15), "superseded", date(2024, 2, 22)),  # reached by 30 april: closed, not denied
        (date(2024, 5, 15), "pending", None),  # asks for more than the general extension gave
        (date(2024, 4, 30), "granted", date(2024, 2, 22))]

    shown = client.get(page).get_data(as_text=True)
    assert "Ersatt av allmän förlängning" in shown
    assert shown.count("Registrera besked om förlängningen till") == 1  # only the request for 15 maj
    assert "Registrera besked om förlängningen till onsdag 15 maj 2024" in shown

    detail = client.get(f"/api/v1/remisser/{rid}", headers=_api_headers(session, kommun, clock)).get_json()
    assert [e["decision"] for e in detail["extensions"]] == ["superseded", "pending", "granted"]
    assert detail["deadline_in_force"] == "2024-04-30"
