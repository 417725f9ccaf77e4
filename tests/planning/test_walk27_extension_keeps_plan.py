"""walk27 Y2: a granted förlängning moved the Tidplan from 28 January (ordinary justering, all fine) onto 25 February,
which needs omedelbar justering, and flagged it "Kräver uppmärksamhet". More time never makes the plan riskier: the
latest meeting in time with ordinary justering is kept, and the later one is offered under Förslag; the Tidplan, the
API, the start page and the reminders say the same."""
from __future__ import annotations

from datetime import date, time

from sqlmodel import select

from remiss.auth.models import Role
from remiss.reminders.models import OutboxMessage
from tests.planning.helpers import add_meetings, at, milestones
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text

OFFER = ("Med omedelbar justering hinner även sammanträdet torsdag 25 februari 2027: ska nämnden behandla remissen "
         "då, föreslå att paragrafen justeras omedelbart (omedelbar justering).")


def _reminders(db, rid: int) -> set:
    with db.transaction(write=False) as s:
        return {(m.kind, m.due_at) for m in s.exec(select(OutboxMessage).where(
            OutboxMessage.remiss_id == rid, OutboxMessage.status == "pending",
            OutboxMessage.kind != "deadline_before"))}


def _world(session, clock, deadline_on: date):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2027, 1, 21, 8, 30), ""), ("namnd", at(2027, 1, 28, 17), ""),
                                  ("au", at(2027, 2, 18, 8, 30), ""), ("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="sara@oster.se", name="Sara Sekreterare")
    clock.set(at(2026, 12, 6, 10))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Klimatomställning", deadline_on=deadline_on,
                         deadline_time=time(12, 0))
    session.commit()
    return remiss.id


def _plan(db, client, rid):
    rows = milestones(db, rid)
    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"]}
    page = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True).split('id="tidplan"', 1)[-1])
    return rows, api, page


def test_a_granted_forlangning_keeps_the_meeting_with_ordinary_justering(db, session, client, auth, clock):
    rid = _world(session, clock, date(2027, 2, 15))
    auth.login("sara@oster.se")
    rows, _, _ = _plan(db, client, rid)
    assert (rows["arbetsutskott"].due_on, rows["namnd"].due_on) == (date(2027, 1, 21), date(2027, 1, 28))
    before = {kind: row.due_on for kind, row in rows.items() if kind != "sista_svarsdag"}
    reminders = _reminders(db, rid)
    assert reminders  # the steps' reminders are queued

    r = auth.post(f"/remisser/{rid}/forlangningar/allman",
                  {"sender": "Kommunstyrelsen", "until_on": "2027-02-26", "until_time": "12.00"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 302

    rows, api, page = _plan(db, client, rid)
    assert {kind: row.due_on for kind, row in rows.items() if kind != "sista_svarsdag"} == before
    assert rows["sista_svarsdag"].due_on == date(2027, 2, 26)
    assert not any(row.flagged for row in rows.values())
    assert api["namnd"]["due"].startswith("2027-01-28") and not any(m["flagged"] for m in api.values())
    assert "Kräver uppmärksamhet" not in page and "omedelbar justering behövs" not in page.lower()
    assert OFFER in page  # the later meeting, as an option
    start = visible_text(client.get("/").get_data(as_text=True))
    assert "Kräver uppmärksamhet" not in start and "omedelbar justering behövs" not in start.lower()
    assert _reminders(db, rid) == reminders  # the reminders of the steps keep their days


def test_at_registration_the_meeting_with_ordinary_justering_is_chosen(db, session, client, auth, clock):
    rid = _world(session, clock, date(2027, 2, 26))
    auth.login("sara@oster.se")
    rows, api, page = _plan(db, client, rid)
    assert rows["namnd"].due_on == date(2027, 1, 28) and not rows["justering"].flagged
    assert api["justering"]["due"] > "2027-01-28" and not api["justering"]["flagged"]
    assert OFFER in page and "Kräver uppmärksamhet" not in page
