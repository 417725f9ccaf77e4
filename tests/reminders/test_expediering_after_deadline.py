"""truth16 F8: "Expediering om 10 arbetsdagar" did not say that day is after the sista svarsdag, which the remiss
page, Att göra and the feeds say ("Det är efter sista svarsdag …: meddela remittenten eller begär förlängd
remisstid."). The mail, the only channel that reaches the registrator unasked, says it too."""
from __future__ import annotations

from datetime import date, time

from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def test_an_expediering_after_the_sista_svarsdag_says_so(session, app, runner, smtp):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 5),
                         deadline_time=time(15, 0), title="Kollektivtrafik")
    set_milestones(session, remiss, [("expediering", date(2027, 3, 12), "registrator"),
                                     ("sista_svarsdag", date(2027, 3, 5), "registrator")])
    session.commit()
    sweep(session, runner, "2027-02-26T10:00")  # 10 working days before 12 March
    [mail] = [m for m in smtp.messages if m["To"] == "rut@example.se" and "Expediering" in m["Subject"]]
    body = " ".join(mail.get_body(("plain",)).get_content().split())
    assert ("Det är efter sista svarsdag fredag 5 mars 2027 kl. 15.00: meddela remittenten eller begär förlängd "
            "remisstid.") in body, body
