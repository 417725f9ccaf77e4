"""truth17 F5: reminder mails read the sista svarsdag's clock time and a passed deadline as the remiss page does
(calendar.timeliness.has_passed): a mail composed after the deadline's time is late, not "i dag", and asks to
"begär förlängd remisstid … eller svara så snart som möjligt", never "senast sista svarsdagen"; so does the
assignment mail of a remiss whose deadline has passed."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from remiss.reminders import notices
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss

LATE_STEP = "Begär förlängd remisstid hos remittenten, eller svara så snart som möjligt."


def _remiss(session, **extra):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2026, 12, 8),
                         deadline_time=time(10, 0), title="Trafikstrategi", **extra)
    set_milestones(session, remiss, [("sista_svarsdag", date(2026, 12, 8), "registrator")])
    session.commit()
    return remiss


def _bodies(smtp, to: str) -> list[tuple[str, str]]:
    return [(m["Subject"], " ".join(m.get_body(("plain",)).get_content().split()))
            for m in smtp.messages if m["To"] == to]


def test_a_reminder_composed_after_the_deadline_time_says_it_passed(session, app, runner, smtp):
    _remiss(session)
    sweep(session, runner, "2026-12-08T10:30")  # the 07.00 reminder goes out late, after 10.00
    [(subject, body)] = [m for m in _bodies(smtp, "rut@example.se") if "sista svarsdag" in m[0].lower()]
    assert "i dag" not in subject and "Försenad: sista svarsdag" in subject, subject
    assert "Sista svarsdagen passerade i dag kl. 10.00." in body, body
    assert LATE_STEP in body and "senast sista svarsdagen" not in body
    smtp.messages.clear()
    sweep(session, runner, "2026-12-18T08:05")  # days later: still asks for what can be done now
    bodies = [b for s, b in _bodies(smtp, "rut@example.se") if "sista svarsdag" in s.lower()]
    assert bodies and all(LATE_STEP in b and "senast sista svarsdagen" not in b for b in bodies), bodies


def test_before_the_deadline_time_it_is_still_today(session, app, runner, smtp):
    _remiss(session)
    sweep(session, runner, "2026-12-08T08:05")
    [(subject, body)] = [m for m in _bodies(smtp, "rut@example.se") if "sista svarsdag" in m[0].lower()]
    assert "Sista svarsdag i dag" in subject and "senast sista svarsdagen" in body


def test_the_assignment_mail_of_a_remiss_past_its_deadline_says_so(session, app, runner, smtp):
    remiss = _remiss(session)
    notices.assigned(session, now=datetime(2026, 12, 8, 10, 15, tzinfo=timezone.utc), remiss=remiss, actor_id=None)
    session.commit()
    sweep(session, runner, "2026-12-08T11:15")
    [(subject, body)] = [m for m in _bodies(smtp, "hanna@example.se") if "tilldelats" in m[0]]
    assert f"Läs remisshandlingarna. Sista svarsdagen passerade i dag kl. 10.00. {LATE_STEP}" in body, body
    assert "enligt tidplanen" not in body
