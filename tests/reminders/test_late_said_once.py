"""walk12 finding 11, left over: a joined late mail (one mail per remiss, person and day, together.py) said "Det är
nu 1 arbetsdag sedan." once for each step it named. Now it says it once, after the steps; steps late for different
lengths are counted in one sentence with "respektive", in the order they were named."""
from __future__ import annotations

from datetime import date

from remiss.reminders.together import late_since
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.reminders.test_one_mail import _deadline_world, _to
from tests.support.factories import make_namnd, make_remiss


def _body(mail) -> str:
    return " ".join(mail.get_body(("plain",)).get_content().split())


def test_a_joined_late_mail_says_how_late_once(session, app, runner, smtp):
    """Old code: "… fredag 8 januari 2027. Det är nu 1 arbetsdag sedan. Svaret skulle … Det är nu 1 arbetsdag
    sedan." """
    _deadline_world(session)
    sweep(session, runner, "2027-01-11T07:30")
    [mail] = _to(smtp, "rut@example.se")
    body = _body(mail)
    assert body.count("Det är nu") == 1, body
    assert ("Yttrandet skulle ha expedierats fredag 8 januari 2027. Svaret skulle ha varit remittenten tillhanda "
            "fredag 8 januari 2027 kl. 12.00. Det är nu 1 arbetsdag sedan.") in body, body


def test_steps_late_for_different_lengths_are_counted_in_one_sentence(session, app, runner, smtp):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    namnd.overdue_every_workdays = 1
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 1, 29),
                         title="Havsplaner")
    set_milestones(session, remiss, [("justering", date(2027, 1, 5), "registrator"),
                                     ("expediering", date(2027, 1, 8), "registrator"),
                                     ("sista_svarsdag", date(2027, 1, 29), "registrator")])
    session.commit()
    sweep(session, runner, "2027-01-11T07:30")
    [mail] = [m for m in _to(smtp, "rut@example.se") if "Försenade" in m["Subject"]]
    body = _body(mail)
    assert body.count("Det är nu") == 1, body
    assert ("Protokollet skulle ha justerats tisdag 5 januari 2027. Yttrandet skulle ha expedierats fredag 8 januari "
            "2027. Det är nu 3 respektive 1 arbetsdag sedan.") in body, body


def test_the_sentence_alike_and_unlike():
    assert late_since([2, 2]) == "Det är nu 2 arbetsdagar sedan."
    assert late_since([1]) == "Det är nu 1 arbetsdag sedan."
    assert late_since([30, 20, 3]) == "Det är nu 30, 20 respektive 3 arbetsdagar sedan."
