"""truth16 F28: after a gap longer than the planned rows reach, a sweep whose planning budget ran out plans only
part of the catch-up; the next sweep at the same moment planned the rest (rows already in the past) and sent the
same overdue mails again. One mail per topic per sweep moment: a second `reminders run --now T` sends nothing."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def _sent_count(session) -> int:
    session.expire_all()
    return len(session.exec(select(OutboxMessage).where(OutboxMessage.status == "sent")).all())


def test_a_second_sweep_after_a_partly_planned_catch_up_sends_nothing(session, app, runner, smtp):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    namnd.escalate_after_workdays = 0
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    remisser = [make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 26),
                            title=title) for title in ("Havsplaner", "Cykelvägar")]
    for remiss in remisser:
        set_milestones(session, remiss, [("tjansteskrivelse", date(2027, 1, 11), "handlaggare")])
    session.commit()
    sweep(session, runner, "2027-01-13T07:30")  # both late: "Försenad" once each
    before = len(smtp.messages)
    assert sum("Försenad" in m["Subject"] for m in smtp.messages) == 2, [m["Subject"] for m in smtp.messages]

    # two weeks without a sweep, and a busy machine: each sweep plans one remiss only
    app.config["OUTBOX_PLAN_BUDGET_SECONDS"] = 0
    sweep(session, runner, "2027-02-12T07:30")
    first = [m["Subject"] for m in smtp.messages[before:]]
    assert len(first) == 2 and all("Försenad" in s for s in first), first
    sent = _sent_count(session)
    out = sweep(session, runner, "2027-02-12T07:30")  # the same moment again: it plans the other remiss
    again = [m["Subject"] for m in smtp.messages[before + 2:]]
    assert again == [], f"sent twice at the same moment: {again}\n{out}"
    assert _sent_count(session) == sent
    # the overdue mail three working days later goes out as usual
    sweep(session, runner, "2027-02-17T07:30")
    assert len(smtp.messages) == before + 4, [m["Subject"] for m in smtp.messages[before:]]
