"""walk34 #3: the Kalender (month, day) marked a besvarad remiss's Sista svarsdag "Klar", while the remiss page, the
Diarium and the API call the remiss "Besvarad". The Sista svarsdag of a finished remiss now says the remiss's status
in the words of remisser.status.LABELS, as everything else says it; the steps (Tjänsteskrivelse, Expediering …)
stay "Klar"."""
from __future__ import annotations

from datetime import date

import pytest

from tests.planning.helpers import at
from tests.planning.test_life_reads_true import Life, _text


@pytest.fixture
def life(app, db, clock, session):
    return Life(app, db, clock, session)


def test_a_besvarad_remiss_is_besvarad_in_the_kalender(life, clock):
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    life.post("granskare", "/yttrande/lage", {"state": "godkand"})
    clock.set(at(2015, 9, 24, 18))
    life.post("sekreterare", "/yttrande/beslut", {"decided_by": "namnd", "meeting_on": "2015-09-24",
                                                  "paragraf": "142"})
    life.post("sekreterare", "/yttrande/justering", {"justerad_on": "2015-09-24"})
    clock.set(at(2015, 9, 25, 9))
    life.post("sekreterare", "/yttrande/expediera", {"confirm_expediera": "1"})
    life.post("sekreterare", "/yttrande/skickat", {"way": "post", "sent_on": "2015-09-25"})
    assert life.status() == "besvarad"
    assert "Besvarad i tid" in _text(life.page("sekreterare", f"/remisser/{life.rid}"))

    entries = life.calendar()
    # old code: "… Sista svarsdag: SOFÖ 2015/0001 … Klar"
    assert entries[("28 september 2015", "Sista svarsdag")].endswith(" Besvarad"), entries
    assert entries[("25 september 2015", "Expediering")].endswith(" Klar")  # a step done is still Klar
    (row,) = life.day(date(2015, 9, 28))
    assert row.endswith(" Besvarad") and "Klar" not in row, row
