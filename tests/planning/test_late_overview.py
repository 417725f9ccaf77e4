"""Försenat i mina nämnder: the chef (granskare) and the controller (läsare) see the late and at-risk steps of every
remiss in the nämnder they may view, per nämnd with counts — and nothing of the nämnder they may not — in as many
statements for many remisser as for few."""
from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from remiss.auth.models import Role
from remiss.planning import overview
from remiss.planning.models import Milestone
from tests.ops.test_query_counts import counting
from tests.planning.helpers import add_meetings, at, seed_003_world
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session):
    oster, users = seed_003_world(session)
    norr = make_namnd(session, name="Stadsområdesnämnd Norr", dnr_prefix="SOFN")
    vaster = make_namnd(session, name="Stadsområdesnämnd Väster", dnr_prefix="SOFV")
    add_meetings(session, norr, [("namnd", at(2015, 9, 24, 17), ""), ("namnd", at(2015, 10, 22, 17), "")])
    chef = make_user(session, role=Role.granskare, namnder=[oster, norr], email="chef@malmo.se")
    controller = make_user(session, role=Role.lasare, namnder=[norr], email="controller@malmo.se")
    return oster, norr, vaster, users, chef, controller


def _remiss(session, namnd, title, deadline_on=date(2015, 9, 28)):
    return make_remiss(session, namnd=namnd, now=at(2015, 8, 3), deadline_on=deadline_on, deadline_time=None,
                       title=title)


def _flag(session, remiss, kind: str) -> None:
    step = session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id, Milestone.kind == kind)).one()
    step.flagged = True
    session.add(step)


def test_the_chef_sees_late_and_flagged_work_per_namnd_and_nothing_else(db, session, client, auth, clock):
    oster, norr, vaster, users, chef, controller = _world(session)
    late_oster = _remiss(session, oster, "Sen i Öster")
    late_norr = _remiss(session, norr, "Sen i Norr")
    _remiss(session, vaster, "Sen i Väster")
    later = _remiss(session, oster, "Senare i Öster", deadline_on=date(2015, 11, 20))
    _flag(session, later, "namnd")
    session.commit()
    clock.set(at(2015, 9, 14))  # the tjänsteskrivelser of 27 August are late
    auth.login("chef@malmo.se")
    start = client.get("/").get_data(as_text=True)
    assert 'href="/forsenat">Försenat i mina nämnder</a>' in start
    page = client.get("/forsenat").get_data(as_text=True)
    summary = page[page.index('id="late-summary"'):page.index("</table>", page.index('id="late-summary"'))]
    rows = dict(re.findall(r'<a href="#namnd-\d+">([^<]+)</a></th><td>(\d+)</td>', summary))
    assert set(rows) == {"Stadsområdesnämnd Norr", "Stadsområdesnämnd Öster"}
    assert all(int(n) >= 1 for n in rows.values())
    assert "Väster" not in page and "Sen i Väster" not in page
    oster_part = page[page.index(f'id="namnd-{oster.id}"'):]
    oster_part = oster_part[:oster_part.index("</section>")]
    assert "Sen i Öster" in oster_part and "Sen i Norr" not in oster_part
    assert "Tjänsteskrivelse klar" in oster_part and "Försenad i 18 dagar" in oster_part
    # the flagged meeting of the later remiss is not late yet, but needs attention
    at_risk = oster_part[oster_part.index("<h3>Kräver uppmärksamhet</h3>"):]
    assert "Senare i Öster" in at_risk and "Kräver uppmärksamhet" in at_risk
    assert "3 försenade steg, 2 steg som kräver uppmärksamhet." in oster_part  # the planner flagged one more
    assert f'/remisser/{late_oster.id}#tidplan' in oster_part and f'/remisser/{late_norr.id}#tidplan' in page

    # the controller sees Norr only
    auth.logout()
    auth.login("controller@malmo.se")
    page = client.get("/forsenat").get_data(as_text=True)
    assert "Sen i Norr" in page and "Sen i Öster" not in page and "Senare i Öster" not in page


def test_nothing_late_says_so(db, session, client, auth, clock):
    _world(session)
    session.commit()
    clock.set(at(2015, 8, 4))
    auth.login("controller@malmo.se")
    page = client.get("/forsenat").get_data(as_text=True)
    assert "Inget är försenat och inget kräver uppmärksamhet i dina nämnder." in page


def test_a_cut_list_keeps_true_counts_per_namnd(db, session, client, auth, clock, monkeypatch):
    oster, norr, vaster, users, chef, controller = _world(session)
    for i in range(4):
        _remiss(session, oster, f"Öster {i}")
    session.commit()
    clock.set(at(2015, 9, 14))
    auth.login("chef@malmo.se")
    full = client.get("/forsenat").get_data(as_text=True)
    counted = int(re.search(rf'<a href="#namnd-{oster.id}">[^<]+</a></th><td>(\d+)</td>', full).group(1))
    monkeypatch.setattr(overview, "LATE_SHOWN", 2)
    page = client.get("/forsenat").get_data(as_text=True)
    assert "här står de 2 senaste" in page
    assert int(re.search(rf'<a href="#namnd-{oster.id}">[^<]+</a></th><td>(\d+)</td>', page).group(1)) == counted
    assert f"({counted - 2} av dem visas inte här)" in page


def test_the_page_reads_as_many_statements_for_many_remisser_as_for_few(db, session, client, auth, clock):
    oster, norr, vaster, users, chef, controller = _world(session)
    _remiss(session, oster, "Första")
    session.commit()
    clock.set(at(2015, 9, 14))
    auth.login("chef@malmo.se")

    def statements() -> int:
        client.get("/forsenat")
        with counting({db.read_engine, db.write_engine}) as found:
            assert client.get("/forsenat").status_code == 200
        return len(found)

    few = statements()
    for i in range(6):
        _flag(session, _remiss(session, norr if i % 2 else oster, f"Fler {i}"), "namnd")
    session.commit()
    assert statements() == few


def test_an_administrator_sees_every_namnd(db, session, client, auth, clock, monkeypatch):
    oster, norr, vaster, users, chef, controller = _world(session)
    make_user(session, role=Role.admin, email="admin@malmo.se")
    _remiss(session, vaster, "Sen i Väster")
    _remiss(session, oster, "Sen i Öster")
    session.commit()
    clock.set(at(2015, 9, 14))
    auth.login("admin@malmo.se")
    page = client.get("/forsenat").get_data(as_text=True)
    assert "Sen i Väster" in page and "Sen i Öster" in page
    monkeypatch.setattr(overview, "LATE_SHOWN", 1)  # cut: the counts per nämnd come from the grouped count
    page = client.get("/forsenat").get_data(as_text=True)
    assert re.search(rf'<a href="#namnd-{vaster.id}">[^<]+</a></th><td>[1-9]\d*</td>', page)
    assert re.search(rf'<a href="#namnd-{oster.id}">[^<]+</a></th><td>[1-9]\d*</td>', page)
