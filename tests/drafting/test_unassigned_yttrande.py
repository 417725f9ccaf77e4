"""walk11 finding 5: the yttrande and the remiss status move together; no yttrande on an unassigned remiss, and a
yttrande approved before the remiss was assigned still reaches its beslut."""
from __future__ import annotations

import json

from sqlmodel import select

from remiss.drafting.drafts import content_of
from remiss.drafting.models import DraftVersion, YttrandeDraft
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.drafting.conftest import NOW, decide
from tests.drafting.test_flow import draft_form

NEEDS = "Remissen har ingen handläggare ännu."


def _unassign(session, world) -> int:
    remiss = session.get(Remiss, world["remiss"].id)
    remiss.handlaggare_id, remiss.status = None, RemissStatus.registrerad.value
    session.add(remiss)
    session.commit()
    return remiss.id


def _old_draft(session, world, rid: int, state: str) -> None:
    """A draft as one written before this fix: saved (and approved) while the remiss was Registrerad."""
    remiss = session.get(Remiss, rid)
    draft = YttrandeDraft(remiss_id=rid, state=state, updated_at=NOW)
    session.add(draft)
    session.flush()
    content = content_of(session, remiss, None)
    session.add(DraftVersion(draft_id=draft.id, number=1, author_id=world["registrator"].id, created_at=NOW,
                             content=json.dumps(content, ensure_ascii=False, sort_keys=True)))
    session.commit()


def test_no_yttrande_is_started_on_an_unassigned_remiss(world, session, auth, client, reader):
    rid = _unassign(session, world)
    auth.login(world["registrator"].email)
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert NEEDS in page and "Inga synpunkter</button>" not in page and "Redigera yttrandet" not in page
    form = client.get(f"/remisser/{rid}/yttrande")
    assert form.status_code == 200 and NEEDS in form.get_data(as_text=True)
    typed = draft_form(rid, sammanfattning="Det här får inte försvinna.")
    response = auth.post(f"/remisser/{rid}/yttrande", typed, form_url=f"/remisser/{rid}")
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and NEEDS in body and "Det här får inte försvinna." in body
    # refused, not asked, also without the question's yes (walk21 J14)
    unasked = auth.post(f"/remisser/{rid}/yttrande/inga-synpunkter", {}, form_url=f"/remisser/{rid}")
    assert "fraga" not in unasked.headers["Location"]
    auth.post(f"/remisser/{rid}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
              form_url=f"/remisser/{rid}")
    reader.rollback()
    assert reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).first() is None
    assert reader.get(Remiss, rid).status == RemissStatus.registrerad


def test_a_draft_from_before_the_assignment_moves_the_status_along(world, session, auth, reader):
    rid = _unassign(session, world)
    _old_draft(session, world, rid, "utkast")
    auth.login(world["registrator"].email)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/tilldela", {"handlaggare_id": str(world["handlaggare"].id)},
                     form_url=page).status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.tilldelad
    # the old draft answers none of the questions: sent as it is (h-fix-a asks about unanswered questions)
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning", "unanswered": "utelamna"},
                     form_url=page).status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.under_beredning
    auth.logout()
    auth.login(world["granskare"].email)
    assert auth.post(f"{page}/yttrande/lage", {"state": "godkand", "unanswered": "utelamna"},
                     form_url=page).status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.klar_for_beslut


def test_an_approved_yttrande_on_an_unassigned_remiss_reaches_its_beslut(world, session, auth, reader, clock):
    rid = _unassign(session, world)
    _old_draft(session, world, rid, "godkand")
    auth.login(world["registrator"].email)
    refused = decide(auth, rid, clock)
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.registrerad
    assert refused.status_code == 400
    assert "Välj en handläggare under ”Tilldela handläggare” först" in refused.get_data(as_text=True)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/tilldela", {"handlaggare_id": str(world["handlaggare"].id)},
                     form_url=page).status_code == 302
    assert decide(auth, rid, clock).status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.beslutad


def test_the_panel_says_when_the_writer_approved_her_own_draft(world, auth, client):
    rid, page = world["remiss"].id, f"/remisser/{world['remiss'].id}"
    auth.login(world["granskare"].email)  # a granskare may write, send and approve
    assert auth.post(f"{page}/yttrande", draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{page}/yttrande/lage", {"state": "godkand", "unanswered": "utelamna"},
                     form_url=page).status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert "Godkänt av samma person som skrev det (Marie Hendra)." in shown


def test_no_such_note_when_another_approved(world, auth, client):
    rid, page = world["remiss"].id, f"/remisser/{world['remiss'].id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande", draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page).status_code == 302
    auth.logout()
    auth.login(world["granskare"].email)
    assert auth.post(f"{page}/yttrande/lage", {"state": "godkand", "unanswered": "utelamna"},
                     form_url=page).status_code == 302
    assert "Godkänt av samma person" not in client.get(page).get_data(as_text=True)
