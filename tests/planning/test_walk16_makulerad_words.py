"""walk16 #2 / truth16 F9: a makulerad remiss's Tidplan said every step "utgår, nämnden avstod" – no nämnd avstod;
the remiss was registered by mistake. The steps and the history say "remissen är makulerad"."""
from __future__ import annotations

import html
from datetime import date

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at, fetch
from tests.support.factories import make_namnd, make_remiss, make_user


def test_a_makulerad_remiss_says_so_not_that_the_namnd_avstod(db, client, auth, session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2027, 3, 18, 8, 30), ""), ("namnd", at(2027, 3, 25, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2027, 3, 3, 11))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Cykelvägar", deadline_on=date(2027, 4, 15),
                         deadline_time=None)
    session.commit()
    rid = remiss.id
    auth.login("sekr@oster.se")
    r = auth.post(f"/remisser/{rid}/makulera", {"reason": "Samma brev registrerades två gånger.", "confirm": "1"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 302
    page = html.unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "utgår, remissen är makulerad" in page
    assert "nämnden avstod" not in page
    notes = [e.note for e in fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == rid,
                                                                           AuditEvent.action == "milestone"))]
    assert any(n.endswith("utgår (remissen är makulerad)") for n in notes), notes

    # walk17 F5: the Kalender drops it, as its .ics feeds, the start page and the diarium do, and its count too
    month = html.unescape(client.get("/kalender?manad=2027-04").get_data(as_text=True)).replace("\u00ad", "")
    assert "Cykelvägar" not in month and "0 svarsdagar och milstolpar" in month
    day = html.unescape(client.get("/kalender/dag?datum=2027-04-15").get_data(as_text=True)).replace("\u00ad", "")
    assert "Cykelvägar" not in day
    # walk17 F14: its diarienummer, typed in the search, opens its page (which says Makulerad), not "0 remisser"
    our_dnr = fetch(db, select(Remiss.our_dnr).where(Remiss.id == rid))[0]
    found = client.get("/remisser", query_string={"q": our_dnr})
    assert found.status_code == 302 and found.headers["Location"].endswith(f"/remisser/{rid}")
