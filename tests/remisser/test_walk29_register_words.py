"""walk29 A9: "Högst 200 frågeställningar (här finns 2000)" beside "(texten har 5 000)" – the count without its
Swedish digit group; and the Ansvarig nämnd drop-down left at "Välj nämnd" said "Fältet måste fyllas i.", the words
of a text field."""
from __future__ import annotations

from remiss.auth.models import Role
from tests.remisser.test_registration import SEED_000_FORM
from tests.support.factories import make_namnd, make_user
from tests.support.pages import summary_items


def test_the_register_form_says_counts_and_the_list_as_swedes_do(auth, session):
    make_namnd(session, name="Stadsdelsfullmäktige Limhamn/Bunkeflo", dnr_prefix="LB")
    namnd = make_namnd(session, name="Sociala resursnämnden", dnr_prefix="SRN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@malmo.se")
    make_user(session, role=Role.admin, email="admin@malmo.se")
    session.commit()
    auth.login("admin@malmo.se")  # two nämnder: the list starts at "Välj nämnd"
    questions = "\n".join(f"Fråga {i}?" for i in range(2000))
    response = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": "", "questions": questions},
                         form_url="/remisser/ny")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert '<option value="">Välj nämnd</option>' in body
    items = summary_items(body)
    assert "Frågeställningar: Högst 200 frågeställningar (här finns 2 000)." in items, items  # old: 2000
    assert "Ansvarig nämnd: Välj en nämnd." in items, items  # old: Fältet måste fyllas i.
