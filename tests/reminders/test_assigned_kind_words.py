"""walk20 H1: the mail to the handläggare of a medborgarförslag said "Läs remisshandlingarna"; it came with
handlingar, not remisshandlingar (remisser.kind_words.Noun.papers). A remiss's mail reads as before."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from remiss.reminders import notices
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


@pytest.mark.parametrize("kind, papers", (("medborgarforslag", "handlingarna"), ("remiss", "remisshandlingarna")))
def test_the_assignment_mail_names_what_came_with_the_arende(session, app, runner, smtp, kind, papers):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 8),
                         title="Fler parkbänkar", kind=kind)
    notices.assigned(session, now=datetime(2026, 12, 8, 10, 15, tzinfo=timezone.utc), remiss=remiss, actor_id=None)
    session.commit()
    sweep(session, runner, "2026-12-08T11:15")
    [body] = [" ".join(m.get_body(("plain",)).get_content().split())
              for m in smtp.messages if m["To"] == "hanna@example.se" and "tilldelats" in m["Subject"]]
    # the day comes from the tidplan (walk26 W8), no longer "börja arbeta … enligt tidplanen"
    assert f"Läs {papers} och skriv tjänsteskrivelsen. Den ska vara klar " in body, body
