"""walk16 #17: a tjänsteskrivelse dated by hand after the nämndsammanträde and the sista svarsdag was saved without a
word. Such a date is asked about (what was typed kept) and saved only when confirmed."""
from __future__ import annotations

import html
from datetime import date, time

from remiss.auth.models import Role
from tests.planning.helpers import add_meetings, at, milestones
from tests.support.factories import make_namnd, make_remiss, make_user


def havsplaner(session, clock) -> int:
    """On 5 December 2026 SON Öster (AU 21 January 2027, nämnd 28 January) registers "Havsplaner", sista svarsdag
    15 February 2027 at 12.00; its registrator sekr@oster.se is not signed in. Returns the remiss's id."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2027, 1, 21, 8, 30), ""), ("namnd", at(2027, 1, 28, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 12, 5))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Havsplaner", deadline_on=date(2027, 2, 15),
                         deadline_time=time(12, 0))
    session.commit()
    return remiss.id


def test_a_date_after_the_meeting_and_the_deadline_is_asked_about(db, client, auth, session, clock):
    rid = havsplaner(session, clock)
    rows = milestones(db, rid)
    assert rows["namnd"].due_on == date(2027, 1, 28)
    auth.login("sekr@oster.se")
    form = {"milestone_id": str(rows["tjansteskrivelse"].id), "override_on": "2027-03-01",
            "reason": "Handläggaren är sjuk"}
    asked = auth.post(f"/remisser/{rid}/tidplan/andra", form, form_url=f"/remisser/{rid}")
    assert asked.status_code == 400
    page = html.unescape(asked.get_data(as_text=True))
    assert ("Tjänsteskrivelse klar måndag 1 mars 2027 är efter nämndsammanträdet torsdag 28 januari 2027 och efter "
            "sista svarsdag måndag 15 februari 2027 kl. 12.00.") in page
    assert 'name="confirm_order"' in page and "Handläggaren är sjuk" in page and "2027-03-01" in page
    assert milestones(db, rid)["tjansteskrivelse"].override_on is None

    saved = auth.post(f"/remisser/{rid}/tidplan/andra", {**form, "confirm_order": "1"}, form_url=f"/remisser/{rid}")
    assert saved.status_code == 302
    assert milestones(db, rid)["tjansteskrivelse"].override_on == date(2027, 3, 1)

    fits = auth.post(f"/remisser/{rid}/tidplan/andra", {**form, "override_on": "2027-01-11"},
                     form_url=f"/remisser/{rid}")
    assert fits.status_code == 302  # before the meeting: nothing to ask
