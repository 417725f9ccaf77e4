"""data: milestones ticked done by hand that only the expediering completes, and yttranden reopened after the beslut

Before walk16 #0, Expediering and Sista svarsdag could be marked done by hand (remiss.planning.service.milestones
mark_done; now refused by by_hand_refusal). A tick of an inkommande remiss nobody answered claimed "Expedierat" and
stopped its deadline reminders. A milestone whose done mark is still that click (its done_at is the moment of a
by-hand "done:<kind>" audit event on it) becomes what the code sets today:
- Expediering: done at the expediering when the yttrande was expedierat after the click (its frozen yttrande
  document, as dispatch.expediera makes it); else ticked off with the remiss when the remiss is closed (as closing
  does, so that reopening opens it again); else open.
- Sista svarsdag: ticked off with the remiss when it is closed; left done on an utgående remiss whose answers were
  compiled after the click (sammanställd completes it); else open.
A milestone done by the work itself, or ticked off by closing, is not touched.

Before walk16 #1, a godkänt yttrande (or rättelse) with a recorded beslut could be opened again as utkast, rewritten
and approved again, and was then expedierat under the earlier beslut. Such a draft (an utkast or in granskning with a
beslut on it, or godkänd with a version saved after the beslut) is made godkänd again with the decided text: a new
version repeats the version that was latest when the beslut was recorded; the versions written after it stay in the
history (for a rättelse after the expediering), and so does the comment that sent it back; a godkänt yttrande
shows none. The tjänsteskrivelse and granskning milestones the reopening opened
again are done again. The remiss's status is left as it is.

Each repair is an audit event of the system. Running it again changes nothing.

Revision ID: v001_by_hand_repair
Revises: u002_angled_names
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

revision = "v001_by_hand_repair"
down_revision = "u002_angled_names"
branch_labels = None
depends_on = None

# frozen here: remiss.remisser.status.CLOSED, remiss.planning.service.milestones.BY_EXPEDIERING
CLOSED = ("besvarad", "avstar", "aterkallad", "makulerad", "avslutad")
LABELS = {"expediering": "Expediering", "sista_svarsdag": "Sista svarsdag", "tjansteskrivelse": "Tjänsteskrivelse",
          "granskning": "Granskning"}
WHY = {"expediering": "blir klar när yttrandet expedieras, inte för hand",
       "sista_svarsdag": "blir klar när yttrandet expedieras (remissen besvaras), inte för hand"}
SYSTEM_NOTE = "rättat vid uppgradering"
SIGNATURES_COMMENT = "Underskrifter ifyllda"  # frozen here: remiss.drafting.signatures.COMMENT

milestone = sa.table("milestone", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("done_at", sa.DateTime),
                     sa.column("closed_with_remiss", sa.Boolean))
remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("direction", sa.String))
audit = sa.table("audit_event", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                 sa.column("user_id", sa.Integer), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
                 sa.column("remiss_id", sa.Integer), sa.column("action", sa.String), sa.column("changes", sa.Text),
                 sa.column("note", sa.Text))
document = sa.table("generated_document", sa.column("remiss_id", sa.Integer), sa.column("kind", sa.String),
                    sa.column("frozen", sa.Boolean), sa.column("created_at", sa.DateTime))
draft = sa.table("yttrande_draft", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                 sa.column("state", sa.String), sa.column("rattelse", sa.Integer), sa.column("updated_at", sa.DateTime),
                 sa.column("review_comment", sa.Text))
version = sa.table("draft_version", sa.column("id", sa.Integer), sa.column("draft_id", sa.Integer),
                   sa.column("number", sa.Integer), sa.column("author_id", sa.Integer),
                   sa.column("created_at", sa.DateTime), sa.column("content", sa.Text),
                   sa.column("comment", sa.String))
decision = sa.table("decision", sa.column("remiss_id", sa.Integer), sa.column("rattelse", sa.Integer),
                    sa.column("recorded_at", sa.DateTime))


def _iso(moment) -> str | None:
    """An audit value as audit.record writes a stored moment (aware UTC, ISO)."""
    return moment.replace(tzinfo=timezone.utc).isoformat() if moment is not None else None


def _log(conn, now, *, entity, entity_id, remiss_id, action, changes, note) -> None:
    conn.execute(audit.insert().values(at=now, user_id=None, entity=entity, entity_id=entity_id, remiss_id=remiss_id,
                                       action=action, changes=json.dumps(changes, ensure_ascii=False), note=note))


def _ticked_by_hand(conn) -> list:
    """The Expediering and Sista svarsdag rows whose done mark is a click: done_at is the moment of mark_done's audit
    event on the row (entity milestone; the work and closing write entity remiss), and closing did not tick it."""
    hand = (sa.select(audit.c.entity_id, audit.c.at)
            .where(audit.c.entity == "milestone", audit.c.action == "milestone",
                   audit.c.note.not_like(f"%({SYSTEM_NOTE})"),  # not this migration's own repairs
                   sa.or_(audit.c.changes.like('%"done:expediering"%'),
                          audit.c.changes.like('%"done:sista_svarsdag"%')))
            .subquery())
    return conn.execute(
        sa.select(milestone.c.id, milestone.c.remiss_id, milestone.c.kind, milestone.c.done_at, remiss.c.status,
                  remiss.c.direction)
        .join(remiss, remiss.c.id == milestone.c.remiss_id)
        .join(hand, sa.and_(hand.c.entity_id == milestone.c.id, hand.c.at == milestone.c.done_at))
        .where(milestone.c.kind.in_(["expediering", "sista_svarsdag"]), milestone.c.done_at.is_not(None),
               sa.not_(milestone.c.closed_with_remiss))
        .distinct().order_by(milestone.c.id)).all()


def _expedierad_after(conn, remiss_id: int, moment):
    """The first expediering of the remiss's yttrande at or after moment (its frozen yttrande document), or None."""
    return conn.execute(sa.select(sa.func.min(document.c.created_at)).where(
        document.c.remiss_id == remiss_id, document.c.kind == "yttrande", document.c.frozen,
        document.c.created_at >= moment)).scalar()


