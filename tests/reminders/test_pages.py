"""Pages: Mina påminnelser, the admin outbox and the nämnd's reminder policy."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.models import User
from remiss.namnd.models import Namnd
from remiss.reminders.models import OutboxMessage
from remiss.reminders.schedule import sync_remiss
from tests.reminders.conftest import fast_user


def test_my_reminders_lists_upcoming_and_mutes_all_but_escalations(app, client, auth, world, session, clock):
    clock.set(clock.now + timedelta(hours=1))
    sync_remiss(session, now=clock.now, remiss=world.remiss)
    session.commit()
    auth.login("hanna@example.se")
    page = client.get("/paminnelser").get_data(as_text=True)
    assert "Mina påminnelser" in page and "Översyn av lokala ordningsföreskrifter" in page
    assert "30 november 2026 kl. 07.00" in page and 'href="/paminnelser"' in page
    # each upcoming reminder names its milestone, so two of one remiss are told apart
    rows = [r for r in page.split("<tr>") if "Påminnelse" in r and "<td" in r]
    assert rows and all(": " in r.split("</td>")[1] for r in rows), rows
    assert any("Påminnelse före en milstolpe: Tjänsteskrivelse klar" in r for r in rows), rows
    response = auth.post("/paminnelser", {"kind": ["assigned", "escalation", "digest"]})
    assert response.status_code == 302
    user = session.get(User, world.handlaggare.id)
    session.refresh(user)
    # outgoing_deadline: the notice that an outgoing remiss's svarstid ran out (issue 20); returned: walk6;
    # moved_earlier: dates moved earlier by a change in the sammanträdesplan (walk11 finding 11); no_meeting: no
    # sammanträde left before the sista svarsdag (walk26 W2)
    assert set(user.muted_kinds.split(",")) == {"before", "on_day", "overdue", "extension", "review", "returned", "answered",
                                                "outgoing_deadline", "moved_earlier", "no_meeting"}
    pending = session.exec(select(OutboxMessage).where(OutboxMessage.recipient_user_id == user.id,
                                                       OutboxMessage.status == "pending")).all()
    session.rollback()
    assert pending == []
    page = client.get("/paminnelser").get_data(as_text=True)
    assert 'value="escalation" checked disabled' in page and 'value="before" checked' not in page
    assert 'value="digest" checked' in page


def test_admin_pages_are_for_admins_only(client, auth, world):
    auth.login("hanna@example.se")
    assert client.get("/admin/utkorg").status_code == 403
    assert client.get(f"/admin/namnder/{world.namnd.id}/paminnelser").status_code == 403


def test_namnd_policy_form_validates_and_saves(client, auth, world, session):
    fast_user(session, role="admin", email="admin@example.se")
    session.commit()
    auth.login("admin@example.se")
    url = f"/admin/namnder/{world.namnd.id}/paminnelser"
    assert "Påminnelser" in client.get("/admin/namnder").get_data(as_text=True)
    bad = auth.post(url, {"remind_workdays_before": "tio, 5", "overdue_every_workdays": "3",
                          "escalate_after_workdays": "-1"})
    body = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "heltal 1–60" in body and "Ange ett helt antal arbetsdagar, 0–60." in body and "tio, 5" in body
    bad = auth.post(url, {"remind_workdays_before": "5", "overdue_every_workdays": "2",
                          "escalate_after_workdays": "4", "chase_workdays_before": "fem"})
    assert bad.status_code == 400 and "fem" in bad.get_data(as_text=True)
    ok = auth.post(url, {"remind_workdays_before": "5, 1", "overdue_every_workdays": "2",
                         "escalate_after_workdays": "4", "weekly_digest": "y",
                         "chase_workdays_before": "7, 3", "chase_workdays_after": "2"})
    assert ok.status_code == 302
    namnd = session.get(Namnd, world.namnd.id)
    session.refresh(namnd)
    assert (namnd.remind_workdays_before, namnd.overdue_every_workdays, namnd.escalate_after_workdays,
            namnd.weekly_digest, namnd.chase_workdays_before, namnd.chase_workdays_after) == (
        "5,1", 2, 4, True, "7,3", "2")


def test_outbox_filters(client, auth, world, session, runner):
    fast_user(session, role="admin", email="admin@example.se")
    session.commit()
    runner.invoke(args=["reminders", "run", "--now", "2026-11-30T07:30"])
    auth.login("admin@example.se")
    sent = client.get("/admin/utkorg?status=sent").get_data(as_text=True)
    assert "hanna@example.se" in sent and "Skickad" in sent and "Skicka igen" not in sent
    assert "hanna@example.se" not in client.get("/admin/utkorg?status=failed").get_data(as_text=True)
    filtered = client.get("/admin/utkorg?kind=escalation").get_data(as_text=True)
    assert "gustav@example.se" in filtered
    # walk23 W7c: the filter and the column said "Sort", which reads as English
    assert '<label for="f-kind">Typ av meddelande</label>' in filtered and ">Sort<" not in filtered
    assert "som matchar typ av meddelande och mottagare" in filtered


def _failed_rows(session, count: int, *, kind: str, start):
    """count failed rows of one kind, last tried a minute apart from start."""
    from remiss.reminders import outbox

    for n in range(count):
        outbox.enqueue(session, now=start, key=f"failed:{kind}:{n}", recipient_email=f"{kind}{n}@example.se",
                       kind=kind, due_at=start, subject=f"{kind} {n}", payload={})
    session.flush()
    for n, row in enumerate(session.exec(select(OutboxMessage).where(OutboxMessage.key.like(f"failed:{kind}:%"))
                                          .order_by(OutboxMessage.id))):
        row.status, row.attempts, row.last_error = "failed", 3, "SMTP 554: Relaying denied"
        row.claimed_at = start + timedelta(minutes=n)
        session.add(row)
    session.commit()


def test_outbox_counts_every_row_and_resends_all_failed_that_match_the_filter(client, auth, world, session):
    from tests.support.factories import T0

    fast_user(session, role="admin", email="admin@example.se")
    _failed_rows(session, 230, kind="assigned", start=T0)
    _failed_rows(session, 5, kind="review", start=T0)
    auth.login("admin@example.se")
    page = client.get("/admin/utkorg").get_data(as_text=True)
    assert "<dt>Misslyckad</dt><dd><a href=\"/admin/utkorg?status=failed\">235</a></dd>" in page
    assert "Skicka alla igen (235 misslyckade)" in page
    page = client.get("/admin/utkorg?status=failed").get_data(as_text=True)
    assert "Visar de 200 senaste av 235 meddelanden som matchar filtret." in page
    # När is the moment each mail is for; a failed row also says when it was last tried (what --since filters on)
    assert "senaste försöket" in page and page.count("senaste försöket") == 200
    page = client.get("/admin/utkorg?kind=review").get_data(as_text=True)
    assert "Skicka alla igen (5 misslyckade som matchar filtret)" in page

    response = auth.post("/admin/utkorg/skicka-alla-igen", {"kind": "review", "back": "/admin/utkorg?kind=review",
                                                            "confirm_resend_all": "1"},  # the dialog's yes
                         form_url="/admin/utkorg?kind=review")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/utkorg?kind=review"
    counts = dict(session.exec(select(OutboxMessage.kind, OutboxMessage.status)
                               .where(OutboxMessage.key.like("failed:%"))).all())
    session.rollback()
    assert counts == {"review": "pending", "assigned": "failed"}
    assert "5 misslyckade meddelanden skickas igen" in client.get("/admin/utkorg").get_data(as_text=True)
    # the audit note names the kind as the Utkorg's Typ av meddelande does, never by its code
    note = session.exec(select(AuditEvent.note).where(AuditEvent.action == "resend_all")).one()
    session.rollback()
    assert note == "Skicka alla igen: 5 misslyckade, typ av meddelande: ett utkast skickas till granskning", note


def test_resend_command_with_failed_and_since(runner, world, session):
    from remiss.calendar.swedish import format_date_time
    from remiss.clock import local
    from tests.support.factories import T0

    _failed_rows(session, 10, kind="assigned", start=T0)
    assert runner.invoke(args=["reminders", "resend"]).exit_code != 0  # neither ids nor --failed
    since = local(T0 + timedelta(minutes=6)).strftime("%Y-%m-%dT%H:%M")
    result = runner.invoke(args=["reminders", "resend", "--failed", "--since", since])
    assert result.exit_code == 0 and "4 meddelanden skickas igen vid nästa svep." in result.output
    pending = session.exec(select(OutboxMessage).where(OutboxMessage.status == "pending",
                                                       OutboxMessage.key.like("failed:%"))).all()
    assert sorted(r.claimed_at - T0 for r in pending) == [timedelta(minutes=n) for n in (6, 7, 8, 9)]
    assert all(r.attempts == 0 for r in pending)
    session.rollback()
    result = runner.invoke(args=["reminders", "resend", "--failed"])
    assert "6 meddelanden skickas igen" in result.output
    notes = session.exec(select(AuditEvent.note).where(AuditEvent.action == "resend_all")
                         .order_by(AuditEvent.id)).all()
    session.rollback()
    assert notes[0] == f"Skicka alla igen: 4 misslyckade, sedan {format_date_time(local(T0 + timedelta(minutes=6)))}"
    assert "T" not in notes[0] and notes[1] == "Skicka alla igen: 6 misslyckade"
    listing = runner.invoke(args=["reminders", "list", "--status", "failed"]).output
    assert "misslyckade" not in listing and "Inga rader med den statusen." in listing


def test_stopped_reminders_say_why_and_cannot_be_sent_again(client, auth, world, session, clock):
    """A reminder stopped because the tidplan moved is not resendable (it would tell the old date), and the page
    says why; a failed one still is. The Remiss column carries our diarienummer."""
    from datetime import date

    from remiss.reminders.schedule import MOVED
    from tests.reminders.conftest import set_milestones

    fast_user(session, role="admin", email="admin@example.se")
    sync_remiss(session, now=clock.now, remiss=world.remiss)
    set_milestones(session, world.remiss, [("tjansteskrivelse", date(2026, 12, 14), "handlaggare")])
    sync_remiss(session, now=clock.now, remiss=world.remiss)
    _failed_rows(session, 1, kind="review", start=clock.now)
    stopped = session.exec(select(OutboxMessage).where(OutboxMessage.status == "cancelled")).all()
    assert stopped and all(row.last_error == MOVED for row in stopped)
    session.commit()  # the arranging session holds SQLite's write lock from its first statement; the app needs it
    auth.login("admin@example.se")
    page = client.get("/admin/utkorg?status=cancelled").get_data(as_text=True).replace("\u00ad", "")  # soft hyphens
    assert "Tidplanen har ändrats; påminnelsen gäller inte längre. Skickas inte igen." in page
    assert "Skicka igen" not in page
    label = f"{world.remiss.our_dnr} – Översyn av lokala ordningsföreskrifter"
    assert f'<a href="/remisser/{world.remiss.id}">{label}</a>' in page
    # by hand, too, the row stays stopped and the admin is told why
    response = auth.post(f"/admin/utkorg/{stopped[0].id}/skicka-igen", {"back": "/admin/utkorg?status=cancelled"})
    assert response.status_code == 302
    page = client.get("/admin/utkorg?status=cancelled").get_data(as_text=True)
    assert "Meddelandet stoppades och skickas inte igen: Tidplanen har ändrats" in page
    session.expire_all()
    assert session.get(OutboxMessage, stopped[0].id).status == "cancelled"
    # a failed row is still offered, with the singular right
    page = client.get("/admin/utkorg?status=failed").get_data(as_text=True)
    assert "Skicka igen</button>" in page and "Skicka alla igen (1 misslyckat)" in page
    assert "1 meddelande matchar filtret." in page


def test_a_closed_remiss_stops_its_reminders_for_good(client, auth, world, session, clock, runner):
    from remiss.reminders.resend import resend
    from remiss.reminders.schedule import CLOSED_REASON

    sync_remiss(session, now=clock.now, remiss=world.remiss)
    world.remiss.status = "avstar"
    session.add(world.remiss)
    sync_remiss(session, now=clock.now, remiss=world.remiss)
    session.commit()
    row = session.exec(select(OutboxMessage).where(OutboxMessage.status == "cancelled")).first()
    assert row is not None and row.last_error == CLOSED_REASON
    row_id = row.id
    try:
        resend(session, now=clock.now, row_id=row.id, actor_id=None)
    except ValueError as exc:
        assert "Remissen är avslutad." in str(exc)
    else:
        raise AssertionError("a stopped row was put back in the queue")
    session.rollback()  # and no more reads here: row.id would now begin a transaction holding the write lock
    result = runner.invoke(args=["reminders", "resend", str(row_id)])
    assert "0 meddelanden skickas igen" in result.output and "skickas inte igen" in result.output


def test_rows_left_sending_by_a_gone_process_say_when_they_are_taken_up_again(client, auth, world, session, app):
    """After a crash the page shows "Skickas" for a lease's length: it says until when, and what happens then."""
    from datetime import datetime, timezone

    from sqlalchemy import update

    clock = datetime(2026, 12, 3, 20, 30, tzinfo=timezone.utc)
    app.config["CLOCK"] = lambda: clock
    fast_user(session, role="admin", email="admin@example.se")
    _failed_rows(session, 3, kind="assigned", start=clock)
    session.execute(update(OutboxMessage).where(OutboxMessage.key.like("failed:%"))
                    .values(status="sending", claim_token="dead", lease_until=clock + timedelta(minutes=8)))
    session.commit()
    auth.login("admin@example.se")
    page = client.get("/admin/utkorg").get_data(as_text=True)
    assert ("3 meddelanden står som Skickas: en process har tagit dem till 3 december 2026 kl. 21.38. Går den "
            "processen inte längre (en krasch, en omstart) tas de upp igen då och skickas av nästa svep.") in page
    clock = clock + timedelta(minutes=9)
    page = client.get("/admin/utkorg").get_data(as_text=True)
    assert "3 meddelanden står som Skickas men anspråket har gått ut (3 december 2026 kl. 21.38)" in page
