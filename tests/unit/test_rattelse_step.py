"""Nästa steg of a rättelse follows its review, its beslut and the justering, for the one who reads it."""
from datetime import date, datetime, timezone

from remiss.drafting.models import Decision, DraftState
from remiss.drafting.panel import rattelse_step

TODAY = date(2026, 12, 3)
AT = datetime(2026, 12, 3, 9, tzinfo=timezone.utc)


def _decision(**values) -> Decision:
    return Decision(remiss_id=1, meeting_on=TODAY, recorded_at=AT, updated_at=AT, **values)


def test_a_rattelse_in_review_asks_the_granskare_and_tells_the_others_it_waits():
    assert rattelse_step(DraftState.granskning, may_review=True, decision=None, today=TODAY).startswith("granska")
    assert "väntar på granskarens" in rattelse_step(DraftState.granskning, may_review=False, decision=None,
                                                    today=TODAY)


def test_after_its_beslut_only_justering_and_expediering_are_left():
    approved = DraftState.godkand
    assert "registrera beslutet" in rattelse_step(approved, may_review=True, decision=None, today=TODAY)
    delegat = _decision(decided_by="delegat", delegat="Anna Andersson, förvaltningschef")
    assert rattelse_step(approved, may_review=True, decision=delegat, today=TODAY) == "expediera den."
    meeting = _decision(decided_by="namnd", paragraf="§ 150")
    assert "justeringen" in rattelse_step(approved, may_review=True, decision=meeting, today=TODAY)
    meeting.justerad_on = TODAY
    assert rattelse_step(approved, may_review=True, decision=meeting, today=TODAY) == "expediera den."
