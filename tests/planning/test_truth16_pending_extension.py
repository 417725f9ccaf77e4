"""truth16 F22: with a förlängning requested and not yet answered, the Tidplan still said "Begär förlängd
remisstid till minst …" as if nothing had been asked. It says the request is made and waiting."""
from __future__ import annotations

import html
from datetime import date, time

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.planning.service import extensions
from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user

WAITING = "Förlängning till onsdag 30 juni 2027 kl. 10.00 är begärd och väntar på besked."


def _tidplan(client, rid) -> str:
    page = html.unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    return page[page.index('id="tidplan"'):]


def _remiss_short_of_the_meeting(session, clock, auth):
    """Cykelvägar, sista svarsdag 9 June 2027, before the nämnd's 24 June; the registrator logged in.
    Return the remiss's id and the registrator."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("namnd", at(2027, 6, 24, 17), "")])
    registrator = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2027, 5, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Cykelvägar", deadline_on=date(2027, 6, 9),
                         deadline_time=time(12, 0))
    session.commit()
    rid = remiss.id
    auth.login("sekr@oster.se")
    return rid, registrator


def _request_extension(session, clock, registrator, rid) -> None:
    """Request a förlängning to 30 June 2027 kl. 10.00 (WAITING), not yet answered."""
    extensions.request_extension(session, now=clock(), principal=Principal.of(session, registrator),
                                 remiss=session.get(Remiss, rid), requested_by="Jesper", until_on=date(2027, 6, 30),
                                 until_time=time(10, 0), reason="Nästa sammanträde")
    session.commit()


def test_a_pending_request_is_said_not_asked_again(client, auth, session, clock):
    rid, registrator = _remiss_short_of_the_meeting(session, clock, auth)
    assert "Begär förlängd remisstid till minst" in _tidplan(client, rid)
    _request_extension(session, clock, registrator, rid)
    shown = _tidplan(client, rid)
    assert WAITING in shown
    assert "Begär förlängd remisstid" not in shown


def _next_step(page: str) -> str:
    import re

    found = re.search(r'<p class="next-step">(.*?)</p>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()).removeprefix("Nästa steg: ")


def test_nasta_steg_and_att_gora_name_the_pending_request(client, auth, session, clock):
    """left17 #2: Nästa steg (past the sista svarsdag: "Begär förlängd remisstid hos remittenten …") and the start
    page's "Förlängning behövs" ("Begär förlängning till minst …") and Att göra rows said nothing of the förlängning
    already requested: now they say it is requested and waiting."""
    rid, registrator = _remiss_short_of_the_meeting(session, clock, auth)
    start = html.unescape(client.get("/").get_data(as_text=True))
    assert "Begär förlängning till minst" in start and WAITING not in start
    _request_extension(session, clock, registrator, rid)
    step = _next_step(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert step.startswith(WAITING), step
    start = html.unescape(client.get("/").get_data(as_text=True))
    box = start[start.index("Förlängning behövs:"):]
    box = box[:box.index("</div>")]
    assert WAITING in box and "Begär förlängning till minst" not in box, box
    clock.set(at(2027, 6, 10, 9))  # the sista svarsdag has passed, no answer yet
    step = _next_step(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert step.startswith(WAITING) and "Begär förlängd remisstid" not in step, step
    start = html.unescape(client.get("/").get_data(as_text=True))
    rows = [r for r in start.split("<tr>") if "data-label=\"Vad\">Sista svarsdag" in r and "Cykelvägar" in r]
    assert rows and all(WAITING in r.split("</tr>")[0] for r in rows), [r.split("</tr>")[0] for r in rows]
