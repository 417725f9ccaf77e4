"""words23 #1: when a remiss became Besvarad (expedierad, or set by hand), the history said of its last steps
"Expediering, Sista svarsdag: klar (remissen är avslutad)" and a förlängning still asked for "Inget besked:
remissen är avslutad". A besvarad remiss is answered, not closed: both now say "remissen är besvarad"."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.remisser import service
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


def test_a_besvarad_remiss_is_said_answered_not_closed(session, clock, auth, client):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="admin", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    handlaggare = make_user(session, role="handlaggare", namnder=[namnd], email="hugo@miljo.se", name="Hugo")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(),
                         handlaggare_id=handlaggare.id)
    session.commit()
    auth.login("mia@miljo.se")
    url = f"/remisser/{remiss.id}"
    ask = {"requested_by": "Hugo", "until_on": "2027-03-15", "until_time": "12.00"}
    assert auth.post(f"{url}/forlangningar", ask, form_url=url).status_code == 302
    remiss = session.merge(remiss)
    for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad"):
        service.change_status(session, now=clock(), principal=Principal.system(), remiss=remiss, new=status,
                              by_hand=True)
    session.commit()
    page = visible_text(client.get(url).get_data(as_text=True))
    assert "avslutad" not in page, page[page.find("avslutad") - 300:][:400]
    assert "Sista svarsdag: klar (remissen är besvarad)" in page
    assert "Inget besked: remissen är besvarad" in page
