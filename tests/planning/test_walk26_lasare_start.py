"""walk26 W7: a läsare's start page was headed "Att göra" and told them "Begär förlängd remisstid till minst …",
which they cannot do. A läsare sees "Översikt" and "På gång i mina nämnder", with states ("… behöver förlängd
remisstid till minst …"), and no step they cannot take; a registrator's page is as before."""
from __future__ import annotations

import html
from datetime import date

import pytest

from remiss.auth.models import Role
from remiss.namnd.models import Namnd
from sqlmodel import select
from tests.planning.test_truth17_extension_minimum import _registered
from tests.planning.test_walk18_extension_needed import _needed
from tests.support.factories import make_user


def _start(client) -> str:
    return " ".join(html.unescape(client.get("/").get_data(as_text=True)).split())


def _lasare(session):
    namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
    make_user(session, role=Role.lasare, namnder=[namnd], email="chef@oster.se")
    session.commit()


@pytest.mark.parametrize("deadline_on, state", (
    # the plan holds on paper, but its tjänsteskrivelse was due before the remiss came: the Tidplan's proposal
    (date(2026, 12, 18), "behöver förlängd remisstid till minst fredag 29 januari 2027, så att nämnden kan besluta "
                         "vid sammanträdet torsdag 28 januari 2027"),
    # no sammanträde can hold the sista svarsdag
    (date(2026, 12, 4), "behöver förlängd remisstid till minst fredag 29 januari 2027: sista svarsdag fredag "
                        "4 december 2026 hinns inte med i sammanträdesplanen."),
))
def test_a_lasare_sees_an_overview_in_states(session, client, auth, clock, deadline_on, state):
    rid, _ = _registered(session, clock, deadline_on=deadline_on)
    _lasare(session)
    auth.login("chef@oster.se")
    page = _start(client)
    assert "<h1>Översikt</h1>" in page and "<title>Att göra" not in page, page[:400]
    assert "På gång i mina nämnder till och med" in page and "Att göra till och med" not in page
    assert "Mina pågående remisser" not in page and "<h3>Mina remisser</h3>" not in page
    # the menu names the page so too, and offers no list of own remisser
    assert 'aria-current="page">Översikt</a>' in page and ">Att göra</a>" not in page
    assert ">Mina remisser</a>" not in page
    listed = _needed(page)
    assert f'href="/remisser/{rid}#forlangningar"' in listed, page
    assert state in listed, listed
    assert "Begär" not in listed, listed


def test_a_registrator_still_has_att_gora_with_the_step(session, client, auth, clock):
    _registered(session, clock, deadline_on=date(2026, 12, 4))
    auth.login("sekr@oster.se")
    page = _start(client)
    assert "<h1>Att göra</h1>" in page and "Att göra till och med" in page
    assert 'aria-current="page">Att göra</a>' in page and ">Mina remisser</a>" in page and ">Översikt</a>" not in page
    assert "Begär förlängning till minst fredag 29 januari 2027." in _needed(page)
