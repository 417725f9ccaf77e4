"""walk18 F1: a nämndsammanträde set by hand moved the justering and the expediering but left the arbetsutskott
after it ("Kräver uppmärksamhet … ligger efter nämndsammanträdet") though the sammanträdesplan has an AU before it,
and its line still explained the planned meeting ("Senaste nämndsammanträdet som hinner … 25 februari 2027")
under "Satt för hand … 17 december 2026". The AU now follows the meeting set by hand, and the line explains only
that date — also when the tidplan is computed again."""
from __future__ import annotations

import html
from datetime import date, time

from remiss.auth.models import Role
from tests.planning.helpers import at, milestones
from tests.planning.test_truth17_extension_minimum import _meetings
from tests.support.factories import make_namnd, make_remiss, make_user


def _line(page: str, kind: str) -> str:
    part = page[page.index(f'id="milstolpe-{kind}"'):]
    return " ".join(part[:part.index("</li>")].split())


def test_the_arbetsutskott_follows_a_meeting_set_by_hand(db, client, auth, session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    _meetings(session, namnd)  # AU 10 Dec, nämnd 17 Dec, AU 21 Jan, nämnd 28 Jan, AU 18 Feb, nämnd 25 Feb
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 12, 5, 11))
    remiss = make_remiss(session, namnd=namnd, by=user, now=clock(), title="Trafikplan",
                         received_on=date(2026, 12, 5), deadline_on=date(2027, 3, 15), deadline_time=time(12, 0))
    session.commit()
    rid = remiss.id
    rows = milestones(db, rid)
    assert rows["namnd"].due_on == date(2027, 2, 25) and rows["arbetsutskott"].due_on == date(2027, 2, 18)
    auth.login("sekr@oster.se")
    assert auth.post(f"/remisser/{rid}/tidplan/andra",
                     {"milestone_id": str(rows["namnd"].id), "override_on": "2026-12-17",
                      "reason": "Ärendet är brådskande"}, form_url=f"/remisser/{rid}").status_code == 302

    for _ in ("set by hand", "computed again"):
        rows = milestones(db, rid)
        assert rows["namnd"].due_on == date(2026, 12, 17)
        assert rows["arbetsutskott"].due_on == date(2026, 12, 10) and not rows["arbetsutskott"].flagged
        assert rows["justering"].due_on >= date(2026, 12, 17)
        page = html.unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
        au, meeting = _line(page, "arbetsutskott"), _line(page, "namnd")
        assert "torsdag 10 december 2026" in au and "Kräver uppmärksamhet" not in au
        assert "det senaste före nämndsammanträdet torsdag 17 december 2026, satt för hand" in au
        assert "Satt för hand" in meeting and "Beräknat datum var torsdag 25 februari 2027" in meeting
        assert "Senaste nämndsammanträdet" not in meeting and "25 februari 2027 kl." not in meeting
        assert ("Sammanträdet torsdag 17 december 2026 hinner expediera svaret före sista svarsdag "
                "måndag 15 mars 2027 kl. 12.00.") in meeting
        assert auth.post(f"/remisser/{rid}/tidplan/berakna", {},
                         form_url=f"/remisser/{rid}").status_code == 302
