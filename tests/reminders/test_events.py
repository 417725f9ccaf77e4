"""Domain events keep the outbox in step: notices, and reminders re-planned through the real planner."""
from __future__ import annotations

import email
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

from sqlmodel import select

from remiss import events
from remiss.auth.access import Principal
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service
from remiss.remisser.models import Remiss
from tests.reminders.conftest import fast_user, stockholm
from tests.support.factories import T0, make_namnd, make_remiss


def outbox(session, **where):
    stmt = select(OutboxMessage).order_by(OutboxMessage.id)
    for k, v in where.items():
        stmt = stmt.where(getattr(OutboxMessage, k) == v)
    return list(session.exec(stmt))


def test_registration_plans_reminders_and_assignment_notice(session, app, runner):
    namnd = make_namnd(session)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2026, 12, 11))
    session.commit()
    [notice] = outbox(session, kind="assigned")
    assert notice.recipient_email == "hanna@example.se" and notice.due_at == T0
    reminders = [r for r in outbox(session) if r.kind in ("before", "on_day", "overdue", "escalation")]
    assert reminders and all(r.remiss_id == remiss.id and r.status == "pending" for r in reminders)
    session.rollback()  # a writing session holds SQLite's write lock until it ends
    out = runner.invoke(args=["reminders", "run", "--now", T0.isoformat()]).output
    assert "skickade: 2," in out  # the notice and this Monday's digest; reminders wait for their moments
    assert {r.kind for r in outbox(session, status="sent")} == {"assigned", "digest"}


def test_extension_moves_the_reminders_and_sends_a_notice(session, app):
    from remiss.planning.service.extensions import general_notice

    namnd = make_namnd(session)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2026, 12, 4),
                         deadline_time=None)
    old = {r.key for r in outbox(session, status="pending") if r.kind != "assigned"}
    assert old
    general_notice(session, now=T0, principal=Principal.system(), remiss=remiss, sender="Kommunstyrelsen",
                   until_on=date(2026, 12, 18))
    session.commit()
    cancelled = {r.key for r in outbox(session, status="cancelled")}
    pending = {r.key for r in outbox(session, status="pending") if r.kind not in ("assigned", "extension")}
    assert old - pending <= cancelled and old - pending
    assert pending - old  # new moments for the new dates
    [notice] = outbox(session, kind="extension", recipient_email="hanna@example.se")
    assert "18 december 2026" in notice.payload


def test_review_and_answered_notices_and_closing_cancels(session, app):
    namnd = make_namnd(session)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="granskare", namnder=[namnd], email="gustav@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id)
    events.draft_state_changed.send(remiss, session=session, now=T0, actor_id=hanna.id, old="utkast",
                                    new="granskning")
    assert [r.recipient_email for r in outbox(session, kind="review")] == ["gustav@example.se"]
    for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad"):
        service.change_status(session, now=T0, principal=Principal.system(), remiss=remiss, new=status)
    session.commit()
    # the nämnd has no registrator: its functional mailbox is told too
    assert [r.recipient_email for r in outbox(session, kind="answered")] == ["hanna@example.se", namnd.email]
    left = [r for r in outbox(session, status="pending") if r.kind not in ("assigned", "review", "answered")]
    assert left == []
    assert session.get(Remiss, remiss.id).status == "besvarad"


def digest_mails(app) -> list:
    """The digests the sweeps have written to MAIL_DIR (SMTP_URL is empty in tests), oldest first."""
    mails = [email.message_from_bytes(p.read_bytes(), policy=default_policy)
             for p in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))]
    return [m for m in mails if m["X-Remiss-Kind"] == "digest"]


def sweep(session, runner, at: str) -> str:
    """Run `reminders run --now at` and insist it ran. The fixture session's open transaction holds
    SQLite's write lock (BEGIN IMMEDIATE), so end it first, or the sweep waits 30 s and fails."""
    session.rollback()
    result = runner.invoke(args=["reminders", "run", "--now", at])
    assert result.exit_code == 0, result.output
    return result.output


def test_weekly_digest_to_registrators(session, app, runner):
    namnd = make_namnd(session)
    other = make_namnd(session)
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rolf@example.se")
    fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="registrator", namnder=[other], email="otto@example.se")
    soon = make_remiss(session, namnd=namnd, title="Digestremissen", deadline_on=date(2026, 12, 10))
    make_remiss(session, namnd=namnd, title="Vårremissen", deadline_on=date(2027, 3, 10))  # beyond 3 weeks
    theirs = make_remiss(session, namnd=other, title="Grannremissen", deadline_on=date(2026, 12, 17))
    session.commit()

    out = sweep(session, runner, "2026-11-30T07:15")  # Monday, after 07.00
    mails = digest_mails(app)
    assert sorted((m["To"], m["Subject"]) for m in mails) == [
        ("otto@example.se", f"Veckans remisser – {other.name}"),
        ("rolf@example.se", f"Veckans remisser – {namnd.name}"),
        ("rut@example.se", f"Veckans remisser – {namnd.name}"),
    ], out
    for mail in mails:
        text = mail.get_body(("plain",)).get_content()
        if mail["To"] == "otto@example.se":
            assert f"- torsdag 17 december 2026: Sista svarsdag – Grannremissen ({theirs.our_dnr})" in text
            assert "Digestremissen" not in text
        else:
            assert f"- torsdag 10 december 2026: Sista svarsdag – Digestremissen ({soon.our_dnr})" in text
            assert f"http://remiss.test/remisser/{soon.id}" in text
            assert "Vårremissen" not in text and "Grannremissen" not in text
    digests = outbox(session, kind="digest")
    assert {(d.recipient_email, d.status) for d in digests} == {
        ("otto@example.se", "sent"), ("rolf@example.se", "sent"), ("rut@example.se", "sent")}
    assert {d.due_at for d in digests} == {stockholm(2026, 11, 30, 7, 0)}

    out = sweep(session, runner, "2026-12-02T07:15")  # Wednesday: the sweep runs, no second digest
    assert len(digest_mails(app)) == 3 and len(outbox(session, kind="digest")) == 3, out
    sweep(session, runner, "2026-12-07T07:15")  # next Monday: next week's digest
    assert sorted(m["To"] for m in digest_mails(app)[3:]) == ["otto@example.se", "rolf@example.se",
                                                               "rut@example.se"]