def _compiled_after(conn, remiss_id: int, moment) -> bool:
    """Whether the utgående remiss became sammanställd at or after moment (which completes its sista svarsdag)."""
    return conn.execute(sa.select(audit.c.id).where(
        audit.c.remiss_id == remiss_id, audit.c.entity == "remiss", audit.c.action == "status",
        audit.c.changes.like('%"sammanstalld"]%'), audit.c.at >= moment).limit(1)).first() is not None


def _milestones(conn, now) -> None:
    for row in _ticked_by_hand(conn):
        label, closed = LABELS[row.kind], row.status in CLOSED
        if row.kind == "expediering":
            expedierad = _expedierad_after(conn, row.remiss_id, row.done_at)
            if expedierad is not None:
                values, said = {"done_at": expedierad}, "klar när yttrandet expedierades"
            elif closed:
                values, said = {"closed_with_remiss": True}, "avbockad med remissen"
            else:
                values, said = {"done_at": None}, "inte klar"
        else:
            if row.direction == "utgaende" and (row.status in ("sammanstalld", "avslutad")
                                                or _compiled_after(conn, row.remiss_id, row.done_at)):
                continue  # the compiled answers completed it (avslutad is reached only from sammanställd)
            if closed:
                values, said = {"closed_with_remiss": True}, "avbockad med remissen"
            else:
                values, said = {"done_at": None}, "inte klar"
        conn.execute(milestone.update().where(milestone.c.id == row.id).values(**values))
        changes = ({f"done:{row.kind}": [_iso(row.done_at), _iso(values["done_at"])]} if "done_at" in values
                   else {})
        _log(conn, now, entity="milestone", entity_id=row.id, remiss_id=row.remiss_id, action="milestone",
             changes=changes, note=f"{label}: {said}; markerad klar för hand, vilket inte längre går – "
                                   f"den {WHY[row.kind]} ({SYSTEM_NOTE})")


