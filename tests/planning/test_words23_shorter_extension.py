"""words23 #2: a förlängning to a day before the sista svarsdag in force (a shorter svarstid) is refused on every
way in (the request, the remittent's notice, the API), and the refusal says plainly what it did to the tidplan and
the reminders (nothing) and how a remittent's earlier day is recorded instead."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.planning.service import extensions
from remiss.remisser.models import Remiss
from tests.planning.helpers import milestones
from tests.remisser.test_status_by_hand import world  # noqa: F401 (a fixture)
from tests.support.pages import visible_text


IN_FORCE = "1 mars 2027 kl. 12.00"


def test_a_shorter_forlangning_is_refused_saying_what_happens(world, clock, auth, client, db):
    remiss_id = world  # Miljönämnden's remiss, sista svarsdag 1 mars 2027 (tests/remisser/test_status_by_hand.py)
    planned = {k: m.due_on for k, m in milestones(db, remiss_id).items()}
    auth.login("mia@miljo.se")
    url = f"/remisser/{remiss_id}"
    said = (f"Förlängningen måste gå längre än nuvarande sista svarsdag, {IN_FORCE}. Inget registrerades: "
            f"tidplanen och påminnelserna räknas fortfarande från {IN_FORCE}. Har remittenten flyttat sista "
            "svarsdagen tidigare är det ingen förlängning: ändra sista svarsdagen under Ändra uppgifter, så räknas "
            "tidplanen och påminnelserna om från den nya dagen.")
    for path, form in (("forlangningar", {"requested_by": "Hugo", "until_on": "15 februari 2027"}),
                       ("forlangningar/allman", {"sender": "Kommunstyrelsen", "until_on": "2027-02-15"})):
        response = auth.post(f"{url}/{path}", form, form_url=url)
        assert response.status_code == 400 and said in visible_text(response.get_data(as_text=True)), path
    with db.transaction() as s:
        assert not extensions.extensions_of(s, remiss_id)
        assert s.get(Remiss, remiss_id).effective_deadline_on == date(2027, 3, 1)
    assert {k: m.due_on for k, m in milestones(db, remiss_id).items()} == planned

    # with a förlängning in force, editing the original day would not move it: not advised
    with db.transaction() as s:
        extensions.general_notice(s, now=clock(), principal=Principal.system(), remiss=s.get(Remiss, remiss_id),
                                  sender="Kommunstyrelsen", until_on=date(2027, 3, 15), until_time=None)
    response = auth.post(f"{url}/forlangningar", {"requested_by": "Hugo", "until_on": "2027-03-08"}, form_url=url)
    text = visible_text(response.get_data(as_text=True))
    assert response.status_code == 400
    assert ("sista svarsdag, 15 mars 2027 (hela dagen). Inget registrerades: tidplanen och påminnelserna räknas "
            "fortfarande från 15 mars 2027. Den dagen gäller efter en beviljad förlängning") in text
