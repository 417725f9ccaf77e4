"""walk16 #6: the besked form had "Beviljad" preselected, so one click on "Spara besked" granted an extension
nobody had granted and moved every date. Now the choice is the user's; none chosen is refused in Swedish,
with what was typed kept."""
from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from remiss.auth.models import Role
from remiss.planning.models import Extension
from tests.support.factories import make_namnd, make_remiss, make_user


def test_the_besked_form_has_no_default_and_refuses_no_choice_keeping_the_input(client, auth, session, db):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Miljöprogram", deadline_on=date(2027, 2, 1))
    session.commit()
    auth.login("mia@kommun.se")
    url = f"/remisser/{remiss.id}"
    assert auth.post(f"{url}/forlangningar", {"requested_by": "Nämndsekreteraren", "until_on": "2027-03-15"},
                     form_url=url).status_code == 302
    page = client.get(url).get_data(as_text=True)
    radios = re.findall(r'<input type="radio"[^>]*name="decision"[^>]*>', page)
    assert len(radios) == 2 and not any("checked" in r for r in radios), radios
    with db.transaction() as s:
        extension = s.exec(select(Extension).where(Extension.remiss_id == remiss.id)).one()
    response = auth.post(f"{url}/forlangningar/{extension.id}/besked",
                         {"granted_until_on": "2027-03-15", "evidence_text": "Ni får till den 15 mars"}, form_url=url)
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "Välj beviljad eller avslagen." in text
    assert "Ni får till den 15 mars" in text and 'value="2027-03-15"' in text
    chosen = re.findall(r'<input type="radio"[^>]*name="decision"[^>]*>', text)
    assert not any("checked" in r for r in chosen)
    with db.transaction() as s:
        assert s.get(Extension, extension.id).decision == "pending"
