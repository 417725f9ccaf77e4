"""walk11 finding 17: a stängd dag on a nämnd's meeting day was added without a word, and the tidplaner silently
stopped using the meeting; a Saturday or a helgdag was accepted as an extra closed day."""
from sqlmodel import select

from remiss.namnd.models import ClosedDay
from tests.planning.helpers import fetch
from tests.planning.test_access_and_input import world  # noqa: F401  (a fixture)


def test_a_closed_day_on_a_meeting_day_is_asked_about(world, auth, client, db):
    auth.login("admin@x.se")
    r = auth.post("/admin/stangda-dagar", {"day": "2015-09-24", "reason": "Kommunfullmäktige"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "torsdag 24 september 2015 har sammanträden: Stadsområdesnämnd Öster: nämnd kl. 17.00." in page
    assert "Dagen ska vara stängd ändå" in page and "Kommunfullmäktige" in page
    assert fetch(db, select(ClosedDay)) == []
    r = auth.post("/admin/stangda-dagar", {"day": "2015-09-24", "reason": "Kommunfullmäktige",
                                           "confirm_meetings": "1"})
    assert r.status_code == 302
    assert [d.day.isoformat() for d in fetch(db, select(ClosedDay))] == ["2015-09-24"]


def test_a_day_already_free_is_not_added(world, auth, client, db):
    auth.login("admin@x.se")
    r = auth.post("/admin/stangda-dagar", {"day": "2015-09-26"})
    assert r.status_code == 400
    assert "lördag 26 september 2015 är redan ledig (lördag)" in r.get_data(as_text=True)
    r = auth.post("/admin/stangda-dagar", {"day": "2015-06-19"})
    assert "fredag 19 juni 2015 är redan ledig (midsommarafton)" in r.get_data(as_text=True)
    assert fetch(db, select(ClosedDay)) == []
