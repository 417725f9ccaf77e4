"""truth17 F16: "Ändra status för hand" offered "Svarstiden ute" while the svarstid ran; it was confirmed, then
undone by lifecycle.sync_deadline with the false history note "Remisstiden är förlängd" (no extension existed)."""
from __future__ import annotations

from datetime import date
from html import unescape

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.outgoing.service import lifecycle
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.outgoing.test_walk9_dates import _sent

REFUSED = ("Status ”Svarstiden ute” sätts av sig själv när svarstiden har gått ut, och den löper till "
           "29 januari 2027.")


def test_svarstiden_ute_is_neither_offered_nor_taken_while_the_svarstid_runs(session, client, auth, clock):
    remiss, page, _ = _sent(session, client, auth, clock)
    rid = int(page.rsplit("/", 1)[1])
    shown = client.get(page).get_data(as_text=True)
    assert 'id="new-status"' in shown and '<option value="svarstiden_ute"' not in shown
    refused = auth.post(f"{page}/status", {"status": "svarstiden_ute", "note": "Sätter för hand"}, form_url=page,
                        follow_redirects=True)
    said = " ".join(unescape(refused.get_data(as_text=True)).split())
    assert REFUSED in said, said
    api = client.patch(f"/api/v1/remisser/{rid}", json={"status": "svarstiden_ute"},
                       headers={"X-CSRFToken": csrf_token(client, page)})
    assert api.status_code == 409 and api.get_json()["error"].startswith(REFUSED)
    session.expire_all()
    assert session.get(Remiss, rid).status == "skickad"


def _notes(session, remiss_id) -> list[str]:
    return [e.note for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss_id,
                                                                  AuditEvent.action == "status"))]


def test_sync_deadline_says_what_happened(session, client, auth, clock):
    remiss, page, _ = _sent(session, client, auth, clock)
    remiss = session.get(Remiss, remiss.id)
    remiss.status = "svarstiden_ute"  # as the hand-set status left it before
    assert lifecycle.sync_deadline(session, now=clock.now, remiss=remiss)
    assert _notes(session, remiss.id)[-1] == "Svarstiden har inte gått ut: den löper till 29 januari 2027"
    remiss.status, remiss.effective_deadline_on = "svarstiden_ute", date(2027, 2, 12)  # a general extension
    assert lifecycle.sync_deadline(session, now=clock.now, remiss=remiss)
    assert _notes(session, remiss.id)[-1] == "Remisstiden är förlängd till 12 februari 2027"
    assert "Remisstiden är förlängd" not in " ".join(_notes(session, remiss.id)[:-1])
