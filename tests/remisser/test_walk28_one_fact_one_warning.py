"""walk28 Z13: a remiss that came in after its sista svarsdag got two warnings for one fact ("Sista svarsdagen har
redan passerat" and "Remissen kom in efter sista svarsdagen"), each with its own box, and two "Registrera ändå"
buttons. Inkom after the sista svarsdag is asked once, as that (its box confirms both). The second button, beside
Registrera at the foot of the long form, stays (walk 5 finding 6)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import func, select

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session, auth, clock):
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Kulturstrategi 2016")
    session.commit()
    ids = str(namnd.id), remiss.id
    session.rollback()
    auth.login("sekr@kommun.se")
    return ids


def test_registrera_asks_a_late_arrival_once_with_one_button(session, auth, clock):
    namnd_id, _ = _world(session, auth, clock)
    form = {"title": "Ny biblioteksplan", "direction": "inkommande", "kind": "remiss", "namnd_id": namnd_id,
            "received_on": "2026-12-01", "deadline_on": "2026-11-20", "letter_date": "2026-12-05",
            "remittent": "Kulturnämnden"}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert "Remissen kom in efter sista svarsdagen" in page
    assert "Missivet är daterat efter att det kom in" in page or "confirm_letter_date" in page
    assert "Sista svarsdagen har redan passerat" not in page  # old code: said too, with its own box
    assert 'name="confirm_past_deadline"' not in page
    # the two boxes ticked (the late arrival covers the passed day) and plain Registrera: registered
    before = session.exec(select(func.count()).select_from(Remiss)).one()
    session.rollback()
    done = auth.post("/remisser/ny", {**form, "confirm_received_late": "1", "confirm_letter_date": "1"})
    assert done.status_code == 302, done.get_data(as_text=True)[-2000:]
    assert session.exec(select(func.count()).select_from(Remiss)).one() == before + 1


def test_a_passed_deadline_alone_is_still_asked(session, auth, clock):
    namnd_id, _ = _world(session, auth, clock)
    response = auth.post("/remisser/ny", {"title": "Ny biblioteksplan", "direction": "inkommande", "kind": "remiss",
                                          "namnd_id": namnd_id, "received_on": "2026-11-10",
                                          "deadline_on": "2026-11-20", "remittent": "Kulturnämnden"})
    page = response.get_data(as_text=True)
    assert "Sista svarsdagen har redan passerat" in page and 'name="confirm_past_deadline"' in page
    assert "kom in efter sista svarsdagen" not in page


def test_andra_uppgifter_asks_a_late_arrival_once(session, auth, clock):
    namnd_id, rid = _world(session, auth, clock)
    url = f"/remisser/{rid}/andra"
    response = auth.post(url, {"received_on": "2026-12-01", "deadline_on": "2026-11-20", "namnd_id": namnd_id,
                               "confirm_deadline_correction": "1"}, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kom in efter sista svarsdagen" in page
    assert "Sista svarsdagen har redan passerat" not in page
