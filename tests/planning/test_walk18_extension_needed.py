"""walk18 F4: /forsenat said "Förlängning behövs 0" and the start page listed nothing while the remiss page's Tidplan
proposed "Begär förlängd remisstid till minst …" (a plan that holds on paper, but whose tjänsteskrivelse was due
before the remiss arrived). Every remiss for which the Tidplan proposes a förlängning is now counted and listed,
in the Tidplan's words, until the step is done or the förlängning is asked for."""
from __future__ import annotations

import html
import re
from datetime import date

from sqlmodel import select

from remiss.planning.models import Milestone
from tests.planning.test_truth17_extension_minimum import _registered, _tidplan

ASK = "Begär förlängd remisstid till minst fredag 29 januari 2027"


def _overview(client, namnd_name="Stadsområdesnämnd Öster") -> tuple[int, str]:
    page = html.unescape(client.get("/forsenat").get_data(as_text=True))
    found = re.search(rf'<a href="#namnd-\d+">{namnd_name}</a></th><td>\d+</td><td>\d+</td><td>(\d+)</td>', page)
    return (int(found.group(1)) if found else 0), page


def _needed(page: str) -> str:
    if "Förlängning behövs:" not in page:
        return ""
    part = page[page.index("Förlängning behövs:"):]
    return part[:part.index("</ul>")]


def test_a_proposed_forlangning_is_counted_and_listed_until_the_step_is_done(session, client, auth, clock):
    # sista svarsdag 18 December: the plan builds on 17 December, whose tjänsteskrivelse was due 16 November
    rid, _ = _registered(session, clock, deadline_on=date(2026, 12, 18))
    auth.login("sekr@oster.se")
    assert ASK in _tidplan(client, rid)

    count, page = _overview(client)
    assert count == 1
    listed = _needed(page)
    assert f'href="/remisser/{rid}#forlangningar"' in listed and "Kulturstrategi" in listed
    assert "tidplanen gick inte att hålla. " + ASK in listed
    assert "hinns inte med i sammanträdesplanen" not in listed  # the plan itself fits the sammanträdesplan
    start = _needed(html.unescape(client.get("/").get_data(as_text=True)))
    assert f'href="/remisser/{rid}#forlangningar"' in start and ASK in start

    # the tjänsteskrivelse is done after all: the Tidplan proposes nothing more, nor do the lists
    step = session.exec(select(Milestone).where(Milestone.remiss_id == rid,
                                                Milestone.kind == "tjansteskrivelse")).one().id
    session.close()
    auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": str(step), "done": "1"},
              form_url=f"/remisser/{rid}")
    assert ASK not in _tidplan(client, rid)
    count, page = _overview(client)
    assert count == 0 and _needed(page) == ""
    assert _needed(html.unescape(client.get("/").get_data(as_text=True))) == ""


def test_a_forlangning_asked_for_is_said_as_waiting(session, client, auth, clock):
    rid, _ = _registered(session, clock, deadline_on=date(2026, 12, 18))
    auth.login("sekr@oster.se")
    response = auth.post(f"/remisser/{rid}/forlangningar",
                         {"requested_by": "Sara Sekreterare", "until_on": "2027-01-29",
                          "reason": "Sammanträdet"}, form_url=f"/remisser/{rid}")
    assert response.status_code == 302
    listed = _needed(_overview(client)[1])
    assert "Förlängning till fredag 29 januari 2027 är begärd och väntar på besked." in listed
    assert "Begär förlängd remisstid" not in listed
