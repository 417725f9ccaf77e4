"""truth17 F1: "Förlängning behövs … Begär förlängning till minst X" counted only the meeting, the justering and the
expediering, not the tjänsteskrivelse, granskning and handlingar day before the meeting, counted from today. A
registrator who asked for exactly X got a plan that still did not hold ("tidplanen gick inte att hålla. Begär
förlängd remisstid till minst …", a second, later extension) next to "Föreslå att paragrafen justeras omedelbart vid
sammanträdet …" for the meeting it could not reach. The minimum is now the first date at which the whole plan holds
from now, and granting it gives a plan with no second extension."""
from __future__ import annotations

import html
from datetime import date, time

from remiss.auth.models import Role, User
from remiss.auth.service import create_api_token
from remiss.namnd.models import Meeting
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user


def _meetings(session, namnd):
    for kind, moment, handlingar in (
            ("au", at(2026, 12, 10, 8, 30), date(2026, 11, 30)), ("namnd", at(2026, 12, 17, 17, 30), None),
            ("au", at(2027, 1, 21, 8, 30), date(2027, 1, 11)), ("namnd", at(2027, 1, 28, 17, 30), None),
            ("au", at(2027, 2, 18, 8, 30), date(2027, 2, 8)), ("namnd", at(2027, 2, 25, 17, 30), None)):
        session.add(Meeting(namnd_id=namnd.id, kind=kind, starts_at=moment, handlingar_deadline=handlingar))
    session.flush()


def _tidplan(client, rid) -> str:
    page = html.unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    return page[page.index('id="tidplan"'):]


def _registered(session, clock, deadline_on=date(2026, 12, 4)):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    _meetings(session, namnd)
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 12, 5, 11))  # Saturday; the AU of 10 December wanted its handlingar by 30 November
    remiss = make_remiss(session, namnd=namnd, by=user, now=clock(), title="Kulturstrategi",
                         received_on=date(2026, 11, 25), deadline_on=deadline_on, deadline_time=time(16, 0))
    session.commit()
    return remiss.id, user.id


def test_the_minimum_extension_holds_once_granted(app, client, auth, session, clock):
    rid, uid = _registered(session, clock)
    auth.login("sekr@oster.se")
    start = html.unescape(client.get("/").get_data(as_text=True))
    # 17 December needs the tjänsteskrivelse by 16 November: the first meeting that can hold is 28 January
    assert "Begär förlängning till minst fredag 29 januari 2027." in start, start[start.index("Förlängning"):][:600]
    assert "18 december 2026" not in start
    assert ("Begär förlängd remisstid till minst fredag 29 januari 2027, så att nämnden kan besluta vid "
            "sammanträdet torsdag 28 januari 2027") in _tidplan(client, rid)

    api = app.test_client()  # the remittent's answer comes in through the API
    token = create_api_token(session, now=clock(), user=session.get(User, uid), name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    asked = api.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                        json={"requested_by": "Registrator", "until": "2027-01-29", "reason": "Sammanträdet"})
    assert asked.status_code == 201, asked.get_json()
    eid = asked.get_json()["extension"]["id"]
    granted = api.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision", headers=headers,
                          json={"decision": "granted", "granted_until": "2027-01-29", "decided_on": "2026-12-05"})
    assert granted.status_code == 200, granted.get_json()

    shown = _tidplan(client, rid)
    assert "Begär förlängd remisstid" not in shown and "gick inte att hålla" not in shown
    assert "Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 28 januari 2027" in shown
    body = api.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    steps = {m["kind"]: m for m in body["milestones"]}
    assert steps["namnd"]["due"] == "2027-01-28"
    assert date.fromisoformat(steps["tjansteskrivelse"]["due"]) >= date(2026, 12, 7)
    assert not any(m["flag_reason"] in ("redan_passerat", "fore_ankomst") for m in body["milestones"])
    assert "Förlängning behövs" not in client.get("/").get_data(as_text=True)


def test_a_plan_short_of_the_minimum_says_first_what_holds(client, auth, session, clock):
    # granted to 18 December (the old, too short advice): 17 December is the plan's meeting, not reachable
    rid, _ = _registered(session, clock, deadline_on=date(2026, 12, 18))
    auth.login("sekr@oster.se")
    shown = _tidplan(client, rid)
    proposals = shown[shown.index("Förslag"):shown.index("</ul>", shown.index("Förslag"))]
    ask = proposals.index("tidplanen gick inte att hålla. Begär förlängd remisstid till minst fredag 29 januari 2027")
    still = proposals.index("Hinns ärendet ändå till sammanträdet torsdag 17 december 2026: föreslå att paragrafen "
                            "justeras omedelbart (omedelbar justering).")
    assert ask < still, proposals
    assert "Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 17 december 2026" not in shown
