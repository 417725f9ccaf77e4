"""Session 24: wordings about the instanser of an utgående remiss said "remissinstanserna" however many there were
("Remissen är skickad: remissinstanserna har fått svarsdagen." of a remiss sent to one). They now follow the count
(remiss.calendar.swedish.the_counted, through ngettext): "remissinstansen" for one, "de 2 remissinstanserna" for
more – beside Sista svarsdag, in the refusals of a moved svarsdag (sent, closed, not yet sent, passed at sending) and
in what the history says of answers that followed their frågeställningar."""
from __future__ import annotations

from datetime import date, datetime
from html import unescape

import pytest

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.calendar.swedish import the_counted
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import sending
from remiss.outgoing.service.edits import unsent_deadline_problem
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

SENT = datetime(2026, 12, 5, 9, 0, tzinfo=STOCKHOLM)
A, B = "Fråga A om kultur?", "Fråga B om ekonomi?"
ONE = [SandlistaItem("Pensionärsrådet", "pr@malmo.example", "")]
TWO = ONE + [SandlistaItem("Funktionshinderrådet", "fh@malmo.example", "")]
# (the sändlista, how its instanser are named)
COUNTS = [pytest.param(ONE, "remissinstansen", id="one"), pytest.param(TWO, "de 2 remissinstanserna", id="two")]


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def test_the_counted_names_one_and_more():
    assert the_counted(1, "remissinstansen", "remissinstanserna") == "remissinstansen"
    assert the_counted(2, "remissinstansen", "remissinstanserna") == "de 2 remissinstanserna"
    assert the_counted(0, "remissinstansen", "remissinstanserna") == "remissinstanserna"  # not counted


@pytest.mark.parametrize("instanser, named", [(1, "remissinstansen"), (2, "de 2 remissinstanserna")])
def test_an_unsent_svarsdag_today_says_who_needs_time(instanser, named):
    # Old code: "… och remissinstanserna behöver tid att svara" for a sändlista of one
    assert (f"Remissen är inte skickad än, och {named} behöver tid att svara"
            in unsent_deadline_problem(date(2026, 12, 4), date(2026, 12, 4), instanser))


def _sent(session, app, auth, clock, sandlista) -> int:
    clock.set(SENT)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=SENT, title="Remiss om parkeringsnorm",
                         deadline_on=date(2026, 12, 18), deadline_time=None, questions=[A, B], sandlista=sandlista)
    with app.app_context():
        sending.send(session, now=SENT, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    rid = remiss.id
    session.commit()
    auth.login(user.email)
    return rid


@pytest.mark.parametrize("sandlista, named", COUNTS)
def test_a_sent_remiss_names_those_told_its_svarsdag(session, app, auth, client, clock, sandlista, named):
    rid = _sent(session, app, auth, clock, sandlista)
    url = f"/remisser/{rid}/andra"
    # Old code: "Remissen är skickad: remissinstanserna har fått svarsdagen." sent to one
    assert f"Remissen är skickad: {named} har fått svarsdagen." in _text(client.get(url))
    refused = _text(auth.post(url, {"deadline_on": "2027-01-15"}, form_url=url))
    assert f"Remissen skickades 5 december 2026, och {named} har fått sista svarsdag 18 december 2026." in refused
    remiss = session.get(Remiss, rid)  # closed (how it closes: tests/outgoing/test_walk21_outgoing.py)
    remiss.status = "avslutad"
    session.commit()
    closed = _text(auth.post(url, {"deadline_on": "2027-01-15"}, form_url=url))
    assert f"Ärendet är avslutat, så svarstiden ändras inte längre: {named} har fått sista svarsdag 18 december" \
        in closed


@pytest.mark.parametrize("sandlista, named", COUNTS)
def test_a_passed_svarsdag_at_sending_names_those_the_missiv_goes_to(session, clock, sandlista, named):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2026, 12, 1),
                         deadline_time=None, sandlista=sandlista)
    session.commit()
    unsent = len(sandlista)
    assert (f"missivet skulle be {named} svara senast den dagen"
            in sending.deadline_problem(session.get(Remiss, remiss.id), date(2026, 12, 4), unsent))


@pytest.mark.parametrize("sandlista, named", COUNTS)
def test_answers_that_follow_their_questions_name_whose(session, app, auth, client, clock, sandlista, named):
    rid = _sent(session, app, auth, clock, sandlista)
    questions = {q.text: q.id for q in remisser.questions_of(session, rid)}
    entries = [e.id for e in remisser.entries(session, rid)]
    session.rollback()
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=STOCKHOLM))
    for entry_id in entries:
        url = f"/remisser/{rid}/utskick/instanser/{entry_id}"
        assert auth.post(url, {"action": "answer", "answered_on": "2026-12-07", "summary": "Vi tycker till.",
                               f"q_{questions[A]}": "Om A.", f"q_{questions[B]}": "Om B."},
                         form_url=url).status_code == 302
    url = f"/remisser/{rid}/andra"
    answers = 2 * len(entries)
    done = _text(auth.post(url, {"questions": f"{B}\n{A}"}, form_url=url, follow_redirects=True))
    # Old code: "2 registrerade svar från remissinstanserna …" of one instans's two answers
    assert f"{answers} registrerade svar från {named} följde med sina frågor." in done
    refused = _text(auth.post(url, {"questions": B}, form_url=url))
    lost = "1 registrerat svar" if len(entries) == 1 else f"{len(entries)} registrerade svar"
    assert f"{lost} från {named} hör till frågan ”{A}”" in refused
