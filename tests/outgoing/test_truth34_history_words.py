"""truth34 #4: the Historik of an utgående remiss said "Tidplan … (Tidplanen beräknad)" – an utgående remiss has no
tidplan of ours (its Tidplan panel is not shown); what is recorded is the remissinstansernas svarstid."""
from __future__ import annotations

from datetime import date

from remiss.auth.models import Role
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


def _history(page: str) -> str:
    return page[page.rindex("Historik"):]


def test_the_history_of_an_utgaende_remiss_names_no_tidplan(session, client, auth):
    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], email="sara@malmo.example")
    outgoing = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", questions=["Fråga?"],
                           deadline_on=date(2027, 1, 29), sandlista=[SandlistaItem("Vision", "vision@malmo.example")])
    incoming = make_remiss(session, namnd=namnd, by=sara, deadline_on=date(2027, 1, 29))
    session.commit()
    auth.login("sara@malmo.example")
    shown = _history(visible_text(client.get(f"/remisser/{outgoing.id}").get_data(as_text=True)))
    assert "Tidplan" not in shown, shown
    assert "Tidplanen beräknad" in _history(visible_text(client.get(f"/remisser/{incoming.id}").get_data(as_text=True)))
