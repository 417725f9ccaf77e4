"""Migration v001: what the old code let users do by hand is made true again. Expediering and Sista svarsdag ticked
done by a click (now refused, walk16 #0) become what the expediering or the closing sets, or open again; a decided
yttrande that was opened again as utkast and rewritten (now refused, walk16 #1) is godkänt with the decided text,
the rewritten text kept in its history. Run on the test database (SQLite, or PostgreSQL when
REMISS_TEST_DATABASE_URL names one), twice: the second run changes nothing."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from html import unescape

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import func, text
from sqlmodel import select

from remiss.audit import service as audit
from remiss.audit.models import AuditEvent
from remiss.db import migrate
from remiss.drafting import decision as decisions
from remiss.drafting import dispatch
from remiss.drafting.drafts import find_draft, latest_version
from remiss.drafting.models import DraftVersion, GeneratedDocument
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.planning.models import Milestone
from remiss.planning.service import milestones as milestone_verbs
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.drafting.conftest import DECIDED_AT, NOW, approve, record
from tests.support.migrations import alembic_config
from tests.support.factories import make_remiss

REOPENED_AT = datetime(2015, 9, 25, 9, 0, tzinfo=timezone.utc)
TICKED_AT = datetime(2015, 9, 25, 10, 0, tzinfo=timezone.utc)
EXPEDIERAD_AT = datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc)


def _row(session, remiss_id: int, kind: str) -> Milestone:
    return session.exec(select(Milestone).where(Milestone.remiss_id == remiss_id, Milestone.kind == kind)).one()


def _old_tick(session, principal, remiss, kind: str, at: datetime) -> None:
    """What mark_done wrote before by_hand_refusal: the row done at the click, and its audit event."""
    row = _row(session, remiss.id, kind)
    row.done_at, row.closed_with_remiss = at, False
    session.add(row)
    audit.record(session, now=at, user_id=principal.user_id, entity="milestone", entity_id=row.id,
                 remiss_id=remiss.id, action="milestone", changes={f"done:{kind}": [None, at.isoformat()]},
                 note=f"{row.label}: klar")


def _old_reopen(session, principal, remiss, comment: str, at: datetime) -> None:
    """What change_state godkänd → utkast did before reopen_refusal, with the send-back's milestones."""
    draft = find_draft(session, remiss.id)
    draft.state, draft.review_comment, draft.updated_at = "utkast", comment, at
    session.add(draft)
    audit.record(session, now=at, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="state", changes={"state": ["godkand", "utkast"]}, note=comment)
    milestone_verbs.undo(session, now=at, remiss=remiss, kinds=("tjansteskrivelse", "granskning"),
                         note="yttrandet skickat tillbaka till utkast", actor_id=principal.user_id)


def _rerun(session, url: str) -> None:
    """Run v001 again on the database the app uses (its downgrade changes nothing)."""
    session.commit()
    session.close()
    command.downgrade(alembic_config(url), "v001_by_hand_repair-1")
    migrate(url)
    session.expire_all()


def _snapshot(session) -> tuple:
    return (session.exec(select(func.count()).select_from(AuditEvent)).one(),
            session.exec(select(func.count()).select_from(DraftVersion)).one(),
            sorted((m.id, m.done_at, m.closed_with_remiss) for m in session.exec(select(Milestone))))


