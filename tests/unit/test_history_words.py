"""The remiss page's history in words a registrator can put in a diarium printout."""
import json
from datetime import datetime, timezone
from types import SimpleNamespace

from remiss.remisser.history import describe


def _event(action, changes, note="", user_id=None):
    return SimpleNamespace(action=action, changes=json.dumps(changes), note=note, user_id=user_id, user_name=None,
                           at=datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc))


def test_values_read_as_words():
    rows = describe(None, [
        _event("update", {"deadline_on": ["2010-03-31", "2010-04-15"], "deadline_time": [None, "12:00:00"],
                          "status": ["registrerad", "tilldelad"], "direction": ["inkommande", "utgaende"],
                          "notes": ["", ""]}),
        _event("upload", {"filename": [None, "missiv.pdf"], "size": [None, 39165]}),
        _event("milestone", {"tjansteskrivelse": ["2010-03-01", "2010-03-03"], "done:namnd": [None, "2026-12-03T09:30:00+00:00"],
                             "override:justering": [None, "2010-03-20"]}),
        _event("deadline", {"effective_deadline": [["2010-03-31", "12:00:00"], ["2010-04-30", None]]}),
    ])
    assert rows[0].at == "3 december 2026 kl. 10.30"
    assert rows[0].changes == [("Sista svarsdag", "31 mars 2010", "15 april 2010"), ("Klockslag", "–", "kl. 12.00"),
                               ("Status", "Registrerad", "Tilldelad"), ("Riktning", "Inkommande", "Utgående")]
    assert rows[1].changes == [("Fil", "–", "missiv.pdf"), ("Storlek", "–", "38 kB")]
    assert rows[2].changes == [("Tjänsteskrivelse klar", "1 mars 2010", "3 mars 2010"),
                               ("Nämndsammanträde (klar)", "nej", "ja"),
                               ("Justering (satt för hand)", "–", "20 mars 2010")]
    assert rows[3].changes == [("Gällande svarsdag", "31 mars 2010 kl. 12.00", "30 april 2010")]
    assert rows[0].who == "Systemet"


def test_a_milestone_marked_done_and_undone_reads_alike_both_ways():
    rows = describe(None, [_event("milestone", {"done:tjansteskrivelse": [None, "2026-12-03T09:30:00+00:00"]}),
                           _event("milestone", {"done:tjansteskrivelse": [True, None]})])  # tidplan.undo
    assert rows[0].changes == [("Tjänsteskrivelse klar (klar)", "nej", "ja")]
    assert rows[1].changes == [("Tjänsteskrivelse klar (klar)", "ja", "nej")]


def test_nothing_shown_for_a_change_between_two_empty_values():
    assert describe(None, [_event("update", {"notes": [None, ""], "sender_dnr": ["", None]})])[0].changes == []
