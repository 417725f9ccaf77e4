"""Real processes killed (kill -9) or stopped (SIGTERM) at the moment the sweep gives up on a missiv, against an SMTP
relay in a process of its own that answers that missiv 550: the instans never got the remiss, so no reminder may ever
be e-mailed to it, the missiv must be said to have failed, and nothing may go out twice (h-out23 M4).

Where a sweep commits, and what a kill -9 between two commits leaves behind (delivery.py, claim.py, marks.py):

1. Planning (`schedule.schedule_due`, one transaction): plans extended or not; either is redone by the next sweep.
2. Claiming a batch (`claim.take_due`, one transaction): rows `sending` under the claim token, or still `pending`.
   Killed after: the rows stay `sending` under a dead holder; the next sweep on this host takes them back at once
   (`claim.release_gone`), elsewhere after the lease (`claim.release_stale`).
3. Lease renewals (`lease.py`, one statement each): only the lease moves.
4. Per mail, after the relay's answer, one outcome, each a transaction of its own (`marks.py`): `sent` (killed
   before it: the mail was accepted but not recorded, and is sent once more with the same Message-ID), a failure to
   try again after a backoff, or the give-up (`failed`). The give-up of a row whose kind has a reaction
   (`claim.AFTER_FAILED`: the missiv's stops the chasers of its instans) is written in the same transaction as that
   reaction (`Marks.failure`), so a kill leaves both or neither: neither is the row still `sending`, taken back and
   tried again by the next sweep (the relay refuses it again, and this time the give-up and the reaction commit).
   Before, the reaction ran after the sweep in a transaction of its own, and a kill between the two left the
   missiv `failed` with the chasers of its instans planned: `remiss reminders run` (from cron) sent them when their
   moment came, and only a restarted `remiss scheduler` (whose hourly planning runs at start) stopped them.
   A refusal is decided (failure or outage, sending.py) at the next mail the relay accepts, and written after that
   mail is marked `sent`: the give-up's longer transaction does not widen the window of an accepted, unrecorded mail.
   A SIGTERM finishes the outcome in hand (the give-up with its reaction) before the sweep stops.
5. Handing unsent rows back (stop, outage; one transaction): killed before it, as in 2; after it, they wait in the
   queue with their attempts untouched.
6. The relay's state (`relay.record_sweep`, one transaction): what the pages say about an outage, redone next sweep.

A chaser whose moment has come while its instans's missiv is still being tried (a relay outage across the moment, or
the retries of a refused missiv) is not claimed until the missiv is recorded as e-mailed (claim.AFTER_MAIL, h-hold24):
it is never in the missiv's batch, so it is still planned when the give-up's reaction stops it
(test_chaser_waits.py).
"""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import update
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing import held
from remiss.outgoing.service import sending
from remiss.outgoing.service.chasers import MISSIV_FAILED
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from tests.reminders.relay_process import RelayProcess
from tests.reminders.test_crashes import statuses
from tests.reminders.test_takeover import ROOT, Procs, procs  # noqa: F401 (procs: the fixture)
from tests.support.factories import make_namnd, make_remiss

REFUSAL = "5.7.1 Meddelandet avvisas av mottagarens server"  # relay_process's answer to a Message-ID it refuses
SENT_AT = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm
DEADLINE = date(2027, 1, 29)  # chasers 5 working days before it (22 January) and 2 after (2 February), at 08.00
FIRST_CHASE = datetime(2027, 1, 22, 8, 30, tzinfo=STOCKHOLM)  # half an hour after the first chasers' moment
REFUSED, TAKEN = "trafik@example.se", ("miljo@example.se", "kultur@example.se")


@pytest.fixture
def relay(tmp_path):
    relay = RelayProcess(tmp_path)
    yield relay
    relay.stop()


def at(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")


def sent_remiss(session, app) -> tuple[int, dict[str, dict[str, str]]]:
    """An utgående remiss sent at SENT_AT to two instanser by e-mail: its id, and recipient → {row key: Message-ID}
    of the rows the sending put in the Utkorg (the missiv, and the chasers planned for it)."""
    namnd = make_namnd(session, weekly_digest=False, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=DEADLINE, deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", REFUSED, ""),
                                    SandlistaItem("Miljönämnden", TAKEN[0], ""),
                                    SandlistaItem("Kulturnämnden", TAKEN[1], "")])
    session.commit()
    sending.send(session, now=SENT_AT, principal=Principal.system(), remiss=remiss, files_dir=app.config["FILES_DIR"],
                 base_url="http://remiss.test")
    # refused twice before (max_permanent_attempts is 3): the next 550 is the one the sweep gives up at
    session.execute(update(OutboxMessage).where(OutboxMessage.recipient_email == REFUSED,
                                                OutboxMessage.kind == sending.MISSIV_KIND)
                    .values(attempts=2, last_error=f"SMTP 550: {REFUSAL}"))
    session.commit()
    remiss_id, rows = remiss.id, {}
    for row in session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id)):
        rows.setdefault(row.recipient_email, {})[row.key] = row.message_id
    session.rollback()  # end the read: the processes below write (SQLite has one writer)
    return remiss_id, rows


