"""walk33: a granskare who opens an approved yttrande again as utkast ("Öppna igen som utkast") left the remiss
"Klar för beslut", so the remiss page's head, its next step ("Yttrandet är godkänt: registrera nämndens beslut."),
the start page's lists, the diarium and the API all said it was ready for the nämnd while the draft was an utkast
again. The remiss goes back to Under beredning with its draft."""
from __future__ import annotations

import pytest

from tests.planning.test_life_reads_true import Life, _text

COMMENT = "Fel namn på förvaltningschefen."


@pytest.fixture
def life(app, db, clock, session):
    return Life(app, db, clock, session)


def test_an_approved_yttrande_opened_again_puts_the_remiss_back_under_beredning(life):
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    life.post("granskare", "/yttrande/lage", {"state": "godkand"})
    assert life.status() == "klar_for_beslut"

    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": COMMENT})
    # Old code: still klar_for_beslut, the page saying "Yttrandet är godkänt: registrera nämndens beslut."
    assert life.status() == "under_beredning"
    page = _text(life.page("handlaggare", f"/remisser/{life.rid}"))
    assert "Yttrandet är godkänt" not in page
    assert "Under beredning Sista svarsdag" in page and "har skickat tillbaka yttrandet" in page, page[:800]

    # approved again, it is ready for the nämnd again
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    life.post("granskare", "/yttrande/lage", {"state": "godkand"})
    assert life.status() == "klar_for_beslut"
