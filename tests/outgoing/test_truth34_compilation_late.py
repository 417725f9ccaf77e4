"""walk34b finding 3: the sammanställning names an answer that came in after the svarstid, with the day it came,
as the page does ("inkom 1 mars 2027 efter svarstiden"); one in time is not named so."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.outgoing.test_compilation_dated import _saved_text
from tests.outgoing.test_walk19_outgoing import _answer, _compile, _sent

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_a_late_answer_is_named_late_in_the_sammanstallning(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    clock.set(datetime(2027, 3, 2, 9, 0, tzinfo=STOCKHOLM))  # after the svarsdag, 26 februari 2027 kl. 12.00
    assert _answer(auth, rid, entries["Ungdomsrådet"], summary="Sent men väl.",
                   answered_on="2027-03-01").status_code == 302
    _compile(auth, rid)
    text = _saved_text(client, rid)
    assert "Svar som kom in efter svarstiden: Ungdomsrådet (1 mars 2027)." in text
    assert "Pensionärsrådet (5 december 2026)" not in text
