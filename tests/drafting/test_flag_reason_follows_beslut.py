"""The tidplan that follows the recorded beslut stores why it flags a step (calendar.after_beslut: the expediering,
and the justering before it, after the sista svarsdag) and clears the reason with the flag: when the justering
recorded in time lifts it, and when the beslut passes over a flagged step it never waited for."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.drafting import decision as decisions
from remiss.planning.service import tidplan
from tests.drafting.conftest import approve, record


def rows(session, remiss_id):
    session.expire_all()
    return {m.kind: m for m in tidplan.milestones_of(session, remiss_id)}


def test_a_late_expediering_is_flagged_with_its_reason_until_the_justering_brings_it_in_time(session, w):
    remiss = w["remiss"]
    approve(session, w)
    # the tjänsteskrivelse opened again and flagged by the plan, as one whose date had passed: the beslut passes
    # over it, and with the flag goes its reason
    written = rows(session, remiss.id)["tjansteskrivelse"]
    written.done_at, written.flagged, written.flag_reason = None, True, "redan_passerat"
    session.add(written)
    session.flush()
    record(session, w)  # the nämnd of 24 September: ordinarie justering 8 October, expediering 9 October
    got = rows(session, remiss.id)
    assert (got["expediering"].due_on, got["expediering"].flagged) == (date(2015, 10, 9), True)
    assert (got["expediering"].flag_reason, got["justering"].flag_reason) == ("efter_svarsdag", "efter_svarsdag")
    assert got["namnd"].flag_reason is None
    assert (got["tjansteskrivelse"].flagged, got["tjansteskrivelse"].flag_reason) == (False, None)

    decisions.record_justering(session, now=datetime(2015, 9, 25, 12, tzinfo=timezone.utc), principal=w["r"],
                               remiss=remiss, justerad_on=date(2015, 9, 25))
    got = rows(session, remiss.id)
    assert (got["expediering"].due_on, got["expediering"].flagged) == (date(2015, 9, 28), False)
    assert (got["expediering"].flag_reason, got["justering"].flag_reason) == (None, None)
