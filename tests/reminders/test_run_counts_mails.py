"""walk12 finding 3/11, left over: `remiss reminders run` said "skickade: 2" for the one mail that joined the
expediering's and the sista svarsdag's rows (together.py): it counted outbox rows. Now it counts mails, and names
the rows when they differ."""
from __future__ import annotations

from tests.reminders.test_one_mail import _deadline_world, _to


def test_one_joined_mail_is_counted_as_one_mail_of_two_rows(session, app, runner, smtp):
    """Old code: "skickade: 2, …" for one mail."""
    _deadline_world(session)
    session.rollback()
    out = runner.invoke(args=["reminders", "run", "--now", "2027-01-08T07:30"]).output
    assert len(_to(smtp, "rut@example.se")) == 1 and len(smtp.messages) == 2  # and the "Du har tilldelats"
    assert "skickade: 2 e-postmeddelanden (3 rader i utkorgen), hoppade över:" in out, out


def test_one_row_a_mail_reads_as_before(session, app, runner, smtp):
    _deadline_world(session)
    session.rollback()
    out = runner.invoke(args=["reminders", "run", "--now", "2026-12-09T07:30"]).output
    assert "skickade: 1, hoppade över" in out, out  # the handläggare's "Du har tilldelats" notice alone
