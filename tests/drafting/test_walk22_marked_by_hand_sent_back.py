"""walk22 L3 (the draft's side): a tjänsteskrivelse marked klar by hand is opened again when the yttrande comes back
from granskning; the open step then has its plan's words, not "Markerad som klar för hand …"."""
from __future__ import annotations

from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.planning.service import milestones as service
from tests.drafting.conftest import NOW


def test_a_step_marked_by_hand_and_opened_by_a_draft_sent_back_has_its_plan_again(w, session):
    """The tjänsteskrivelse marked klar by hand, then the draft sent to granskning and back: the step is open
    again, and must not say "Markerad som klar för hand …" as an open step's plan."""
    remiss = w["remiss"]
    written = {m.kind: m for m in service.milestones_of(session, remiss.id)}["tjansteskrivelse"]
    service.mark_done(session, now=NOW, principal=w["r"], remiss=remiss, milestone_id=written.id)
    assert written.explanation.startswith("Markerad som klar för hand")
    save(session, now=NOW, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=NOW, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=NOW, principal=w["g"], remiss=remiss, new="utkast", comment="Skriv om inledningen.")
    session.flush()
    session.expire_all()
    again = {m.kind: m for m in service.milestones_of(session, remiss.id)}["tjansteskrivelse"]
    assert again.done_at is None
    assert not again.explanation.startswith("Markerad som klar för hand"), again.explanation
