"""Att registrera och avsluta reads the open remisser's own index in deadline order, not every remiss ever
registered: at 100,000 remisser (bench scale 1, SQLite) the walk by ix_remiss_effective_deadline_on took 260 ms."""
from __future__ import annotations

from remiss.auth.access import Principal
from remiss.planning.sekreterare import waiting_section
from tests.remisser.test_worklist_indexes import NOW, _history, _plans


def test_the_section_reads_the_open_remisser_index(db, session):
    _history(db, session)
    section, plan = _plans(db, lambda: waiting_section(session, Principal.system(), NOW))
    assert section.rows == []  # the history has nothing klar för beslut, beslutad or sammanställd
    assert "ix_remiss_open_deadline" in plan or "ix_remiss_open_order" in plan, plan
