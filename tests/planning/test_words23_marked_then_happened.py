"""words23 #3: a Tidplan step marked klar by hand said "Markerad som klar för hand … av …" for good, also after the
yttrande really went to granskning and was approved. Once the work happens, the step tells it as it happened, on
its day ("Skickad till granskning 8 december 2026", "Godkänd 10 december 2026"), on the page; the API has its day."""
from __future__ import annotations

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role, User
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.namnd.models import Namnd
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.planning.helpers import at, milestones
from tests.planning.test_walk11_hand_set_meeting import _world
from tests.support.factories import make_user
from tests.support.pages import visible_text


def _tidplan(client, rid: int) -> str:
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    return visible_text(page.split('id="tidplan"', 1)[1].split('id="forlangningar"', 1)[0])


def test_a_step_marked_by_hand_takes_the_real_events_words_and_day(db, client, auth, session, clock):
    remiss = _world(session, clock)  # today 4 December 2026
    [registrator] = session.exec(select(User).where(User.email == "mia@kommun.se")).all()
    namnd = session.get(Namnd, remiss.namnd_id)
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[namnd], email="hugo@kommun.se",
                            name="Hugo Handläggare")
    granskare = make_user(session, role=Role.granskare, namnder=[namnd], email="greta@kommun.se",
                          name="Greta Granskare")
    remisser.assign(session, now=clock(), principal=Principal.system(), remiss=session.get(Remiss, remiss.id),
                    handlaggare_id=handlaggare.id)
    session.commit()
    rows = milestones(db, remiss.id)
    auth.login("mia@kommun.se")
    page = f"/remisser/{remiss.id}"
    for kind in ("tjansteskrivelse", "granskning"):
        assert auth.post(f"{page}/tidplan/klar", {"milestone_id": rows[kind].id, "done": "1"},
                         form_url=page).status_code == 302
    assert _tidplan(client, remiss.id).count(f"Markerad som klar för hand 4 december 2026 av {registrator.name}.") == 2

    clock.set(at(2026, 12, 8, 10))  # the yttrande really goes to granskning
    with db.transaction() as s:
        r = s.get(Remiss, remiss.id)
        save(s, now=clock(), principal=Principal.of(s, handlaggare), remiss=r, raw={"sammanfattning": "Positiva."})
        change_state(s, now=clock(), principal=Principal.of(s, handlaggare), remiss=r, new="granskning")
    tidplan = _tidplan(client, remiss.id)
    # old code: still "Markerad som klar för hand 4 december 2026 av …" on both
    assert "Skickad till granskning 8 december 2026" in tidplan, tidplan
    assert tidplan.count("Markerad som klar för hand 4 december 2026") == 1  # the granskning: not approved yet

    clock.set(at(2026, 12, 10, 14))  # and is approved
    with db.transaction() as s:
        change_state(s, now=clock(), principal=Principal.of(s, granskare), remiss=s.get(Remiss, remiss.id),
                     new="godkand")
    tidplan = _tidplan(client, remiss.id)
    assert "Markerad som klar för hand" not in tidplan, tidplan
    assert "Skickad till granskning 8 december 2026" in tidplan and "Godkänd 10 december 2026" in tidplan, tidplan
    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    assert not any("Markerad som klar för hand" in m["explanation"] for m in api.values()), api
    assert api["tjansteskrivelse"]["done_at"] == at(2026, 12, 8, 10).isoformat()
    assert api["granskning"]["done_at"] == at(2026, 12, 10, 14).isoformat()
