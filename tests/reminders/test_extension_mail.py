"""truth16 F30: two förlängningar in a row before the sweep: the handläggare was told the first, superseded date
("Ny sista svarsdag: 16 augusti 2027" above "Sista svarsdag: 23 augusti 2027"). One mail, with the date in force."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from remiss.auth.access import Principal
from remiss.planning.service.extensions import general_notice
from remiss.remisser.models import Remiss
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss

AT = datetime(2027, 7, 21, 8, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("apart", [timedelta(minutes=1), timedelta(0)])  # a frozen clock gives both one moment
def test_two_extensions_before_the_sweep_tell_the_date_in_force_once(session, app, runner, smtp, apart):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 7, 30),
                         deadline_time=None, title="Idrottshallar")
    session.commit()
    sweep(session, runner, "2027-07-20T09:00")
    remiss = session.get(Remiss, remiss.id)
    for n, until in enumerate((date(2027, 8, 16), date(2027, 8, 23))):
        general_notice(session, now=AT + n * apart, principal=Principal.system(), remiss=remiss,
                       sender="Region Skåne", until_on=until)
    session.commit()
    sweep(session, runner, "2027-07-21T10:05")
    mails = [m for m in smtp.messages if m["To"] == "hanna@example.se" and "Förlängd" in m["Subject"]]
    assert len(mails) == 1, [m["Subject"] for m in mails]
    body = " ".join(mails[0].get_body(("plain",)).get_content().split())
    assert "16 augusti" not in body, body
    assert "Ny sista svarsdag: 23 augusti 2027." in body, body
