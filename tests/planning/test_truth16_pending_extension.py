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


def test_a_pending_request_is_said_not_asked_again(client, auth, session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("namnd", at(2027, 6, 24, 17), "")])
    registrator = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2027, 5, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Cykelvägar", deadline_on=date(2027, 6, 9),
                         deadline_time=time(12, 0))
    session.commit()
    rid = remiss.id
    auth.login("sekr@oster.se")
    assert "Begär förlängd remisstid till minst" in _tidplan(client, rid)
    extensions.request_extension(session, now=clock(), principal=Principal.of(session, registrator),
                                 remiss=session.get(Remiss, rid), requested_by="Jesper", until_on=date(2027, 6, 30),
                                 until_time=time(10, 0), reason="Nästa sammanträde")
    session.commit()
    shown = _tidplan(client, rid)
    assert WAITING in shown
    assert "Begär förlängd remisstid" not in shown
