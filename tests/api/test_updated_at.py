"""walk8 finding 8: a program that syncs remisser by the API's updated_at sees what an extension or the tidplan
changed: a general notice, a request and its grant (with the clock of the request that made them), and a milestone
set by hand or ticked off."""
from datetime import datetime, timedelta, timezone

from sqlmodel import select

from remiss.planning.models import Extension, Milestone
from tests.intake.test_walk7 import kommun  # noqa: F401  (a fixture)
from tests.planning.test_extension_extends import _api_headers, _extended_to_noon


def test_updated_at_follows_extensions_and_the_tidplan(app, client, auth, db, session, kommun, clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    headers = _api_headers(session, kommun, clock)
    program = app.test_client()

    def updated_at() -> str:
        return program.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()["updated_at"]

    def moved_to(moment: datetime) -> bool:
        return datetime.fromisoformat(updated_at()) == moment

    start = datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc)
    assert moved_to(start)  # the first extension, made at the clock's moment, moved it already

    url = f"/remisser/{rid}"
    clock.set(start + timedelta(days=1))
    r = auth.post(f"{url}/forlangningar/allman", {"sender": "Justitiedepartementet", "until_on": "2024-05-10"},
                  form_url=url)
    assert r.status_code == 302 and moved_to(clock())

    clock.set(start + timedelta(days=2))
    r = program.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                     json={"requested_by": "Jesper", "until_on": "2024-05-24"})
    assert r.status_code == 201 and moved_to(clock())  # a pending request is news too

    clock.set(start + timedelta(days=3))
    eid = r.get_json()["extension"]["id"]
    r = program.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision", headers=headers,
                     json={"decision": "granted"})
    assert r.status_code == 200 and moved_to(clock())

    clock.set(start + timedelta(days=4))
    with db.transaction() as s:
        milestone = s.exec(select(Milestone).where(Milestone.remiss_id == rid,
                                                   Milestone.kind == "tjansteskrivelse")).one()
        assert len(s.exec(select(Extension).where(Extension.remiss_id == rid)).all()) == 3
    r = auth.post(f"{url}/tidplan/andra", {"milestone_id": milestone.id, "override_on": "2024-04-02",
                                           "reason": "Semester"}, form_url=url)
    assert r.status_code == 302 and moved_to(clock())

    clock.set(start + timedelta(days=5))
    r = auth.post(f"{url}/tidplan/klar", {"milestone_id": milestone.id, "done": "1"}, form_url=url)
    assert r.status_code == 302 and moved_to(clock())
