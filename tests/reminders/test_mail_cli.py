"""`remiss reminders run --now`, the .eml files it writes, `reminders list` and `remiss scheduler`."""
from __future__ import annotations

import email
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

from sqlmodel import select

from remiss.clock import local
from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import set_milestones


def eml_files(app) -> list[Path]:
    return sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))


def read(path: Path):
    return email.message_from_bytes(path.read_bytes(), policy=default_policy)


def test_run_writes_swedish_eml_with_ics(app, runner, world):
    result = runner.invoke(args=["reminders", "run", "--now", "2026-11-30T07:30"])
    assert result.exit_code == 0, result.output
    assert "skickade: 1, hoppade över: 0, misslyckade (ger upp): 0, försök som misslyckades (görs om): 0" in result.output
    [path] = eml_files(app)
    mail = read(path)
    assert mail["To"] == "hanna@example.se" and mail["Message-ID"].endswith("@remiss.local>")
    assert mail["Subject"] == (f"[{world.remiss.our_dnr}] Tjänsteskrivelse klar om 5 arbetsdagar – "
                               "Översyn av lokala ordningsföreskrifter")
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for needle in ("Tjänsteskrivelsen ska vara klar måndag 7 december 2026, om 5 arbetsdagar.", "Remittentens diarienummer: KS-2026-00001",
                   f"Vårt diarienummer: {world.remiss.our_dnr}", "Sista svarsdag: 18 december 2026 kl. 12.00",
                   "Vad som förväntas av dig: Skriv klart tjänsteskrivelsen",
                   f"http://remiss.test/remisser/{world.remiss.id}"):
        assert needle in text
    assert "Översyn av lokala ordningsföreskrifter" in html and "<table" in html
    [ics] = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    body = ics.get_content()
    body = body.decode() if isinstance(body, bytes) else body
    assert "DTSTART;TZID=Europe/Stockholm:20261218T120000" in body and "Sista svarsdag" in body


def test_message_ids_are_at_the_domain_of_the_sender(app, runner, world):
    """Spam filters score a Message-ID whose domain is not the sender's: the row's id gets REMISS_MAIL_FROM's."""
    app.config["MAIL_FROM"] = "Kulturnämnden i Nässjö <remiss@Nassjo.se>"
    result = runner.invoke(args=["reminders", "run", "--now", "2026-11-30T07:30"])
    assert result.exit_code == 0, result.output
    [path] = eml_files(app)
    mail = read(path)
    assert mail["Message-ID"].endswith("@nassjo.se>") and mail["From"].addresses[0].domain == "Nassjo.se"
    with app.app_context():
        from remiss.db import get_db

        with get_db().transaction(write=False) as session:
            [row] = session.exec(select(OutboxMessage).where(OutboxMessage.status == "sent")).all()
    assert row.message_id == mail["Message-ID"]  # fixed on the row: a resend carries the same id

    again = runner.invoke(args=["reminders", "run", "--now", "2026-11-30T08:00"])
    assert "skickade: 0," in again.output and len(eml_files(app)) == 1  # never twice for the same moment


def test_nothing_is_sent_on_non_working_days(app, runner, world, session):
    # Due Monday 28 December: "2 working days before" is Tuesday 22 December (24–27 are days off).
    set_milestones(session, world.remiss, [("tjansteskrivelse", date(2026, 12, 28), "handlaggare")])
    world.namnd.remind_workdays_before = "2"
    session.add(world.namnd)
    session.commit()
    assert "skickade: 1," in runner.invoke(args=["reminders", "run", "--now", "2026-12-22T07:01"]).output
    for day in (23, 24, 25, 26, 27):
        for hour in ("07:00", "12:00", "23:00"):
            out = runner.invoke(args=["reminders", "run", "--now", f"2026-12-{day}T{hour}"]).output
            assert "skickade: 0," in out, (day, hour, out)
    assert "skickade: 1," in runner.invoke(args=["reminders", "run", "--now", "2026-12-28T07:01"]).output
    days = sorted(local(r.due_at).date() for r in session.exec(select(OutboxMessage)
                                                                .where(OutboxMessage.status == "sent")))
    assert days == [date(2026, 12, 22), date(2026, 12, 28)]


def test_muted_kinds_are_respected_but_escalations_are_not_mutable(app, runner, world, session):
    world.handlaggare.muted_kinds = "before,on_day,overdue"
    world.granskare.muted_kinds = "escalation"  # not mutable: ignored
    session.add_all([world.handlaggare, world.granskare])
    session.commit()
    out = runner.invoke(args=["reminders", "run", "--now", "2026-12-09T07:30"]).output
    mails = [read(p) for p in eml_files(app)]
    assert sorted(m["To"] for m in mails) == ["gustav@example.se", "rut@example.se"], out
    assert all(m["Subject"].startswith(f"[{world.remiss.our_dnr}] Eskalering") for m in mails)


