"""walk26 W8: the "Du har tilldelats" mail said "börja arbeta med tjänsteskrivelsen enligt tidplanen" when the
tjänsteskrivelse was already late and the sista svarsdag days away. It says when the tjänsteskrivelse is due, or how
many arbetsdagar late it already is, and the sista svarsdag when it is close (real SMTP, tests/support/local_smtp)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.reminders import notices
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def _assigned_body(session, runner, smtp, *, deadline: date, tjansteskrivelse: date, at: str) -> str:
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    jesper = fast_user(session, role="handlaggare", namnder=[namnd], email="jesper@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=jesper.id, deadline_on=deadline,
                         received_on=date(2026, 11, 23), deadline_time=None, title="Lokala föreskrifter om avfallshantering")
    set_milestones(session, remiss, [("tjansteskrivelse", tjansteskrivelse, "handlaggare"),
                                     ("sista_svarsdag", deadline, "registrator")])
    notices.assigned(session, now=datetime.fromisoformat(at).replace(tzinfo=timezone.utc), remiss=remiss,
                     actor_id=None)
    session.commit()
    sweep(session, runner, at)
    [body] = [" ".join(m.get_body(("plain",)).get_content().split())
              for m in smtp.messages if m["To"] == "jesper@example.se" and "tilldelats" in m["Subject"]]
    return body


def test_a_late_tjansteskrivelse_and_a_close_svarsdag_are_said(session, app, runner, smtp):
    body = _assigned_body(session, runner, smtp, deadline=date(2026, 12, 11), tjansteskrivelse=date(2026, 11, 26),
                          at="2026-12-07T08:15")
    assert "enligt tidplanen" not in body, body
    assert ("Läs remisshandlingarna och skriv tjänsteskrivelsen. Den skulle ha varit klar torsdag 26 november 2026 "
            "och är redan 7 arbetsdagar försenad.") in body, body
    assert "Sista svarsdag är fredag 11 december 2026, om 4 arbetsdagar – det är kort tid." in body, body


def test_a_tjansteskrivelse_due_later_gives_its_day_and_a_far_svarsdag_is_not_pressed(session, app, runner, smtp):
    body = _assigned_body(session, runner, smtp, deadline=date(2027, 3, 8), tjansteskrivelse=date(2026, 12, 17),
                          at="2026-12-07T08:15")
    assert ("Läs remisshandlingarna och skriv tjänsteskrivelsen. Den ska vara klar torsdag 17 december 2026, "
            "om 8 arbetsdagar.") in body, body
    assert "Sista svarsdag är" not in body and "enligt tidplanen" not in body, body


def test_one_day_late_is_said_in_the_singular(session, app, runner, smtp):
    body = _assigned_body(session, runner, smtp, deadline=date(2026, 12, 31), tjansteskrivelse=date(2026, 12, 4),
                          at="2026-12-07T08:15")
    assert "Den skulle ha varit klar fredag 4 december 2026 och är redan 1 arbetsdag försenad." in body, body
