"""truth16 F26: "Svarstiden har gått ut" named an instans with a running anstånd among those who have not answered;
it is named apart, with the date its anstånd runs to."""
from __future__ import annotations

from datetime import date, time

from remiss.outgoing.service import answers, chasers
from remiss.remisser import service as remisser
from tests.outgoing.conftest import run_sweep
from tests.reminders.conftest import fast_user
from tests.outgoing.test_walk12b_chasers import SYSTEM, _cli, _sent_remiss, at


def test_the_deadline_mail_names_a_running_anstand_apart(app, session, smtp, runner):
    remiss = _sent_remiss(app, session, smtp, runner)  # sista svarsdag fredag 18 december 2026 kl. 12.00
    hanna = fast_user(session, role="handlaggare", namnder=[], email="hanna@example.se")
    remiss.handlaggare_id = hanna.id  # the officer the deadline mail goes to
    session.add(remiss)
    [kommunal] = [e for e in remisser.entries(session, remiss.id) if e.name == "Kommunal"]
    answers.grant_extension(session, now=at(2026, 12, 10), principal=SYSTEM, remiss=remiss, entry=kommunal,
                            until_on=date(2026, 12, 23), until_time=time(15, 0))
    session.commit()
    _cli(runner, "outgoing", "chasers", "--now", "2026-12-21T08:05")
    sent = run_sweep(runner, smtp, at(2026, 12, 21, 8, 5))
    [mail] = [m for _, m in sent if m["X-Remiss-Kind"] == chasers.NOTICE_KIND]
    body = " ".join(mail.get_body(("plain",)).get_content().split())
    assert "Inte svarat än: Ungdomsrådet." in body, body
    assert "Har anstånd och har inte svarat än: Kommunal (till 23 december 2026 kl. 15.00)." in body, body
