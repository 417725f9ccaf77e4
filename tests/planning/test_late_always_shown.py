"""walk9 finding 11: the start page's Att göra stops three weeks ahead and shows 50 rows a list; what is late must
always be there, however much of it there is and however old, in Mina remisser and in Mina nämnder alike."""
from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from remiss.planning.models import Milestone
from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_remiss


def _table(page: str, caption: str) -> list[str]:
    start = page.index(f'<caption class="visually-hidden">{caption}</caption>')
    body = page[start:page.index("</tbody>", start)]
    return re.findall(r"<tr><td .*?</tr>", body, re.S)


def test_every_late_step_is_on_the_start_page_beyond_fifty(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    ids = [make_remiss(session, namnd=namnd, now=clock(), deadline_on=date(2015, 9, 28), deadline_time=None,
                       title=f"Försenad {n}", handlaggare_id=users["handlaggare"].id if n % 2 else None).id
           for n in range(16)]
    session.commit()
    steps = {rid: len(session.exec(select(Milestone).where(Milestone.remiss_id == rid,
                                                           Milestone.kind != "sista_svarsdag")).all()) + 1
             for rid in ids}  # its milestones and its sista svarsdag
    session.rollback()
    mine = sum(steps[rid] for n, rid in enumerate(ids) if n % 2)
    theirs = sum(steps[rid] for n, rid in enumerate(ids) if not n % 2)
    assert mine > 50 and theirs > 50  # more late rows than a list showed
    clock.set(at(2015, 11, 2))  # every step of every remiss is late
    auth.login("jesper@oster.se")
    page = client.get("/").get_data(as_text=True)
    own, others = _table(page, "Att göra i mina remisser"), _table(page, "Att göra i mina nämnder")
    assert len(own) == mine and len(others) == theirs
    assert all('<span class="flag">Försenad' in row for row in own + others)
    # the last of them, the sista svarsdag of 28 September, is there for every remiss
    assert sum("Sista svarsdag" in row for row in own + others) == len(ids)
