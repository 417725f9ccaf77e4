"""walk26 W2: when an admin removed the sammanträde a remiss was planned on and none was left before the sista
svarsdag, nobody was told, and the reminders only counted down to the expediering; "Beslut (inget sammanträde)" had
no reminder at all. Now the handläggare and the registrator are told once that the remiss lost its meeting, and the
registrator is reminded of the latest day for a beslut with the Tidplan's proposals."""
from __future__ import annotations

from datetime import date, timedelta

from remiss.auth.models import Role
from remiss.calendar.swedish import format_weekday_date
from remiss.planning.service import tidplan
from remiss.planning.service.meetings import meetings_of_namnd
from tests.planning.helpers import add_meetings, at
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss, make_user


def _body(mail) -> str:
    return " ".join(mail.get_body(("plain",)).get_content().split())


def test_a_remiss_that_loses_its_meeting_is_told_once_and_its_beslut_is_reminded(db, session, client, auth, app,
                                                                                   runner, clock, smtp):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    namnd.weekly_digest = False
    add_meetings(session, namnd, [("namnd", at(2026, 12, 17, 17, 30), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    make_user(session, role=Role.admin, email="admin@kommun.se")
    jesper = make_user(session, role=Role.handlaggare, namnder=[namnd], email="jesper@kommun.se")
    clock.set(at(2026, 11, 23))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Lokala föreskrifter om avfallshantering",
                         deadline_on=date(2027, 1, 15), deadline_time=None, handlaggare_id=jesper.id)
    session.commit()
    [meeting_id] = [m.id for m in meetings_of_namnd(session, namnd.id)]
    session.close()  # the fixture session's transaction holds SQLite's write lock
    auth.login("admin@kommun.se")
    plan = f"/namnder/{namnd.id}/sammantraden"
    done = auth.post(f"{plan}/{meeting_id}/ta-bort", {"confirm_delete": "1"}, form_url=plan)
    assert done.status_code == 302, done.get_data(as_text=True)[-1500:]
    session.rollback()
    beslut = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}["namnd"]
    assert beslut.label == "Beslut (inget sammanträde)"

    sweep(session, runner, "2026-11-24T07:30")
    told = [m for m in smtp.messages if m["Subject"].startswith(f"[{remiss.our_dnr}] Inget sammanträde")]
    # Old code: no mail at all
    assert sorted(m["To"] for m in told) == ["jesper@kommun.se", "mia@kommun.se"], [m["Subject"] for m in smtp.messages]
    body = _body(told[0])
    assert "Sammanträdet torsdag 17 december 2026 togs bort ur sammanträdesplanen" in body, body
    assert f"senast {format_weekday_date(beslut.due_on)}" in body
    assert "Begär förlängd remisstid" in body and "delegationsbeslut" in body, body
    before = len(smtp.messages)
    sweep(session, runner, "2026-11-24T09:30")
    assert smtp.messages[before:] == []

    # the registrator is reminded of the beslut on its day, with the Tidplan's proposals
    sweep(session, runner, f"{beslut.due_on.isoformat()}T07:30")
    subjects = {m["Subject"]: m for m in smtp.messages[before:] if m["To"] == "mia@kommun.se"}
    # in the day's one mail to her (together.py), beside the late steps; old code: not there
    [head] = [s for s in subjects if "beslut (inget sammanträde) i dag" in s]
    body = _body(subjects[head])
    assert "Inget nämndsammanträde i sammanträdesplanen hinner före sista svarsdag." in body, body
    assert "ordförande- eller delegationsbeslut" in body, body
    extra = f"Kalla till ett extra sammanträde senast {format_weekday_date(beslut.due_on)}."
    assert extra in body, body

    # walk26b X13: the day after, the overdue reminder no longer offers a meeting by a day that has passed
    after = beslut.due_on + timedelta(days=1)
    while after.weekday() >= 5:
        after += timedelta(days=1)
    seen = len(smtp.messages)
    sweep(session, runner, f"{after.isoformat()}T07:30")
    late = [m for m in smtp.messages[seen:] if m["To"] == "mia@kommun.se"
            and "Försenad: beslut (inget sammanträde)" in _body(m) + m["Subject"]]
    assert late, [m["Subject"] for m in smtp.messages[seen:]]
    body = _body(late[0])
    # Old code: "Kalla till ett extra sammanträde senast <yesterday>."
    assert "extra sammanträde senast" not in body, body
    assert "Inget nämndsammanträde i sammanträdesplanen hinner före sista svarsdag." in body, body
