"""walk29 A6: "Ändra ett datum för hand" with a Motivering over its limit said only that; that the date lay after
the nämndsammanträde came in the next round, prefixed "Datum efter sammanträdet eller sista svarsdag", not the
field's name."""
from __future__ import annotations

from datetime import date, time

from remiss.auth.models import Role
from tests.planning.helpers import add_meetings, at, milestones
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import summary_items


def test_a_long_motivering_and_a_late_date_are_said_together(db, auth, session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2027, 1, 21, 8, 30), ""), ("namnd", at(2027, 1, 28, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 12, 5))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Havsplaner", deadline_on=date(2027, 2, 15),
                         deadline_time=time(12, 0))
    session.commit()
    rid = remiss.id
    auth.login("sekr@oster.se")
    form = {"milestone_id": str(milestones(db, rid)["tjansteskrivelse"].id), "override_on": "2027-03-01",
            "reason": "x" * 600}
    response = auth.post(f"/remisser/{rid}/tidplan/andra", form, form_url=f"/remisser/{rid}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    items = summary_items(page)
    assert items[0] == "Motivering: Högst 500 tecken (texten har 600).", items
    assert len(items) == 2, items  # old: the Motivering alone
    assert items[1].startswith("Nytt datum: Tjänsteskrivelse klar måndag 1 mars 2027 är efter nämndsammanträdet"), \
        items
    assert 'name="confirm_order"' in page
    assert milestones(db, rid)["tjansteskrivelse"].override_on is None