def test_v001_repairs_the_by_hand_ticks_and_the_yttrande_reopened_after_the_beslut(session, w, database_url, auth,
                                                                                   client):
    remiss = w["remiss"]
    approve(session, w)
    decided_text = latest_version(session, find_draft(session, remiss.id)).content
    record(session, w)
    # the old code: opened again after the beslut, rewritten, approved again; Expediering and Sista svarsdag ticked
    _old_reopen(session, w["g"], remiss, "Skriv om sammanfattningen.", REOPENED_AT)
    save(session, now=REOPENED_AT, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Negativa."})
    change_state(session, now=REOPENED_AT, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=REOPENED_AT, principal=w["g"], remiss=remiss, new="godkand")
    _old_tick(session, w["r"], remiss, "expediering", TICKED_AT)
    _old_tick(session, w["r"], remiss, "sista_svarsdag", TICKED_AT)
    # another remiss, withdrawn after its Sista svarsdag was ticked: closing left the click as it was
    withdrawn = make_remiss(session, namnd=w["namnd"], now=NOW, title="Återkallad remiss")
    _old_tick(session, w["r"], withdrawn, "sista_svarsdag", TICKED_AT)
    remisser.change_status(session, now=TICKED_AT, principal=w["r"], remiss=withdrawn, new="aterkallad")
    # work done by the work itself is not touched
    assert _row(session, remiss.id, "namnd").done_at is not None
    rid, wid = remiss.id, withdrawn.id

    _rerun(session, database_url)

    remiss = session.get(Remiss, rid)
    draft = find_draft(session, rid)
    versions = session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                            .order_by(DraftVersion.number)).all()
    assert draft.state == "godkand" and draft.review_comment == ""
    assert [json.loads(v.content)["sammanfattning"] for v in versions] == ["Positiva.", "Negativa.", "Positiva."]
    assert versions[-1].content == decided_text and "Den beslutade texten (version 1)" in versions[-1].comment
    assert {k: _row(session, remiss.id, k).done_at is not None for k in ("tjansteskrivelse", "granskning")} == \
        {"tjansteskrivelse": True, "granskning": True}  # the send-back opened them; the beslut ticks them
    assert _row(session, remiss.id, "expediering").done_at is None  # nothing was expedierat
    assert _row(session, remiss.id, "sista_svarsdag").done_at is None  # nobody answered
    gone = _row(session, wid, "sista_svarsdag")
    assert gone.done_at is not None and gone.closed_with_remiss  # "Utgår", and open again if the withdrawal is undone
    notes = [e.note for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == rid,
                                                                   AuditEvent.user_id.is_(None)))]
    assert any(n.startswith("Expediering: inte klar; markerad klar för hand") for n in notes)
    assert any("Den beslutade texten (yttrandet, version 1) gäller igen" in n and "version 2, skriven efter "
               "beslutet, finns kvar" in n for n in notes)

    session.commit()
    auth.login(w["registrator"].email)
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Expediering: inte klar; markerad klar för hand, vilket inte längre går" in page  # the history says so
    assert "Kommentar från granskningen" not in page and "Skriv om sammanfattningen." in page  # kept in the history

    before = _snapshot(session)
    _rerun(session, database_url)
    assert _snapshot(session) == before  # a second run finds nothing to repair

    # ticked again, then really expedierat: the expediering is done when it happened, the deadline with the closing
    remiss = session.get(Remiss, rid)
    decisions.record_justering(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, justerad_on=date(2015, 9, 24))
    _old_tick(session, w["r"], remiss, "expediering", TICKED_AT)
    _old_tick(session, w["r"], remiss, "sista_svarsdag", TICKED_AT)
    dispatch.expediera(session, now=EXPEDIERAD_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert remiss.status == "besvarad"
    _rerun(session, database_url)
    sent = session.exec(select(func.min(GeneratedDocument.created_at)).where(
        GeneratedDocument.remiss_id == rid, GeneratedDocument.frozen)).one()
    expediering, deadline = _row(session, rid, "expediering"), _row(session, rid, "sista_svarsdag")
    assert expediering.done_at == sent == EXPEDIERAD_AT and not expediering.closed_with_remiss
    assert deadline.done_at == TICKED_AT and deadline.closed_with_remiss
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()  # v001 re-run, later ones too
    assert session.exec(text("SELECT version_num FROM alembic_version")).one()[0] == head


def test_v001_leaves_signatures_filled_in_after_the_beslut(session, w, database_url):
    """The Underskrifter form saves the signers' names as a new version of the godkänd, decided yttrande (walk16
    #12): not a reopening, so the migration keeps it."""
    from remiss.drafting import signatures

    remiss = w["remiss"]
    approve(session, w)
    record(session, w)
    filled = signatures.fill(session, now=TICKED_AT, principal=w["g"], remiss=remiss,
                             raw={"ordforande": "Eva Ek", "forvaltningschef": "Per Berg"})
    assert filled is not None
    rid = remiss.id
    before = _snapshot(session)

    _rerun(session, database_url)

    draft = find_draft(session, rid)
    assert draft.state == "godkand"
    assert json.loads(latest_version(session, draft).content)["ordforande"] == "Eva Ek"
    assert _snapshot(session) == before
