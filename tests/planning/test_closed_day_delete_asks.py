"""Ta bort on a klämdag (Administration → Stängda dagar) removed it at once, with and without JavaScript, and
re-planned every open incoming remiss. It now asks first (remiss/web/asking.py): with JavaScript in the dialog
(data-confirm), without it in the day's row with the box "Ja, ta bort klämdagen"; nothing changes until then."""
from __future__ import annotations

from sqlmodel import select

from remiss.namnd.models import ClosedDay
from tests.planning.helpers import fetch
from tests.planning.test_access_and_input import world  # noqa: F401  (a fixture)
from tests.support.asking import assert_asked_beside, form_at, visible_text

PAGE = "/admin/stangda-dagar"
QUESTION = ("Ta bort klämdagen fredag 4 september 2015? Den blir en arbetsdag igen, och tidplanerna för de öppna "
            "inkommande remisserna räknas om med den: deras datum och påminnelser kan flytta.")


def _form(page: str, day_id: int) -> str:
    return form_at(page, f'id="ta-bort-{day_id}"')


def test_removing_a_klamdag_asks_first(world, auth, client, db):
    auth.login("admin@x.se")
    assert auth.post(PAGE, {"day": "2015-09-04", "reason": "klämdag"}).status_code == 302
    [day_id] = [d.id for d in fetch(db, select(ClosedDay))]
    form = _form(client.get(PAGE).get_data(as_text=True), day_id)
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_delete"' in form  # the dialog, with JavaScript

    refused = auth.post(PAGE, {"delete": str(day_id)})  # without JavaScript: no confirmation sent
    # Old code: "Dagen är en arbetsdag igen." and the day gone
    assert refused.status_code == 302
    assert refused.headers["Location"].endswith(f"?ta-bort-{day_id}=fraga#ta-bort-{day_id}")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert ("Observera: Klämdagen fredag 4 september 2015 är inte borttagen. Läs frågan vid knappen och kryssa i "
            "”Ja, ta bort klämdagen” om den ska tas bort.") in visible_text(asked)
    assert "Fel:" not in visible_text(asked) and "Dagen är en arbetsdag igen" not in visible_text(asked)
    form = _form(asked, day_id)
    assert_asked_beside(form, "confirm_delete", QUESTION, "Ja, ta bort klämdagen")
    assert [d.id for d in fetch(db, select(ClosedDay))] == [day_id]

    done = auth.post(PAGE, {"delete": str(day_id), "confirm_delete": "1"}, follow_redirects=True)
    assert "Dagen är en arbetsdag igen och tidplanerna är beräknade på nytt." in visible_text(done.get_data(as_text=True))
    assert fetch(db, select(ClosedDay)) == []


def test_a_klamdag_removed_already_is_refused_not_asked(world, auth, client, db):
    auth.login("admin@x.se")
    response = auth.post(PAGE, {"delete": "999"})
    assert response.status_code == 400 and "Dagen finns inte." in visible_text(response.get_data(as_text=True))
    assert "är inte borttagen" not in visible_text(response.get_data(as_text=True))
