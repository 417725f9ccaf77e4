"""walk8 finding 13: "Nästa steg" names a late step of the tidplan instead of reading as on time next to it."""
from datetime import date

from remiss.remisser.status import NEXT_STEPS, RemissStatus
from tests.planning.helpers import at, milestones, seed_003_world
from tests.support.factories import make_remiss


def test_next_step_says_the_tjansteskrivelse_is_late(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], deadline_on=date(2015, 9, 28),
                         deadline_time=None, handlaggare_id=users["handlaggare"].id)
    session.commit()
    assert remiss.status == RemissStatus.tilldelad
    assert milestones(db, remiss.id)["tjansteskrivelse"].due_on == date(2015, 8, 27)
    auth.login("sekr@oster.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert NEXT_STEPS[RemissStatus.tilldelad] in page  # on time: the status's own words

    clock.set(at(2015, 9, 14))
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "försenad i 18 dagar" in page  # the tidplan
    assert ("Tjänsteskrivelsen är försenad i 18 dagar – handläggaren börjar med tjänsteskrivelsen och yttrandet."
            in page)
    assert NEXT_STEPS[RemissStatus.tilldelad] not in page
