"""Mina pågående remisser on the start page shows 20 rows: it says how many more there are and links to them all, in
the remiss list filtered the same way (open, mine)."""
from __future__ import annotations

import re
from datetime import date

from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_remiss


def _mine_section(page: str) -> str:
    section = page[page.index('id="h-mine"'):]
    return section[:section.index("</section>")]


def test_more_than_twenty_of_mine_link_to_all_of_them(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    for i in range(21):
        make_remiss(session, namnd=namnd, now=clock(), deadline_on=date(2015, 10, 28), deadline_time=None,
                    title=f"Min remiss {i:02d}", handlaggare_id=users["handlaggare"].id)
    make_remiss(session, namnd=namnd, now=clock(), deadline_on=date(2015, 10, 28), deadline_time=None,
                title="Någon annans remiss")
    session.commit()
    auth.login("jesper@oster.se")
    section = _mine_section(client.get("/").get_data(as_text=True))
    assert section.count("Min remiss") == 20
    assert "Här visas 20 av dina 21 pågående remisser – 1 remiss visas inte här." in section
    link = re.search(r'<a href="([^"]+)">Visa alla \(21\)</a>', section)
    assert link, section[-600:]
    listed = client.get(link.group(1)).get_data(as_text=True)
    assert len(set(re.findall(r"Min remiss \d\d", listed))) == 21
    assert "Någon annans remiss" not in listed

    for i in range(2):
        make_remiss(session, namnd=namnd, now=clock(), deadline_on=date(2015, 10, 28), deadline_time=None,
                    title=f"Min remiss {21 + i:02d}", handlaggare_id=users["handlaggare"].id)
    session.commit()
    section = _mine_section(client.get("/").get_data(as_text=True))
    assert "– 3 remisser visas inte här." in section and "Visa alla (23)</a>" in section


def test_a_short_list_says_nothing_is_left_out(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    make_remiss(session, namnd=namnd, now=clock(), deadline_on=date(2015, 10, 28), deadline_time=None,
                title="Min enda remiss", handlaggare_id=users["handlaggare"].id)
    session.commit()
    auth.login("jesper@oster.se")
    section = _mine_section(client.get("/").get_data(as_text=True))
    assert "Min enda remiss" in section and "Visa alla (1)</a>" in section
    assert "visas inte" not in section