def test_list_and_scheduler_commands(app, runner, world):
    runner.invoke(args=["reminders", "run", "--now", "2026-11-30T07:30"])
    listing = runner.invoke(args=["reminders", "list"]).output
    assert "skickad " in listing and "väntar " in listing and "hanna@example.se" in listing
    assert "hanna@example.se" not in runner.invoke(args=["reminders", "list", "--status", "failed"]).output
    jobs = runner.invoke(args=["scheduler", "--list"])
    assert jobs.exit_code == 0 and "reminders-sweep" in jobs.output and "60" in jobs.output
    assert "outgoing-hourly" in jobs.output  # "svarstiden ute" is kept current without a cron job
    once = runner.invoke(args=["scheduler", "--once"])  # the wall clock: long after every test moment
    assert once.exit_code == 0 and "skickade: " in once.output


def test_bad_now_is_a_clear_error(runner, world):
    result = runner.invoke(args=["reminders", "run", "--now", "i morgon"])
    assert result.exit_code != 0 and "ÅÅÅÅ-MM-DD" in result.output
    for bad in ("i morgon", "0001-01-01"):
        result = runner.invoke(args=["outgoing", "chasers", "--now", bad])
        assert result.exit_code == 2 and "ÅÅÅÅ-MM-DD" in result.output and result.exception is not None
        assert isinstance(result.exception, SystemExit), result.exception  # a usage error, not a traceback


def test_smtp_url_forms():
    from remiss.reminders.transport import SmtpTransport

    t = SmtpTransport.from_url("smtp+starttls://anna%40kommun.se:hemligt@mail.kommun.se")
    assert (t.host, t.port, t.security, t.user, t.password) == ("mail.kommun.se", 587, "starttls",
                                                                "anna@kommun.se", "hemligt")
    assert SmtpTransport.from_url("smtps://mail.kommun.se").port == 465
    assert SmtpTransport.from_url("smtp://127.0.0.1:2525").security == "none"


def test_other_capabilities_compose_their_own_kinds(app, runner, world, session):
    from remiss.reminders import mail, outbox
    from tests.support.factories import T0

    def compose(session, row, *, config, now):
        message = email.message.EmailMessage()
        message["Subject"], message["To"], message["Message-ID"] = "Eget", row.recipient_email, row.message_id
        message.set_content("eget innehåll")
        return message

    mail.COMPOSERS.setdefault("test_kind", compose)
    try:
        outbox.enqueue(session, now=T0, key="test:1", recipient_email="x@example.se", kind="test_kind", due_at=T0,
                       subject="", payload={}, remiss_id=world.remiss.id)
        outbox.enqueue(session, now=T0, key="test:2", recipient_email="y@example.se", kind="unknown_kind", due_at=T0,
                       subject="", payload={"subject": "Okänt", "text": "Stycke ett\n\nStycke två"})
        session.commit()
        assert "skickade: 2," in runner.invoke(args=["reminders", "run", "--now", "2026-11-23T11:00"]).output
    finally:
        mail.COMPOSERS.pop("test_kind", None)
    subjects = sorted(read(p)["Subject"] for p in eml_files(app))
    assert subjects == ["Eget", "Okänt"]


def test_a_mail_that_cannot_be_built_is_retried_then_failed_and_the_others_go_out(app, runner, world, session):
    from sqlmodel import select

    from remiss.reminders import mail, outbox
    from remiss.reminders.models import OutboxMessage
    from tests.support.factories import T0

    def broken(session, row, *, config, now):
        raise KeyError("mall saknas")

    mail.COMPOSERS.setdefault("broken_kind", broken)
    try:
        outbox.enqueue(session, now=T0, key="broken:1", recipient_email="x@example.se", kind="broken_kind",
                       due_at=T0, subject="", payload={})
        outbox.enqueue(session, now=T0, key="fine:1", recipient_email="y@example.se", kind="unknown_kind",
                       due_at=T0, subject="", payload={"subject": "Hel", "text": "Stycke"})
        session.commit()
        first = runner.invoke(args=["reminders", "run", "--now", "2026-11-23T11:00"]).output
        # a failed attempt to be made again is not a failed row (the outbox page shows Misslyckad 0)
        assert "skickade: 1" in first and "misslyckade (ger upp): 0, försök som misslyckades (görs om): 1" in first
        later = [runner.invoke(args=["reminders", "run", "--now", f"2026-11-23T{hour}:00"]).output
                 for hour in ("12", "14", "18", "23")]  # the retry backoff has passed each time
        # the row counted once as failed, by the sweep that gave up on it (the page's Misslyckad 1)
        assert sum("misslyckade (ger upp): 1," in out for out in later) == 1, later
    finally:
        mail.COMPOSERS.pop("broken_kind", None)
    session.expire_all()
    row = session.exec(select(OutboxMessage).where(OutboxMessage.key == "broken:1")).one()
    assert row.status == "failed" and "Meddelandet kunde inte byggas: KeyError" in row.last_error
    assert [read(p)["Subject"] for p in eml_files(app)] == ["Hel"]


