"""walk17 F16: the escalation says why the recipient gets it in the recipient's own role ("som registrator"),
not "som granskare eller registrator" to both."""
from __future__ import annotations

from datetime import date

from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def test_the_escalation_names_the_recipient_s_own_role(session, app, runner, smtp):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    fast_user(session, role="granskare", namnder=[namnd], email="gun@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 26),
                         deadline_time=None, title="Kollektivtrafik")
    set_milestones(session, remiss, [("tjansteskrivelse", date(2027, 3, 1), "handlaggare")])
    session.commit()
    sweep(session, runner, "2027-03-03T08:05")  # two working days late: escalated
    said = {m["To"]: " ".join(m.get_body(("plain",)).get_content().split()) for m in smtp.messages
            if "Eskalering" in m["Subject"]}
    assert "Du får detta meddelande som registrator för nämnden." in said["rut@example.se"], said
    assert "Du får detta meddelande som granskare för nämnden." in said["gun@example.se"], said
    assert not any("granskare eller registrator" in body for body in said.values())
