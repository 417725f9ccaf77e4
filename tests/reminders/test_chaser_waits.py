"""A chaser (reminder to a remissinstans) waits in the Utkorg while the missiv to that instans is not yet e-mailed
(h-hold24): a real SMTP server on localhost that answers the missiv 451 twice and then takes it, or 550 for good.

The world: a remiss sent on Friday 4 December 2026 to three instanser, its missivs still in the Utkorg when the
first chasers' moment (22 January, 08.00) has passed: the scheduler was stopped over the holidays, and the first
sweep, at 08.30, finds the missivs and the chasers due together. Before, one claim took both and sent the chaser
to the refused instans before its missiv (or though its missiv was then given up on).
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import update
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing import waits
from remiss.outgoing.service import chasers, sending
from remiss.outgoing.service.amendments import KIND as AMENDMENT
from remiss.reminders.outbox import enqueue
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from tests.reminders.conftest import FAST, REPLIES, Collector, SmtpServer, fast_user
from tests.reminders.relay_process import RelayProcess
from tests.reminders.test_faults import run
from tests.reminders.test_takeover import ROOT, procs  # noqa: F401 (procs: the fixture)
from tests.support.factories import make_namnd, make_remiss

SENT_AT = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)
DEADLINE = date(2027, 1, 29)  # chasers 5 working days before it (22 January) and 2 after (2 February), at 08.00
FIRST_SWEEP = datetime(2027, 1, 22, 8, 30, tzinfo=STOCKHOLM)
HELD, OTHERS = "trafik@example.se", ("miljo@example.se", "kultur@example.se")
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.I | re.M)


class Refusing(Collector):
    """The test relay, answering the mails with the Message-IDs in `refuse` (id → [code, times]) that code, that many
    times (None: for ever), and keeping the order of the Message-IDs it accepted."""

    def __init__(self):
        super().__init__()
        self.refuse: dict[str, list] = {}
        self.refused: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        match = MESSAGE_ID.search(envelope.content)
        answer = self.refuse.get(match.group(1).decode() if match else "")
        if answer and (answer[1] is None or answer[1] > 0):
            answer[1] = None if answer[1] is None else answer[1] - 1
            self.refused.append(match.group(1).decode())
            return REPLIES[answer[0]]
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def relay(app):
    server = SmtpServer()
    server.handler = Refusing()
    server.start()
    app.config.update(SMTP_URL=server.url, SMTP_TIMEOUT_SECONDS=5, MAIL_DIR=None)
    yield server
    server.stop()


def sent_remiss(session, app) -> dict[str, dict[str, str]]:
    """Send the remiss at SENT_AT; recipient → {row key: Message-ID} of its rows in the Utkorg."""
    namnd = make_namnd(session, weekly_digest=False, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=DEADLINE, deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", HELD, ""),
                                    SandlistaItem("Miljönämnden", OTHERS[0], ""),
                                    SandlistaItem("Kulturnämnden", OTHERS[1], "")])
    session.commit()
    sending.send(session, now=SENT_AT, principal=Principal.system(), remiss=remiss, files_dir=app.config["FILES_DIR"],
                 base_url="http://remiss.test")
    session.commit()
    rows: dict[str, dict[str, str]] = {}
    for row in session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id)):
        rows.setdefault(row.recipient_email, {})[row.key] = row.message_id
    session.rollback()
    return rows


def of(rows: dict[str, str], what: str) -> dict[str, str]:
    return {key: mid for key, mid in rows.items() if key.startswith(f"outgoing:{what}:")}


def statuses(db, email: str) -> dict[str, str]:
    with db.transaction(write=False) as s:
        return {r.key: r.status for r in s.exec(select(OutboxMessage).where(OutboxMessage.recipient_email == email))}


def sweeps(app, db, minutes: int, start: int = 0) -> None:
    """A sweep each minute from FIRST_SWEEP (+ start minutes) on, as the scheduler runs them."""
    for minute in range(start, minutes):
        result = run(app, db, FIRST_SWEEP + timedelta(minutes=minute))
        assert not result.relay_down, result.relay_down


def test_a_chaser_due_while_its_missiv_is_retried_goes_out_after_it_once(app, db, session, relay, auth):
    rows = sent_remiss(session, app)
    [missiv] = of(rows[HELD], "missiv").values()
    first_chaser = min(of(rows[HELD], "chaser").items())  # 22 January, due at the first sweep
    relay.handler.refuse[missiv] = ["451", 2]

    sweeps(app, db, 1)
    assert relay.handler.refused == [missiv] and first_chaser[1] not in relay.handler.ids()
    # the Utkorg says why the chaser whose moment has come is not sent
    fast_user(session, role="admin", email="admin@example.se")
    session.commit()
    auth.login("admin@example.se")
    page = auth.client.get(f"/admin/utkorg?email={HELD}").get_data(as_text=True)
    assert page.count(waits.FOR_MISSIV) == 2, page  # both chasers of the instans; not its missiv, nor the others'
    listing = app.test_cli_runner().invoke(args=["reminders", "list"]).output  # and `remiss reminders list`
    held_lines = [line for line in listing.splitlines() if waits.FOR_MISSIV in line]
    assert len(held_lines) == 2 and all(HELD in line for line in held_lines), listing
    sweeps(app, db, 10, start=1)

    accepted = relay.handler.ids()
    assert relay.handler.refused == [missiv, missiv]
    assert accepted.count(missiv) == 1 and accepted.count(first_chaser[1]) == 1, accepted
    assert accepted.index(missiv) < accepted.index(first_chaser[1]), accepted
    held = statuses(db, HELD)
    assert held[first_chaser[0]] == "sent" and held[next(iter(of(rows[HELD], "missiv")))] == "sent"
    # the later chaser (2 February) is still planned, the other instanser were each sent missiv and chaser once
    assert sorted(s for k, s in held.items() if k.startswith("outgoing:chaser:")) == ["pending", "sent"]
    assert waits.FOR_MISSIV not in auth.client.get(f"/admin/utkorg?email={HELD}").get_data(as_text=True)
    for email in OTHERS:
        sent = [mid for mid in accepted if mid in rows[email].values()]
        assert sorted(sent) == sorted([*of(rows[email], "missiv").values(), min(of(rows[email], "chaser").items())[1]])


def test_a_chaser_due_while_its_missiv_is_refused_never_goes_out(app, db, session, relay):
    rows = sent_remiss(session, app)
    [missiv] = of(rows[HELD], "missiv").values()
    relay.handler.refuse[missiv] = ["550", None]

    sweeps(app, db, 10)

    assert relay.handler.refused == [missiv] * FAST.max_permanent_attempts
    assert not set(relay.handler.ids()) & set(rows[HELD].values()), "the instans was e-mailed without its missiv"
    held = statuses(db, HELD)
    assert held.pop(next(iter(of(rows[HELD], "missiv")))) == "failed"
    assert set(held.values()) == {"cancelled"}, held  # its chasers stopped with the give-up, none ever claimed
    for email in OTHERS:
        assert set(relay.handler.ids()) & set(of(rows[email], "chaser").values())


def test_an_amendment_waits_for_the_missiv_it_changes(app, db, session, relay):
    """An ändring queued while the missiv to that instans is tried again (a sweep had it in hand when the
    frågeställningar were changed) goes out after the missiv, not before it."""
    rows = sent_remiss(session, app)
    [missiv] = of(rows[HELD], "missiv").values()
    relay.handler.refuse[missiv] = ["451", 1]
    run(app, db, SENT_AT)  # the missiv refused once: tried again a minute later
    with db.transaction() as s:
        row = s.exec(select(OutboxMessage).where(OutboxMessage.message_id == missiv)).one()
        assert (row.status, row.attempts) == ("pending", 1)
        # as amendments.send_amendment queues it (the mail of an ändring is built like the missiv's)
        enqueue(s, now=SENT_AT, key=row.key.replace("outgoing:missiv:", "outgoing:amendment:") + ":99",
                recipient_email=HELD, kind=AMENDMENT, due_at=SENT_AT, subject="Ändrat missiv",
                payload=json.loads(row.payload), remiss_id=row.remiss_id)
        amendment = s.exec(select(OutboxMessage.message_id).where(OutboxMessage.kind == AMENDMENT)).one()
        # the ändring is due first: only the rule keeps it behind the missiv
        s.execute(update(OutboxMessage).where(OutboxMessage.message_id == amendment)
                  .values(next_attempt_at=SENT_AT - timedelta(minutes=5)))
    for minute in range(1, 4):
        run(app, db, SENT_AT + timedelta(minutes=minute))
    accepted = relay.handler.ids()
    assert accepted.count(missiv) == 1 and accepted.count(amendment) == 1, accepted
    assert accepted.index(missiv) < accepted.index(amendment), accepted



def test_a_chaser_that_waited_past_the_svarsdag_follows_the_rules_for_late_chasers(app, db, session, relay):
    """The scheduler was down until after the svarsdag (29 January): the missiv, refused once, goes out on 30 January;
    the "before" chaser that waited for it is then stopped as any "before" chaser sent after its day (chasers.EXPIRED),
    and the "after" chaser (2 February) goes out when its moment comes."""
    rows = sent_remiss(session, app)
    [missiv] = of(rows[HELD], "missiv").values()
    before, after = sorted(of(rows[HELD], "chaser").items())
    relay.handler.refuse[missiv] = ["451", 1]
    late = datetime(2027, 1, 30, 9, 0, tzinfo=STOCKHOLM)
    for minute in range(4):
        run(app, db, late + timedelta(minutes=minute))
    assert [mid for mid in relay.handler.ids() if mid in rows[HELD].values()] == [missiv]
    with db.transaction(write=False) as s:
        stopped = s.exec(select(OutboxMessage).where(OutboxMessage.key == before[0])).one()
    assert (stopped.status, stopped.last_error) == ("cancelled", chasers.EXPIRED)
    run(app, db, datetime(2027, 2, 2, 8, 1, tzinfo=STOCKHOLM))
    assert [mid for mid in relay.handler.ids() if mid in rows[HELD].values()] == [missiv, after[1]]

@pytest.fixture
def relay_process(tmp_path):
    relay = RelayProcess(tmp_path)
    relay.start()
    yield relay
    relay.stop()


def test_kill_9_between_the_missivs_acceptance_and_its_record_keeps_the_chaser_behind_it(app, db, session,
                                                                                        relay_process, procs):
    """A real sweep in a process of its own, killed (SIGKILL) as the relay has taken the missiv retried after a 451 and
    before the sweep records it: the missiv is left claimed, accepted, not recorded; the chaser due meanwhile must
    wait for the record (not only for the relay's 250), and goes out once, after the missiv is sent again by the next
    run (with the same Message-ID, which a receiving server recognises) and recorded."""
    namnd = make_namnd(session, weekly_digest=False, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=DEADLINE, deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", HELD, "")])
    session.commit()
    sending.send(session, now=SENT_AT, principal=Principal.system(), remiss=remiss, files_dir=app.config["FILES_DIR"],
                 base_url="http://remiss.test")
    # the missiv refused once with 451 at the first sweep: tried again a minute later, after the chaser's moment
    session.execute(update(OutboxMessage).where(OutboxMessage.kind == sending.MISSIV_KIND)
                    .values(attempts=1, last_error=f"SMTP 451: {REPLIES['451']}",
                            next_attempt_at=FIRST_SWEEP + timedelta(minutes=1)))
    session.commit()
    rows = {r.key: r.message_id for r in session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id))}
    session.rollback()
    [missiv] = of(rows, "missiv").values()
    first_chaser = min(of(rows, "chaser").items())[1]
    p = procs(relay_process.url)
    p.env.update(REMISS_FILES_DIR=app.config["FILES_DIR"], REMISS_SMTP_TIMEOUT_SECONDS="5")
    p.env.pop("REMISS_MAIL_DIR")

    killed = subprocess.run([sys.executable, "-m", "tests.reminders.crash_process", "--after", "1",
                             "--now", (FIRST_SWEEP + timedelta(minutes=2)).isoformat()],
                            cwd=ROOT, env=p.env, capture_output=True, text=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, f"the sweep did not die: {killed.stderr[-2000:]}"
    assert relay_process.log.read_text().split() == [missiv], "the relay took another mail before the missiv"
    assert statuses(db, HELD)[next(iter(of(rows, "missiv")))] == "sending"  # accepted, not recorded

    def run_at(minutes: int) -> str:
        done = p.run("reminders", "run", "--now", (FIRST_SWEEP + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M"))
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run_at(3)  # takes the dead sweep's claim back and sends the missiv again: the chaser waits for the record …
    assert relay_process.log.read_text().split() == [missiv, missiv]
    run_at(4)  # … and goes out with the next run
    assert relay_process.log.read_text().split() == [missiv, missiv, first_chaser]
    assert sorted(statuses(db, HELD).values()) == ["pending", "sent", "sent"]  # the later chaser still planned
    assert "skickade: 0" in run_at(5)
