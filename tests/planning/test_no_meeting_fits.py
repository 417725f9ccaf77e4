"""No sammanträde fits before the deadline: the tidplan still plans backwards from it (the latest tjänsteskrivelse,
beslut and expediering) and says in Swedish that no meeting fits and what to do, on every page that shows it."""
from __future__ import annotations

from datetime import date

import icalendar

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.planning.service import tidplan
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session, clock):
    namnd = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    # the only sammanträde is after the deadline
    add_meetings(session, namnd, [("namnd", at(2027, 1, 21, 17), "")])
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    clock.set(at(2026, 11, 23))
    remiss = make_remiss(session, namnd=namnd, by=user, now=clock(), title="Kulturstrategi",
                         deadline_on=date(2026, 12, 18), deadline_time=None, handlaggare_id=user.id)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    return namnd, user, remiss, token


def test_the_plan_backwards_gives_latest_dates_and_says_what_to_do(client, auth, session, clock):
    namnd, user, remiss, token = _world(session, clock)
    rows = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}
    assert {k: m.due_on for k, m in rows.items()} == {
        "tjansteskrivelse": date(2026, 12, 3), "granskning": date(2026, 12, 8), "namnd": date(2026, 12, 17),
        "expediering": date(2026, 12, 18), "sista_svarsdag": date(2026, 12, 18)}
    assert rows["namnd"].label == "Beslut (inget sammanträde)" and rows["namnd"].flagged
    assert "Inget nämndsammanträde" in rows["namnd"].explanation
    state = tidplan.state_of(session, remiss.id)
    assert not state.feasible and state.suggested_extension_on == date(2027, 1, 22)
    session.rollback()

    auth.login("sekr@kommun.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Tidplanen går inte ihop" in page
    assert "beslut senast torsdag 17 december 2026" in page
    assert "Lägg till ett sammanträde i sammanträdesplanen" in page and "begär förlängd remisstid" in page
    assert "delegationsbeslut" in page
    assert "Tjänsteskrivelse klar</strong>: torsdag 3 december 2026" in page

    start = client.get("/").get_data(as_text=True)
    assert "Förlängning behövs" in start and "torsdag 3 december 2026" in start

    feed = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{user.ics_token}.ics").data)
    assert [str(e["SUMMARY"]).split(":")[0] for e in feed.walk("VEVENT")] == [
        "Tjänsteskrivelse klar", "Granskning klar", "Beslut (inget sammanträde)", "Expediering", "Sista svarsdag"]

    body = client.get(f"/api/v1/remisser/{remiss.id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    beslut = next(m for m in body["milestones"] if m["kind"] == "namnd")
    assert beslut["due"] == "2026-12-17" and beslut["flagged"] and "förlängd remisstid" in beslut["advice"]
