"""walk21 J13: with no sammanträde before the sista svarsdag the Tidplan says "Beslut (inget sammanträde)", but the
history's first Tidplan row said "Nämndsammanträde: – → 17 december 2026", a meeting that does not exist. The
history now records the step under its own key and says what the Tidplan says."""
from __future__ import annotations

import re
from html import unescape

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
