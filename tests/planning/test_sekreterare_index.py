"""Att registrera och avsluta reads an index of the open remisser (or of the statuses it asks for), not every
remiss ever registered: at 100,000 remisser (bench scale 1, SQLite) the walk by ix_remiss_effective_deadline_on
took 260 ms."""
from __future__ import annotations

from remiss.auth.access import Principal
from remiss.planning.sekreterare import waiting_section
from tests.remisser.test_worklist_indexes import NOW, _history, _plans


def test_the_section_reads_the_open_remisser_index(db, session):
    _history(db, session)
    section, plan = _plans(db, lambda: waiting_section(session, Principal.system(), NOW))
    assert section.rows == []  # the history has nothing klar för beslut, beslutad or sammanställd
    # PostgreSQL may prefer the status index for the three statuses asked for: that too reads only their entries
    indexes = ("ix_remiss_open_deadline", "ix_remiss_open_order", "ix_remiss_status_deadline")
    assert any(index in plan for index in indexes), plan
    assert "Seq Scan on remiss " not in plan and "SCAN remiss" not in plan.replace("SCAN remiss USING", ""), plan
