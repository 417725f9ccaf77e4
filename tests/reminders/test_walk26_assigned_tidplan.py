"""walk26 W8: the "Du har tilldelats" mail said "börja arbeta med tjänsteskrivelsen enligt tidplanen" when the
tjänsteskrivelse was already late and the sista svarsdag days away. It says when the tjänsteskrivelse is due, or how
many arbetsdagar late it already is, and the sista svarsdag when it is close (real SMTP, tests/support/local_smtp)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.calendar.milestones import LABELS
from remiss.planning.models import Milestone
from remiss.reminders import notices
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def _assigned_body(session, runner, smtp, *, deadline: date, tjansteskrivelse: date, at: str,
                   received: date = date(2026, 11, 23), granskning: date | None = None, done: bool = False) -> str:
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    jesper = fast_user(session, role="handlaggare", namnder=[namnd], email="jesper@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=jesper.id, deadline_on=deadline,
                         received_on=date(2026, 11, 23), deadline_time=None, title="Lokala föreskrifter om avfallshantering")
    remiss.received_on = received  # came in later than the factory's clock allows
    set_milestones(session, remiss, [("tjansteskrivelse", tjansteskrivelse, "handlaggare")]
                   + ([("granskning", granskning, "granskare")] if granskning else [])
                   + [("sista_svarsdag", deadline, "registrator")])
    for row in session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id)):
        row.label = LABELS[row.kind]
        if done and row.kind == "tjansteskrivelse":
            row.done_at = datetime(2026, 12, 4, 9, tzinfo=timezone.utc)
        session.add(row)
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


def test_a_tjansteskrivelse_due_before_the_remiss_came_is_not_the_handlaggares_lateness(session, app, runner, smtp):
    # walk26b X21: came in today, planned on a meeting whose tjänsteskrivelse day was before the arrival
    body = _assigned_body(session, runner, smtp, deadline=date(2027, 1, 20), tjansteskrivelse=date(2026, 11, 16),
                          received=date(2026, 12, 7), at="2026-12-07T08:15")
    # Old code: "Den skulle ha varit klar måndag 16 november 2026 och är redan 15 arbetsdagar försenad."
    assert "försenad" not in body, body
    assert ("Läs remisshandlingarna och skriv tjänsteskrivelsen. Enligt sammanträdesplanen skulle den ha varit klar "
            "måndag 16 november 2026, före remissens ankomst måndag 7 december 2026: tiden var för kort, så "
            "tidplanen gick inte att hålla från början. Sista svarsdag är onsdag 20 januari 2027.") in body, body


def test_a_done_tjansteskrivelse_gives_the_next_step_not_begin_it(session, app, runner, smtp):
    # walk26b X11: reassigned while the yttrande waits for granskning
    body = _assigned_body(session, runner, smtp, deadline=date(2027, 3, 8), tjansteskrivelse=date(2026, 12, 4),
                          granskning=date(2026, 12, 9), done=True, at="2026-12-07T08:15")
    # Old code: "Läs remisshandlingarna och börja arbeta med tjänsteskrivelsen enligt tidplanen."
    assert "enligt tidplanen" not in body and "skriv tjänsteskrivelsen" not in body, body
    assert ("Läs remisshandlingarna. Tjänsteskrivelsen är klar och väntar på granskning: gör de ändringar granskaren "
            "ber om. Nästa steg i tidplanen: Granskning klar, onsdag 9 december 2026 (om 2 arbetsdagar).") in body, body
