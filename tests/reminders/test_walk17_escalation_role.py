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


def test_an_escalation_after_the_sista_svarsdag_does_not_ask_for_more_time_in_time(session, app, runner, smtp):
    """walk27 Y13: an escalation sent after the sista svarsdag advised "… eller att förlängd remisstid begärs i
    tid", which can no longer be done: it asks to contact the remittent. Before the sista svarsdag it is as it was."""
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="granskare", namnder=[namnd], email="gun@example.se")
    late = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 2),
                       deadline_time=None, title="Kollektivtrafik")
    early = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 26),
                        deadline_time=None, title="Cykelplan")
    set_milestones(session, late, [("tjansteskrivelse", date(2027, 3, 1), "handlaggare")])
    set_milestones(session, early, [("tjansteskrivelse", date(2027, 3, 1), "handlaggare")])
    session.commit()
    sweep(session, runner, "2027-03-03T08:05")  # two working days late, and past the first's sista svarsdag
    said = {m["Subject"]: " ".join(m.get_body(("plain",)).get_content().split()) for m in smtp.messages
            if "Eskalering" in m["Subject"] and m["To"] == "gun@example.se"}
    after = next(body for subject, body in said.items() if "Kollektivtrafik" in subject)
    before = next(body for subject, body in said.items() if "Cykelplan" in subject)
    assert "begärs i tid" not in after, after  # old code: "… eller att förlängd remisstid begärs i tid."
    assert ("Se till att arbetet kommer vidare och kontakta remittenten: begär förlängd remisstid eller fråga om ett "
            "sent svar tas emot.") in after, after
    assert "Se till att arbetet kommer vidare, eller att förlängd remisstid begärs i tid." in before, before