def missiv_key(rows: dict[str, str]) -> str:
    [key] = [key for key in rows if key.startswith("outgoing:missiv:")]
    return key


def missiv_of(rows: dict[str, str]) -> str:
    return rows[missiv_key(rows)]


def chasers_of(rows: dict[str, str]) -> dict[str, str]:
    return {key: mid for key, mid in rows.items() if key.startswith("outgoing:chaser:")}


def outbox(db, email: str) -> dict[str, tuple[str, str]]:
    """row key → (status, last error) of the rows to email."""
    with db.transaction(write=False) as s:
        return {r.key: (r.status, r.last_error) for r in s.exec(select(OutboxMessage)
                                                                 .where(OutboxMessage.recipient_email == email))}


def in_reaction(p: Procs, now: datetime, how: str = "kill") -> subprocess.CompletedProcess:
    """A sweep at now that signals itself (kill: SIGKILL, term: SIGTERM) as the reaction to its give-up begins."""
    return subprocess.run([sys.executable, "-m", "tests.reminders.crash_process", "--in-reaction",
                           sending.MISSIV_KIND, "--signal", how, "--now", now.isoformat()],
                          cwd=ROOT, env=p.env, capture_output=True, text=True, timeout=60)


def run(p: Procs, now: datetime) -> str:
    done = p.run("reminders", "run", "--now", at(now))
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def said_failed(db, remiss_id: int) -> None:
    """What the pages, exports and the API read say of the missiv to the refusing instans: it could not be e-mailed
    (held.py: the instans's row and the API's missiv_mail, the start page and the diarium, the history)."""
    with db.transaction(write=False) as s:
        assert sorted(held.missiv_status(s, remiss_id).values()) == ["failed", "sent", "sent"]
        assert held.list_words(s, [remiss_id], now=FIRST_CHASE) == {
            remiss_id: "missivet kunde inte e-postas till 1 remissinstans (se utkorgen)"}
        failed = [e.note for e in held.history_of(s, remiss_id) if e.action == "missiv_failed"]
    assert failed == [f"Missivet till Trafiknämnden (trafik@example.se) kunde inte e-postas: SMTP 550: {REFUSAL}. "
                      "Påminnelser planeras inte förrän det har skickats igen från utkorgen."], failed


@pytest.fixture
def world(session, app, relay, procs, tmp_path):  # noqa: F811 (procs: the fixture imported above)
    remiss_id, rows = sent_remiss(session, app)
    relay.start(refuse_ids=(missiv_of(rows[REFUSED]),))  # 550 at the data: the missiv, not a mail after it
    p = procs(relay.url)
    p.env.update(REMISS_FILES_DIR=app.config["FILES_DIR"], REMISS_SMTP_TIMEOUT_SECONDS="5")
    p.env.pop("REMISS_MAIL_DIR")
    return remiss_id, rows, p


def assert_the_end(db, relay, rows) -> None:
    """The refusing instans: its missiv failed, its chasers stopped and never e-mailed; the others: their missiv and
    their first chaser e-mailed once each; nothing e-mailed twice, nothing left claimed."""
    refused = outbox(db, REFUSED)
    assert refused.pop(missiv_key(rows[REFUSED]))[0] == "failed", refused
    assert set(refused) == set(chasers_of(rows[REFUSED])) and \
        set(refused.values()) == {("cancelled", MISSIV_FAILED)}, refused
    received = relay.received()
    assert not set(received) & set(rows[REFUSED].values()), "a mail to the instans whose missiv failed went out"
    expected = {}
    for email in TAKEN:
        first = min(chasers_of(rows[email]))  # keys sort by their moment
        expected.update({missiv_of(rows[email]): 1, rows[email][first]: 1})
    assert received == expected, received
    assert "sending" not in statuses(db), statuses(db)


