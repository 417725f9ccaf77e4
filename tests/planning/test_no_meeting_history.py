"""walk21 J13: with no sammanträde before the sista svarsdag the Tidplan says "Beslut (inget sammanträde)", but the
history's first Tidplan row said "Nämndsammanträde: – → 17 december 2026", a meeting that does not exist. The
history now records the step under its own key and says what the Tidplan says."""
from __future__ import annotations

import re
from html import unescape

from remiss.planning.service import tidplan
from remiss.remisser.history import FIELD_LABELS
from tests.planning.test_no_meeting_fits import _world


def test_the_history_names_the_beslut_without_sammantrade_as_the_tidplan_does(client, auth, session, clock):
    _, _, remiss, _ = _world(session, clock)
    rid = remiss.id
    session.rollback()
    auth.login("sekr@kommun.se")
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    history = " ".join(re.sub(r"<[^>]+>", " ", page.split('id="historik"', 1)[1]).split())
    assert "Beslut (inget sammanträde): – → 17 december 2026" in history, history
    assert "Nämndsammanträde: – →" not in history  # old code: the label of a meeting that does not exist
    assert "Tjänsteskrivelse klar: – → 3 december 2026" in history  # the other steps as before
    assert FIELD_LABELS["namnd"] == "Nämndsammanträde"  # a real meeting keeps its words


def _history(client, rid: int) -> str:
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    return " ".join(re.sub(r"<[^>]+>", " ", page.split('id="historik"', 1)[1]).split())


def test_the_beslut_without_sammantrade_set_by_hand_is_named_as_the_tidplan_does(client, auth, session, clock):
    """The step set by hand, then ticked off: the history said "Nämndsammanträde (satt för hand)" and
    "Nämndsammanträde (klar)" of a beslut with no sammanträde."""
    _, _, remiss, _ = _world(session, clock)
    rid = remiss.id
    step = next(m.id for m in tidplan.milestones_of(session, rid) if m.kind == "namnd")
    session.rollback()
    auth.login("sekr@kommun.se")
    set_by_hand = auth.post(f"/remisser/{rid}/tidplan/andra",
                            {"milestone_id": str(step), "override_on": "2026-12-16", "reason": "Delegat"},
                            form_url=f"/remisser/{rid}")
    assert set_by_hand.status_code == 302, set_by_hand.get_data(as_text=True)
    history = _history(client, rid)
    assert "Beslut (inget sammanträde) (satt för hand): – → 16 december 2026" in history, history
    assert "Nämndsammanträde (satt för hand)" not in history
    assert "Justering och expediering följer beslutet onsdag 16 december 2026, satt för hand" in history
    clock.advance(days=24)  # 17 December: the beslut's day has come, so it may be ticked off
    ticked = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": str(step), "done": "1"},
                       form_url=f"/remisser/{rid}")
    assert ticked.status_code == 302, ticked.get_data(as_text=True)
    history = _history(client, rid)
    assert "Beslut (inget sammanträde) (klar)" in history, history
    assert "Nämndsammanträde (klar)" not in history
