"""walk18 F12: "Ändra uppgifter → Riktning" turned a besvarad inkommande remiss (yttrande beslutat and expedierat)
into an unsent utgående one that offered "Skapa missiv" to the remittent's sändlista. The direction changes only
while no work exists on either path (remiss.remisser.direction): refused on the form, with what was typed kept, and
by the API in its error shape; an untouched remiss still changes and starts over on the other path."""
from __future__ import annotations

from html import unescape

from remiss.planning.service.tidplan import milestones_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.conftest import csrf_token
from tests.drafting.test_expediering_mail import expediera
from tests.drafting.test_flow import draft_form

REFUSED = "Riktningen kan inte ändras:"


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def _to_utgaende(auth, rid: int, **extra):
    url = f"/remisser/{rid}/andra"
    form = {"title": "Kulturstrategi, rättad titel", "direction": "utgaende", "deadline_on": "2015-09-28",
            "deadline_time": "", "sandlista": "Pensionärsrådet\nUngdomsrådet", "notes": "Min anteckning"}
    return auth.post(url, {**form, **extra}, form_url=url)


def test_an_expedited_remiss_keeps_its_direction_and_the_form_says_why(world, decided, auth, client, reader):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    response = _to_utgaende(auth, rid)
    page = _text(response)
    assert response.status_code == 400, page[:2000]
    assert ("Riktningen kan inte ändras: nämndens beslut är registrerat och yttrandet är expedierat. Riktningen kan "
            "bara ändras innan arbetet med remissen har börjat. Välj ”Inkommande – vi ska svara” för att spara dina "
            "andra ändringar.") in page
    assert 'value="Kulturstrategi, rättad titel"' in page and "Min anteckning" in page and "Ungdomsrådet" in page
    reader.rollback()
    kept = reader.get(Remiss, rid)
    assert kept.direction == "inkommande" and kept.status == RemissStatus.besvarad
    assert kept.title != "Kulturstrategi, rättad titel"
    shown = _text(client.get(f"/remisser/{rid}"))
    assert "Inkommande remiss" in shown and "Skapa missiv" not in shown


def test_the_api_refuses_the_same_change(world, decided, auth, client, reader):
    rid = decided()
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    response = client.patch(f"/api/v1/remisser/{rid}", headers=headers,
                            json={"direction": "utgaende", "sandlista": ["Pensionärsrådet"]})
    said = response.get_json()
    assert response.status_code == 400, said
    assert said["field"] == "direction"
    assert said["errors"]["direction"].startswith(
        "Riktningen kan inte ändras: det finns ett utkast till yttrande och nämndens beslut är registrerat.")
    reader.rollback()
    assert reader.get(Remiss, rid).direction == "inkommande"


def test_a_saved_draft_alone_keeps_the_direction(world, auth, reader):
    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    assert auth.post(f"/remisser/{rid}/yttrande", draft_form(rid), form_url=f"/remisser/{rid}").status_code == 302
    response = _to_utgaende(auth, rid)
    assert response.status_code == 400
    assert "Riktningen kan inte ändras: det finns ett utkast till yttrande." in _text(response)
    reader.rollback()
    assert reader.get(Remiss, rid).direction == "inkommande"


def test_an_untouched_remiss_changes_direction_and_starts_as_an_utkast(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    response = _to_utgaende(auth, rid)
    assert response.status_code == 302, _text(response)[:2000]
    reader.rollback()
    changed = reader.get(Remiss, rid)
    assert changed.direction == "utgaende" and changed.status == RemissStatus.utkast  # it can be sent from here
    # no tjänsteskrivelse, nämnd or expediering left to remind anyone of: only the sista svarsdag
    assert [m.kind for m in milestones_of(reader, rid)] == ["sista_svarsdag"]
    page = _text(client.get(f"/remisser/{rid}"))
    assert "Utgående remiss" in page and "Skapa missiv" in page