def _reopened_after_beslut(conn) -> list:
    """The drafts with a beslut on their text (or rättelse) that are not godkänd, or godkänd with a version saved
    after the beslut: a beslut is recorded only on a godkänt yttrande, and versions are saved only in utkast."""
    # the signers' names filled in on the decided yttrande are a version of their own (drafting.signatures.fill,
    # walk16 #12), not a reopening: such a version leaves the draft as it is
    later = (sa.select(version.c.id).where(version.c.draft_id == draft.c.id,
                                           version.c.created_at > decision.c.recorded_at,
                                           version.c.comment != SIGNATURES_COMMENT).exists())
    return conn.execute(
        sa.select(draft.c.id, draft.c.remiss_id, draft.c.state, draft.c.rattelse, decision.c.recorded_at,
                  remiss.c.status)
        .join(decision, sa.and_(decision.c.remiss_id == draft.c.remiss_id, decision.c.rattelse == draft.c.rattelse))
        .join(remiss, remiss.c.id == draft.c.remiss_id)
        .where(sa.or_(draft.c.state.in_(["utkast", "granskning"]), sa.and_(draft.c.state == "godkand", later)))
        .order_by(draft.c.id)).all()


def _drafts(conn, now) -> None:
    for row in _reopened_after_beslut(conn):
        versions = conn.execute(sa.select(version.c.number, version.c.created_at, version.c.content)
                                .where(version.c.draft_id == row.id).order_by(version.c.number)).all()
        decided = [v for v in versions if v.created_at <= row.recorded_at]
        if not decided:
            continue  # no text the beslut can have covered: nothing true to go back to
        decided, latest = decided[-1], versions[-1]
        if row.state == "godkand" and latest.content == decided.content:
            continue  # the approved text is the decided one (repaired before, or written back as it was)
        what = f"rättelse {row.rattelse}" if row.rattelse else "yttrandet"
        note = f"Den beslutade texten ({what}, version {decided.number}) gäller igen: ett beslutat yttrande kan " \
               "inte öppnas som utkast"
        if latest.content != decided.content:
            written = (f"versionerna {decided.number + 1}–{latest.number}, skrivna efter beslutet, finns"
                       if latest.number > decided.number + 1
                       else f"version {latest.number}, skriven efter beslutet, finns")
            note += f"; {written} kvar och kan skickas som en ny rättelse efter expedieringen"
            conn.execute(version.insert().values(
                draft_id=row.id, number=latest.number + 1, author_id=None, created_at=now, content=decided.content,
                comment=f"Den beslutade texten (version {decided.number}), {SYSTEM_NOTE}"))
        # the comment that sent it back (kept in the history) asked for a change the beslut does not cover
        conn.execute(draft.update().where(draft.c.id == row.id)
                     .values(state="godkand", updated_at=now, review_comment=""))
        _log(conn, now, entity="yttrande_draft", entity_id=row.id, remiss_id=row.remiss_id, action="state",
             changes={"state": [row.state, "godkand"]}, note=f"{note} ({SYSTEM_NOTE})"[:2000])
        if not row.rattelse and row.status not in CLOSED:
            _done_again(conn, now, row.remiss_id, row.recorded_at)


def _done_again(conn, now, remiss_id: int, decided_at) -> None:
    """The tjänsteskrivelse and granskning milestones a send-back opened again: done, as the beslut ticks them."""
    rows = conn.execute(sa.select(milestone.c.id, milestone.c.kind).where(
        milestone.c.remiss_id == remiss_id, milestone.c.kind.in_(["tjansteskrivelse", "granskning"]),
        milestone.c.done_at.is_(None)).order_by(milestone.c.id)).all()
    if not rows:
        return
    conn.execute(milestone.update().where(milestone.c.id.in_([r.id for r in rows]))
                 .values(done_at=decided_at, closed_with_remiss=False))
    _log(conn, now, entity="remiss", entity_id=remiss_id, remiss_id=remiss_id, action="milestone",
         changes={f"done:{r.kind}": [None, _iso(decided_at)] for r in rows},
         note=f"{', '.join(LABELS[r.kind] for r in rows)}: klar (yttrandet är beslutat; {SYSTEM_NOTE})")


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)  # stored as the app stores UTC: naive
    _milestones(conn, now)
    _drafts(conn, now)


def downgrade() -> None:
    pass  # the repaired rows read right on every version; the clicks are not put back