def test_a_title_with_markup_is_escaped_in_html_and_kept_in_text(app, runner, world, session):
    """The facts are rendered once per remiss and put into every mail about it: still escaped."""
    world.remiss.title = 'Avgifter <script>alert("x")</script> & taxor'
    session.add(world.remiss)
    session.commit()
    result = runner.invoke(args=["reminders", "run", "--now", "2026-11-30T07:30"])
    assert result.exit_code == 0, result.output
    [path] = eml_files(app)
    mail = read(path)
    html = mail.get_body(("html",)).get_content()
    text = mail.get_body(("plain",)).get_content()
    assert "<script>" not in html
    assert "<td>Avgifter &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; taxor</td>" in html
    assert 'Ärende: Avgifter <script>alert("x")</script> & taxor' in text


def test_a_reminder_composed_late_says_what_is_true_when_it_is_sent():
    from datetime import date
    from types import SimpleNamespace

    from remiss.reminders import policy
    from remiss.reminders.mail import reminder_text

    remiss = SimpleNamespace(our_dnr="SOFÖ 2026/0002", title="Handlingsplan för kulturstrategi")
    payload = {"milestone": "tjansteskrivelse", "workdays": 2, "due_on": "2026-12-07"}
    subject, lines, _ = reminder_text(policy.BEFORE, payload, remiss, "måndag 7 december 2026",
                                      today=date(2026, 12, 3))
    assert subject == "[SOFÖ 2026/0002] Tjänsteskrivelse klar om 2 arbetsdagar – Handlingsplan för kulturstrategi"
    # planned as "2 working days before", sent three weeks late by a catch-up: late now, and by how much
    subject, lines, _ = reminder_text(policy.BEFORE, payload, remiss, "måndag 7 december 2026",
                                      today=date(2026, 12, 28))
    assert subject.startswith("[SOFÖ 2026/0002] Försenad: tjänsteskrivelse klar")
    assert lines == ["Tjänsteskrivelsen skulle ha varit klar måndag 7 december 2026.", "Det är nu 13 arbetsdagar sedan."]
    _, lines, _ = reminder_text(policy.ESCALATION, {**payload, "workdays": 2}, remiss, "måndag 7 december 2026",
                                today=date(2026, 12, 28))
    assert "Det är nu 13 arbetsdagar sedan." in lines


def test_the_scheduler_logs_in_swedish_time_whatever_the_hosts_zone():
    """Operator walk finding 8: the log in the host's zone (UTC), the page and --since in Swedish time. The log
    is stamped in Swedish time with its offset, winter and summer."""
    import logging
    from datetime import datetime, timezone

    from remiss.reminders.scheduler import SwedishTimeFormatter

    formatter = SwedishTimeFormatter("%(asctime)s %(message)s")
    for utc, expected in ((datetime(2026, 12, 3, 20, 44, 57, 123000, tzinfo=timezone.utc), "2026-12-03 21:44:57,123+0100"),
                          (datetime(2026, 6, 3, 20, 44, 57, tzinfo=timezone.utc), "2026-06-03 22:44:57,000+0200")):
        record = logging.LogRecord("remiss.scheduler", logging.INFO, __file__, 1, "skickade: 1", None, None)
        record.created, record.msecs = utc.timestamp(), utc.microsecond // 1000
        assert formatter.format(record) == f"{expected} skickade: 1"


def test_apschedulers_skipped_run_warning_is_not_logged_other_warnings_are(caplog):
    """Operator walk finding 7: every interval of a long sweep logged an English WARNING that a run was skipped."""
    import logging

    from remiss.reminders.scheduler import quiet_apscheduler

    quiet_apscheduler()
    log = logging.getLogger("apscheduler.scheduler")
    with caplog.at_level(logging.INFO):
        log.warning('Execution of job "Påminnelser: svep utkorgen (trigger: interval[0:01:00])" skipped: maximum '
                    "number of running instances reached (1)")
        log.warning("Run time of job was missed by 0:00:05")
    assert [r.getMessage() for r in caplog.records] == ["Run time of job was missed by 0:00:05"]
