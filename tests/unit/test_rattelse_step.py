"""Nästa steg of a rättelse follows its review, its beslut and the justering, for the one who reads it: the step for
one who takes it, what waits and who does it for one whose role cannot (truth35 #1)."""
from datetime import date, datetime, timezone

from remiss.drafting.models import Decision, DraftState
from remiss.drafting.panel import RATTELSE_LEAD, rattelse_step

TODAY = date(2026, 12, 3)
AT = datetime(2026, 12, 3, 9, tzinfo=timezone.utc)


def _decision(**values) -> Decision:
    return Decision(remiss_id=1, meeting_on=TODAY, recorded_at=AT, updated_at=AT, **values)


def _step(state, decision=None, who=""):
    return rattelse_step(state, decision=decision, today=TODAY, who=who).removeprefix(RATTELSE_LEAD)


def test_a_rattelse_in_review_asks_the_granskare_and_tells_the_others_it_waits():
    assert _step(DraftState.granskning).startswith(": granska")
    assert _step(DraftState.granskning, who="granskare och registratorer") == (
        " är skickad till granskning och väntar på att godkännas: det gör granskare och registratorer.")


def test_after_its_beslut_only_justering_and_expediering_are_left():
    approved = DraftState.godkand
    assert "registrera beslutet" in _step(approved)
    delegat = _decision(decided_by="delegat", delegat="Anna Andersson, förvaltningschef")
    assert _step(approved, delegat) == ": expediera den."
    meeting = _decision(decided_by="namnd", paragraf="§ 150")
    assert "justeringen" in _step(approved, meeting)
    assert "väntar på att justeringen av beslutet registreras" in _step(approved, meeting, who="granskare")
    meeting.justerad_on = TODAY
    assert _step(approved, meeting) == ": expediera den."
    assert _step(approved, meeting, who="granskare") == " är beslutad och väntar på att expedieras: det gör granskare."
