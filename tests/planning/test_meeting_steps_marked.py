"""walk11 finding 14: a nämndsammanträde months ahead could be marked "Klar" today, by the handläggare. The steps
the nämnd's meetings decide (arbetsutskott, nämndsammanträde, justering) are marked by those who keep the
sammanträden (remiss.auth.access.MILESTONE_ACTIONS), and not before the meeting's day."""
from sqlmodel import select

from remiss.planning.models import Milestone
from tests.planning.helpers import at, fetch
from tests.planning.test_access_and_input import world  # noqa: F401  (a fixture)


def _ids(db, remiss_id):
    return {m.kind: m.id for m in fetch(db, select(Milestone).where(Milestone.remiss_id == remiss_id))}


def _done(db, remiss_id):
    return {m.kind for m in fetch(db, select(Milestone).where(Milestone.remiss_id == remiss_id)) if m.done_at}


def test_the_handlaggare_does_not_mark_meeting_steps(world, client, auth, db):
    rid = world["remiss"].id
    ids = _ids(db, rid)
    auth.login("jesper@oster.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'Markera som klar<span class="visually-hidden">: Tjänsteskrivelse klar' in page
    assert 'Markera som klar<span class="visually-hidden">: Nämndsammanträde' not in page
    assert 'Markera som klar<span class="visually-hidden">: Justering' not in page
    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": ids["namnd"], "done": "1"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 403
    assert ("Med rollen Handläggare kan du inte markera nämndsammanträde som klar: det gör registratorer, som sköter "
            "nämndens sammanträden.") in r.get_data(as_text=True)
    assert _done(db, rid) == set()
    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": ids["tjansteskrivelse"], "done": "1"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 302 and _done(db, rid) == {"tjansteskrivelse"}


def test_a_meeting_is_not_marked_held_before_its_day(world, client, auth, db, clock):
    rid = world["remiss"].id
    ids = _ids(db, rid)
    auth.login("sekr@oster.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'Markera som klar<span class="visually-hidden">: Nämndsammanträde' in page
    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": ids["namnd"], "done": "1"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    assert ("Nämndsammanträde är torsdag 24 september 2015: sammanträdet kan markeras som klart först den dag det "
            "hålls.") in r.get_data(as_text=True)
    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": ids["justering"], "done": "1"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    assert "Justering kan markeras som klar först efter nämndsammanträdet torsdag 24 september 2015." in \
        r.get_data(as_text=True)
    assert _done(db, rid) == set()

    clock.set(at(2015, 9, 24, 19))  # the evening of the meeting
    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": ids["namnd"], "done": "1"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 302 and _done(db, rid) == {"namnd"}