def test_kill_9_as_the_sweep_gives_up_on_a_missiv_no_reminder_of_its_instans_ever_goes_out(db, relay, world):
    remiss_id, rows, p = world
    assert [len(chasers_of(rows[email])) for email in (REFUSED, *TAKEN)] == [2, 2, 2]  # planned at the sending
    killed = in_reaction(p, SENT_AT + timedelta(minutes=3))
    assert killed.returncode == -signal.SIGKILL, f"the sweep did not die at the reaction: {killed.stderr[-2000:]}"
    left = outbox(db, REFUSED), outbox(db, TAKEN[0])  # what the kill left, judged below, after what it leads to

    # restarted at once (`remiss reminders run`, from cron or by hand): no hourly planning runs in between
    run(p, SENT_AT + timedelta(minutes=4))
    # the chasers' moment comes
    said = run(p, FIRST_CHASE)
    assert "misslyckade (ger upp): 0" in said, said
    assert_the_end(db, relay, rows)
    said_failed(db, remiss_id)
    assert "skickade: 0" in run(p, FIRST_CHASE)  # a second run at the same moment sends nothing
    # both or neither: the give-up died with its reaction, the missiv was left claimed (by a process that is gone)
    # and its chasers planned; the mail accepted before the give-up was recorded first
    assert {status for status, _ in left[0].values()} == {"sending", "pending"}, left[0]
    assert left[1][missiv_key(rows[TAKEN[0]])][0] == "sent", left[1]


def test_sigterm_as_the_sweep_gives_up_on_a_missiv_finishes_it_and_hands_the_rest_back(db, relay, world):
    remiss_id, rows, p = world
    started = time.monotonic()
    stopped = in_reaction(p, SENT_AT + timedelta(minutes=3), how="term")
    assert stopped.returncode == 0, f"the sweep did not stop cleanly: {stopped.returncode} {stopped.stderr[-2000:]}"
    assert time.monotonic() - started < 30
    # the mail in hand finished: the give-up and its reaction recorded together …
    refused = outbox(db, REFUSED)
    assert {status for status, _ in refused.values()} == {"failed", "cancelled"}, refused
    # … the mail accepted before it recorded, and the mail after it handed back unsent, not left claimed: the sweep
    # stopped between two mails
    assert relay.received() == {missiv_of(rows[TAKEN[0]]): 1}, relay.received()
    assert outbox(db, TAKEN[0])[missiv_key(rows[TAKEN[0]])][0] == "sent"
    assert outbox(db, TAKEN[1])[missiv_key(rows[TAKEN[1]])] == ("pending", "")
    assert "sending" not in statuses(db), statuses(db)

    run(p, SENT_AT + timedelta(minutes=4))
    run(p, FIRST_CHASE)
    assert_the_end(db, relay, rows)
    said_failed(db, remiss_id)


def test_a_fault_in_the_reaction_does_not_keep_the_missiv_from_failing_and_is_reported(app, session, db, smtp, runner,
                                                                                       monkeypatch):
    """The reaction runs to a savepoint: a fault of its own (not the database's) undoes what it wrote, the give-up is
    written alone (else the missiv would be claimed and refused for ever), the run says so and exits 1, and the hourly
    planning then stops the chasers."""
    from remiss.outgoing.service import chasers
    from remiss.reminders import claim

    remiss_id, rows = sent_remiss(session, app)
    smtp.handler.refuse = {REFUSED}  # 550 at RCPT: this one address, the others are taken

    def broken(session, *, now, ids):
        chasers.replan_remisser(session, now=now, ids=ids)  # written, then undone to the savepoint
        raise RuntimeError("trasig reaktion")

    monkeypatch.setitem(claim.AFTER_FAILED, sending.MISSIV_KIND, broken)
    done = runner.invoke(args=["reminders", "run", "--now", at(SENT_AT + timedelta(minutes=3))])
    assert done.exit_code == 1, done.output
    assert "misslyckade (ger upp): 1" in done.output and "RuntimeError: trasig reaktion" in done.output, done.output
    refused = outbox(db, REFUSED)
    assert refused.pop(missiv_key(rows[REFUSED]))[0] == "failed"
    assert set(refused.values()) == {("pending", "")}, refused  # the reaction's cancelling was undone
    monkeypatch.undo()
    assert runner.invoke(args=["outgoing", "chasers", "--now", at(SENT_AT + timedelta(hours=1))]).exit_code == 0
    assert {status for status, _ in outbox(db, REFUSED).values()} == {"failed", "cancelled"}
    assert sorted(outbox(db, REFUSED).values())[0] == ("cancelled", MISSIV_FAILED)
