"""walk11 finding 2: a deadline later than the last meeting entered could serve. The tidplan must not call that
meeting "the latest that makes it": it says the sammanträdesplan ends there and that the plan is preliminary
until more meetings are entered, on the remiss page and as a flag the nämndsekreterare sees."""
from __future__ import annotations

from datetime import date, time

from remiss.auth.models import Role
from remiss.planning.service import tidplan
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session, clock, deadline: date):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    # only the spring plan is entered: it ends on 25 mars 2027
    add_meetings(session, namnd, [("namnd", at(2027, 1, 28, 17), ""), ("namnd", at(2027, 2, 25, 17), ""),
                                  ("namnd", at(2027, 3, 25, 17), "")])
    sekr = make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    clock.set(at(2026, 12, 4))
    remiss = make_remiss(session, namnd=namnd, by=sekr, now=clock(), title="Miljöprogram",
                         deadline_on=deadline, deadline_time=time(12, 0))
    session.commit()
    return remiss


def test_a_plan_that_ends_before_the_deadline_is_preliminary_not_the_latest(client, auth, session, clock):
    remiss = _world(session, clock, date(2027, 9, 30))
    rows = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}
    namnd = rows["namnd"]
    assert namnd.due_on == date(2027, 3, 25)
    assert "Senaste nämndsammanträdet som hinner" not in namnd.explanation
    assert "inga nämndsammanträden efter torsdag 25 mars 2027" in namnd.explanation
    assert namnd.flagged and namnd.flag_reason == "preliminar"
    session.rollback()

    auth.login("mia@kommun.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Senaste nämndsammanträdet som hinner" not in page
    assert ("Sammanträdesplanen har inga nämndsammanträden efter torsdag 25 mars 2027. Tidplanen är preliminär "
            "tills fler sammanträden är inlagda") in page
    assert "preliminär: inga senare sammanträden inlagda" in page  # the flag's reason on the tidplan

    start = client.get("/").get_data(as_text=True)
    section = start.split('id="h-att-registrera"')[1].split("</section>")[0]
    assert "Lägg in fler sammanträden" in section and "Miljöprogram" in section
    assert "Kräver uppmärksamhet" in section


def test_a_deadline_the_last_meeting_just_serves_is_the_latest_as_before(session, clock):
    # 25 mars + 10 arbetsdagar justering + expediering: the deadline leaves no room for a later meeting
    remiss = _world(session, clock, date(2027, 4, 13))
    namnd = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}["namnd"]
    assert namnd.due_on == date(2027, 3, 25)
    assert "Senaste nämndsammanträdet som hinner" in namnd.explanation and not namnd.flagged
