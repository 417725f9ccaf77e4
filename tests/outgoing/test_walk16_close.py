"""walk16 #5: closing an utgående remiss whose sammanställning an answer has made out of date asks first, and
after closing the instansers answers are read only (a Swedish refusal on the page, 409 in the API)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import answers, closing, lifecycle, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import service as remisser
from remiss.remisser.finished import RemissFinished
from remiss.remisser.input import InputErrors, SandlistaItem
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.support.factories import T0, make_namnd, make_remiss, make_user

SYSTEM = Principal.system()


class _Ids:
    def __init__(self, id_: int):
        self.id = id_


def _status(session, remiss_id: int) -> str:
    status = session.get(Remiss, remiss_id).status
    session.close()  # the app's requests write to the same (SQLite) database
    return status


@pytest.fixture
def stale(session, app):
    """Sent, Norr answered, compiled, then Söder answered: the saved sammanställning is out of date."""
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=T0 - timedelta(days=3),
                         deadline_on=date(2027, 1, 29), deadline_time=None, questions=["Fråga?"],
                         sandlista=[SandlistaItem("Norr", "norr@example.se", ""),
                                    SandlistaItem("Söder", "soder@example.se", "")])
    files_dir = app.config["FILES_DIR"]
    with app.app_context():
        sending.send(session, now=T0 - timedelta(days=2), principal=SYSTEM, remiss=remiss, files_dir=files_dir,
                     base_url="")
    norr, soder = remisser.entries(session, remiss.id)
    answers.register_answer(session, now=T0 - timedelta(days=1), principal=SYSTEM, remiss=remiss, entry=norr,
                            data=AnswerData(date(2026, 11, 22), summary="Positiva."), files_dir=files_dir,
                            max_bytes=1)
    with app.app_context():
        lifecycle.compile_answers(session, now=T0 - timedelta(hours=5), principal=SYSTEM, remiss=remiss,
                                  files_dir=files_dir)
    answers.register_answer(session, now=T0 - timedelta(hours=4), principal=SYSTEM, remiss=remiss, entry=soder,
                            data=AnswerData(date(2026, 11, 23), summary="Kritiska."), files_dir=files_dir,
                            max_bytes=1)
    session.commit()
    return remiss, norr, soder, namnd


def test_closing_with_an_outdated_sammanstallning_needs_a_confirmation(session, stale):
    remiss = stale[0]
    with pytest.raises(InputErrors) as refused:
        closing.close(session, now=T0, principal=SYSTEM, remiss=remiss)
    message = refused.value.errors["status"]
    assert "äldre än svaret från Söder" in message and "Sammanställ svaren igen först" in message
    assert remiss.status == RemissStatus.sammanstalld
    closing.close(session, now=T0, principal=SYSTEM, remiss=remiss, stale_ok=True)
    assert remiss.status == RemissStatus.avslutad


def test_the_close_button_asks_and_answers_are_read_only_after_closing(session, stale, client, auth):
    remiss, norr, soder, namnd = stale
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    remiss, norr, soder = _Ids(remiss.id), _Ids(norr.id), _Ids(soder.id)
    session.close()  # reading an object after commit would hold SQLite's lock while the app writes
    auth.login(user.email)
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>', page, re.S).group(0)
    assert "Avsluta ändå med den äldre sammanställningen?" in form and 'data-confirmed="stale_ok"' in form
    assert 'name="stale_ok"' not in form  # sent by the dialog only when the user says yes (walk20 H11)
    # a post without the confirmation (no JavaScript, an old page) is refused, and the case stays open
    refused = auth.post(f"/remisser/{remiss.id}/utskick/avsluta", {}, form_url=f"/remisser/{remiss.id}",
                        follow_redirects=True)
    assert _status(session, remiss.id) == RemissStatus.sammanstalld
    shown = refused.get_data(as_text=True)
    assert "Sammanställ svaren igen först, eller kryssa i ”Avsluta ärendet ändå” vid knappen" in shown
    assert "Avsluta ändå med den äldre sammanställningen, eller sammanställ svaren igen först." in shown
    assert 'name="confirm_close" value="1"' in shown
    auth.post(f"/remisser/{remiss.id}/utskick/avsluta", {"stale_ok": "1"}, form_url=f"/remisser/{remiss.id}")
    assert _status(session, remiss.id) == RemissStatus.avslutad

    entry_url = f"/remisser/{remiss.id}/utskick/instanser/{soder.id}"
    page = client.get(entry_url).get_data(as_text=True)
    assert "Ärendet är avslutat, så svaret" in page and 'value="reopen"' not in page
    response = auth.post(entry_url, {"action": "reopen"}, form_url=entry_url)
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ärendet är avslutat, så remissinstansernas svar" in shown
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    api = client.post(f"/api/v1/remisser/{remiss.id}/sandlista/{norr.id}/answer",
                      json={"summary": "Ändrat."}, headers={"X-CSRFToken": token})
    assert api.status_code == 409 and "Ärendet är avslutat" in api.json["error"]
    norr_now, soder_now = remisser.entries(session, remiss.id)
    assert soder_now.answer_status == "svarat" and norr_now.summary == "Positiva."  # nothing changed
    with pytest.raises(RemissFinished):
        answers.decline(session, now=T0, principal=SYSTEM, remiss=session.get(Remiss, remiss.id), entry=soder_now,
                        answered_on=date(2026, 11, 23))


def test_the_public_page_stops_serving_a_sammanstallning_an_answer_has_outdated(session, app, client):
    from remiss.outgoing.service import publication
    from remiss.remisser.models import AnswerStatus, Attachment
    from sqlmodel import select

    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=T0 - timedelta(days=3),
                         deadline_on=date(2027, 1, 29), deadline_time=None, questions=["Fråga?"],
                         sandlista=[SandlistaItem("Norr", "norr@example.se", ""),
                                    SandlistaItem("Söder", "soder@example.se", "")])
    files_dir = app.config["FILES_DIR"]
    with app.app_context():
        sending.send(session, now=T0 - timedelta(days=2), principal=SYSTEM, remiss=remiss, files_dir=files_dir,
                     base_url="")
        norr, soder = remisser.entries(session, remiss.id)
        answers.decline(session, now=T0 - timedelta(days=1), principal=SYSTEM, remiss=remiss, entry=soder,
                        answered_on=date(2026, 11, 22))
        kept = lifecycle.compile_answers(session, now=T0 - timedelta(hours=5), principal=SYSTEM, remiss=remiss,
                                         files_dir=files_dir)
    publication.publish(session, now=T0 - timedelta(hours=4), principal=SYSTEM, remiss=remiss,
                        attachment_ids=[kept.id])
    remiss_id, kept_id, name = remiss.id, kept.id, kept.filename
    session.commit()
    url = f"/remissvar/{remiss_id}/filer/{kept_id}"
    assert name in client.get(f"/remissvar/{remiss_id}").get_data(as_text=True)
    assert client.get(url).status_code == 200
    # Söder's avstår is undone: the sammanställning that says Söder declined is out of date
    answers.reopen(session, now=T0 - timedelta(hours=3), principal=SYSTEM,
                   remiss=session.get(Remiss, remiss_id), entry=remisser.entries(session, remiss_id)[1])
    session.commit()
    session.close()
    page = client.get(f"/remissvar/{remiss_id}").get_data(as_text=True)
    assert name not in page and "Remissammanställningen visas inte här just nu" in page
    assert client.get(url).status_code == 404


def test_a_closed_case_opened_again_by_hand_takes_answers_again(session, stale):
    from remiss.remisser.by_hand import change_status_by_hand

    remiss, norr, soder, _ = stale
    with pytest.raises(InputErrors):  # by hand, too, an old sammanställning is asked about
        change_status_by_hand(session, now=T0, principal=SYSTEM, remiss=remiss, new="avslutad")
    change_status_by_hand(session, now=T0, principal=SYSTEM, remiss=remiss, new="avslutad", confirmed=True)
    assert remiss.status == RemissStatus.avslutad
    with pytest.raises(RemissFinished) as refused:
        answers.reopen(session, now=T0, principal=SYSTEM, remiss=remiss, entry=soder)
    assert "ändra status för hand till Sammanställd" in str(refused.value)
    change_status_by_hand(session, now=T0, principal=SYSTEM, remiss=remiss, new="sammanstalld")
    answers.reopen(session, now=T0, principal=SYSTEM, remiss=remiss, entry=soder)
    assert soder.answer_status == "ej_svarat"
