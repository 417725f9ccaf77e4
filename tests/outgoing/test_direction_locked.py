"""walk18 F12, the other way: a sent utgående remiss (missiv e-mailed) became an inkommande one with an empty
yttrande and no Utskick och svar panel. Once a missiv is made, the remiss is sent or answers are registered, the
direction stays (remiss.remisser.direction); an utgående remiss still an untouched utkast may change and starts over
as Registrerad."""
from __future__ import annotations

import re
from html import unescape

from sqlmodel import select

from remiss.namnd.models import Namnd
from remiss.planning.service.tidplan import milestones_of
from remiss.remisser.models import AnswerStatus, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus
from tests.conftest import csrf_token
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_missiv_made_anew import _world
from tests.support.factories import make_remiss
from tests.support.pages import visible_text


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def _to_inkommande(auth, rid: int):
    url = f"/remisser/{rid}/andra"
    return auth.post(url, {"title": "Trafikplan 2027, rättad", "direction": "inkommande", "deadline_on": "2027-01-15",
                           "deadline_time": "", "notes": "Skrivet nu"}, form_url=url)


def _state(session, rid):
    session.expire_all()
    remiss = session.get(Remiss, rid)
    state = remiss.direction, remiss.status, remiss.title
    session.rollback()
    return state


def test_a_made_missiv_and_a_sent_remiss_keep_the_direction(session, client, auth, clock, runner, smtp):
    rid = _world(session, clock, auth)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    response = _to_inkommande(auth, rid)
    said = _text(response)
    assert response.status_code == 400, said[:2000]
    assert ("Riktningen kan inte ändras: missivet är skapat. Riktningen kan bara ändras innan arbetet med remissen "
            "har börjat. Välj ”Utgående – vi remitterar” för att spara dina andra ändringar.") in said
    assert 'value="Trafikplan 2027, rättad"' in said and "Skrivet nu" in said  # nothing typed is lost

    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    assert _state(session, rid)[1] == RemissStatus.skickad
    # the missiv queued, not e-mailed, and an anstånd (no answer): said as they are (walk28 Z8: "missivet är
    # skickat, svar från remissinstanserna är registrerade")
    entry = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == rid)).one()
    entry.answer_status = AnswerStatus.anstand_beviljat.value
    session.add(entry)
    session.commit()
    said = _text(_to_inkommande(auth, rid))
    assert "Riktningen kan inte ändras: missivet väntar i utkorgen och 1 remissinstans har fått anstånd." in said
    assert "skickat" not in said and "svar från" not in said

    run_sweep(runner, smtp, clock.now)  # the missiv goes out
    response = _to_inkommande(auth, rid)
    assert response.status_code == 400
    assert "Riktningen kan inte ändras: missivet är skickat och 1 remissinstans har fått anstånd." in _text(response)
    headers = {"X-CSRFToken": csrf_token(client, page)}
    api = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"direction": "inkommande"})
    assert api.status_code == 400, api.get_json()
    assert api.get_json()["errors"]["direction"].startswith("Riktningen kan inte ändras: missivet är skickat och")
    assert _state(session, rid) == ("utgaende", RemissStatus.skickad, "Trafikplan 2027")
    assert "Utskick och svar" in _text(client.get(page))
    entry = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == rid)).one()
    entry.answer_status = AnswerStatus.svarat.value
    session.add(entry)
    session.commit()
    assert "Riktningen kan inte ändras: missivet är skickat och svar från 1 remissinstans är registrerat." in \
        _text(_to_inkommande(auth, rid))


def test_an_untouched_utkast_becomes_an_inkommande_remiss(session, client, auth, clock):
    rid = _world(session, clock, auth)
    response = _to_inkommande(auth, rid)
    assert response.status_code == 302, _text(response)[:2000]
    assert _state(session, rid) == ("inkommande", RemissStatus.registrerad, "Trafikplan 2027, rättad")
    kinds = {m.kind for m in milestones_of(session, rid)}  # the incoming tidplan back from the sista svarsdag
    session.rollback()
    assert {"tjansteskrivelse", "sista_svarsdag"} <= kinds, kinds
    history = _text(client.get(f"/remisser/{rid}"))
    assert "Inkommande remiss" in history
    assert "Riktningen ändrad till inkommande: remissen börjar om" in history


def _direction_select(html: str) -> bool:
    return bool(re.search(r'<select[^>]*name="direction"', html))


def test_andra_uppgifter_shows_the_riktning_as_a_fact_once_it_cannot_change(session, client, auth, clock):
    """Session 29: the Riktning select stayed on Ändra uppgifter of a remiss whose direction can no longer change,
    offering a choice that every save refuses. The form says the direction and why it stays, for an utgående
    remiss as for an inkommande one; a save without it keeps it, and a crafted POST changing it is refused as
    before."""
    rid = _world(session, clock, auth)
    url, page = f"/remisser/{rid}/andra", f"/remisser/{rid}"
    assert _direction_select(client.get(url).get_data(as_text=True))  # an untouched utkast may still change

    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    html = client.get(url).get_data(as_text=True)
    said = visible_text(html)
    assert not _direction_select(html), said[:3000]
    assert ("Riktning Utgående – vi remitterar Riktningen kan inte ändras: missivet är skapat. Riktningen kan bara "
            "ändras innan arbetet med remissen har börjat.") in said
    saved = auth.post(url, {"title": "Trafikplan 2027, rättad", "deadline_on": "2027-01-15", "deadline_time": ""},
                      form_url=url)
    assert saved.status_code == 302, _text(saved)[:2000]
    assert _state(session, rid) == ("utgaende", RemissStatus.utkast, "Trafikplan 2027, rättad")
    crafted = _to_inkommande(auth, rid)
    assert crafted.status_code == 400 and "Riktningen kan inte ändras: missivet är skapat." in _text(crafted)
    assert _state(session, rid)[0] == "utgaende"

    # an inkommande remiss past Registrerad/Tilldelad the same
    incoming = make_remiss(session, namnd=session.get(Namnd, session.get(Remiss, rid).namnd_id),
                           title="Inkommen remiss")
    incoming.status = RemissStatus.under_beredning.value
    session.add(incoming)
    session.commit()
    html = client.get(f"/remisser/{incoming.id}/andra").get_data(as_text=True)
    said = visible_text(html)
    assert not _direction_select(html)
    assert ("Riktning Inkommande – vi ska svara Riktningen kan inte ändras: remissen har status ”Under beredning”."
            in said), said[:3000]
