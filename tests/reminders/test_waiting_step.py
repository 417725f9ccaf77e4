"""Walk6: a granskare is never told she is late on a review she never received. A heads-up about the granskning
(before it, on its day) that the sweep sends after its day while the tjänsteskrivelse is still open is stopped,
not rewritten as "Försenad: granskning klar … 32 arbetsdagar sedan" (docs/capabilities/reminders.md)."""
from __future__ import annotations

import email
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def _world(session):
    namnd = make_namnd(session)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="granskare", namnder=[namnd], email="greta@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="registrator@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 2, 26))
    set_milestones(session, remiss, [("tjansteskrivelse", date(2026, 12, 21), "handlaggare"),
                                     ("granskning", date(2026, 12, 28), "granskare"),
                                     ("sista_svarsdag", date(2027, 2, 26), "registrator")])
    session.commit()
    return remiss


def _mails(app, to: str) -> list[str]:
    found = []
    for path in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        if mail["To"] == to:
            found.append(f"{mail['Subject']}\n{mail.get_body(('plain',)).get_content()}")
    return found


def test_a_late_heads_up_about_a_review_that_never_came_is_stopped(session, app, runner):
    remiss = _world(session)
    sweep(session, runner, "2027-02-15T07:30")  # the scheduler was down since before the granskning's day
    about_review = [m for m in _mails(app, "greta@example.se") if "ranskning" in m]
    assert about_review == [], about_review
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                    OutboxMessage.recipient_email == "greta@example.se",
                                                    OutboxMessage.kind == "on_day")).all()
    assert [(r.status, r.last_error) for r in rows] == [
        ("cancelled", "Steget väntar på tjänsteskrivelsen: ingen påminnelse om försening förrän det har kommit.")]
    # the handläggare is told her tjänsteskrivelse is late: the lateness is hers
    assert [m for m in _mails(app, "hanna@example.se") if m.startswith(f"[{remiss.our_dnr}] Försenad: "
                                                                          "tjänsteskrivelse klar")]


def test_the_heads_up_on_the_granskning_day_still_goes_out(session, app, runner):
    _world(session)
    sweep(session, runner, "2026-12-28T07:30")  # on the granskning's day: "i dag" is true
    assert [m for m in _mails(app, "greta@example.se") if "granskning klar i dag" in m.lower()]


def test_a_reminder_of_the_sista_svarsdag_gives_its_clock_time(session, app, runner):
    """Walk6: "tillhanda fredag 26 februari 2027" left out the "kl. 12.00" the deadline has."""
    remiss = _world(session)
    assert remiss.effective_deadline_time is not None
    sweep(session, runner, "2027-02-26T07:30")
    bodies = [m for m in _mails(app, "registrator@example.se") if "sista svarsdag i dag" in m.lower()]
    assert len(bodies) == 1, _mails(app, "registrator@example.se")
    body = bodies[0]
    assert f"fredag 26 februari 2027 kl. {remiss.effective_deadline_time:%H.%M}" in body, body
