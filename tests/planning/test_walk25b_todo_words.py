"""walk25b Z13, Z11: the start page's Att göra names the step the Tidplan names ("Beslut (inget sammanträde)", not a
nämndsammanträde that does not exist); a busy day of the month Kalender keeps a done Expediering in its cell."""
from __future__ import annotations

import html
import re
from datetime import date

from remiss.planning.agenda import AgendaItem
from remiss.planning.calendar_cells import DAY_SHOWN, shown_in_cell
from tests.planning.test_no_meeting_fits import _world


def test_att_gora_says_beslut_senast_when_no_sammantrade_fits(client, auth, session, clock):
    namnd, user, remiss, token = _world(session, clock)  # the only sammanträde is after the deadline
    remiss.status = "klar_for_beslut"
    session.add(remiss)
    session.commit()
    auth.login("sekr@kommun.se")
    page = client.get("/").get_data(as_text=True)
    section = page[page.index('id="h-att-registrera"'):]
    section = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section[:section.index("</section>")])).split())
    # old code: "nämndsammanträde torsdag 17 december 2026 enligt tidplanen", where the Tidplan has none
    assert "beslut senast torsdag 17 december 2026 enligt tidplanen (inget sammanträde hinner)" in section, section
    assert "nämndsammanträde" not in section


def _item(remiss_id: int, kind: str, done: bool) -> AgendaItem:
    return AgendaItem(remiss_id, f"SOFÖ 2026/000{remiss_id}", "Ärende", 1, None, kind, kind.capitalize(),
                      date(2026, 12, 6), None, "", False, done=done)


def test_a_busy_day_keeps_the_done_expediering_in_its_cell():
    # two remisser expedierade the same day: each ticked off its tjänsteskrivelse, granskning and expediering
    day = sorted((_item(rid, kind, True) for rid in (1, 5) for kind in ("tjansteskrivelse", "granskning",
                                                                        "expediering")),
                 key=lambda item: item.sort_key)
    assert len(day) > DAY_SHOWN
    shown = shown_in_cell(day)
    # old code: the first five in workflow order, so one Expediering fell into "och 1 till"
    assert len(shown) == DAY_SHOWN
    assert [(i.remiss_id, i.kind) for i in shown if i.kind == "expediering"] == [(1, "expediering"),
                                                                                 (5, "expediering")]
    assert shown == sorted(shown, key=lambda item: item.sort_key)  # still in the day's order
    # open work comes before done work
    late = _item(3, "justering", False)
    assert late in shown_in_cell(sorted([*day, late], key=lambda item: item.sort_key))
