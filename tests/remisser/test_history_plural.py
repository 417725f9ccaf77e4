"""Walk11 finding 17: the registration's history note reads "1 frågeställning", also for notes written before."""
from __future__ import annotations

import html
import re
from datetime import date

from sqlmodel import select

from remiss.audit.models import AuditEvent
from tests.support.factories import make_namnd, make_remiss, make_user


def _history(client, rid: int) -> str:
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).rsplit("Historik", 1)[-1]


def test_one_question_is_one_frageställning_in_the_history(session, auth, client):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    user = make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    one = make_remiss(session, namnd=namnd, by=user, questions=["Fråga A"], deadline_on=date(2027, 3, 1))
    two = make_remiss(session, namnd=namnd, by=user, questions=["Fråga A", "Fråga B"], deadline_on=date(2027, 3, 1))
    old = make_remiss(session, namnd=namnd, by=user, questions=["Fråga A"], deadline_on=date(2027, 3, 1))
    # a note as it was written before the fix
    event = session.exec(select(AuditEvent).where(AuditEvent.remiss_id == old.id,
                                                  AuditEvent.action == "create")).one()
    event.note = "1 frågeställningar, 0 på sändlistan"
    session.add(event)
    session.commit()
    auth.login("mia@miljo.se")
    assert "(1 frågeställning, 0 på sändlistan)" in _history(client, one.id)
    assert "(2 frågeställningar, 0 på sändlistan)" in _history(client, two.id)
    assert "(1 frågeställning, 0 på sändlistan)" in _history(client, old.id)
    assert "1 frågeställningar" not in _history(client, one.id) + _history(client, old.id)
