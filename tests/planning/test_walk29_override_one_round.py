"""walk29 A6: "Ändra ett datum för hand" with a Motivering over its limit said only that; that the date lay after
the nämndsammanträde came in the next round, prefixed "Datum efter sammanträdet eller sista svarsdag", not the
field's name."""
from __future__ import annotations

from tests.planning.helpers import milestones
from tests.planning.test_walk16_hand_date_order import havsplaner
from tests.support.pages import summary_items


def test_a_long_motivering_and_a_late_date_are_said_together(db, auth, session, clock):
    rid = havsplaner(session, clock)
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
