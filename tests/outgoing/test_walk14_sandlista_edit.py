"""walk14 #4: on "Ändra uppgifter" of an utgående remiss a sändlista line "Cykelfrämjandet <malmo@cykel.example>"
is read as on "Ny utgående remiss" (remiss.outgoing.forms.parse_new_instanser): the instans Cykelfrämjandet with
that address, merged with the Cykelfrämjandet already there – never an instans named with angle brackets."""
from __future__ import annotations

from html import unescape

from sqlmodel import select

from remiss.outgoing.models import Organisation
from tests.conftest import csrf_token
from tests.outgoing.test_repeated_everywhere import _names, _world


def test_a_name_with_its_address_in_angle_brackets_is_read_as_on_the_new_form(session, client, auth, clock):
    _, rid = _world(session, clock, auth)
    url = f"/remisser/{rid}/andra"
    done = auth.post(url, {"sandlista": "Miljönämnden\nCykelfrämjandet\n fastighetsnämnden \nFastighetsnämnden\n"
                                        "Cykelfrämjandet <malmo@cykel.example>\nTrafik; trafik@malmo.example"},
                     form_url=url, follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert done.status_code == 200, said
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se"), ("Cykelfrämjandet", "malmo@cykel.example"),
                                    ("fastighetsnämnden", ""), ("Trafik", "trafik@malmo.example")]
    assert "stod flera gånger på sändlistan och finns nu där en gång" in said
    assert "<malmo@cykel.example>" not in " ".join(o.name for o in session.exec(select(Organisation)).all())


def test_a_line_that_is_no_instans_is_refused_with_the_formats_and_kept(session, client, auth, clock):
    _, rid = _world(session, clock, auth)
    url = f"/remisser/{rid}/andra"
    typed = "Miljönämnden\nCykelfrämjandet <malmo@cykel.example"
    refused = auth.post(url, {"sandlista": typed}, form_url=url)
    page = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert "Rad 2 (”Cykelfrämjandet <malmo@cykel.example”) kunde inte läsas." in page
    assert typed in page  # nothing typed is lost
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se")]


def test_the_api_reads_a_name_with_its_address_in_angle_brackets_too(session, client, auth, clock):
    """Rows given as JSON and names given to POST go through the same rule on saving (repeated.read_angled):
    no new register entry with angle brackets in its name, whichever way the sändlista came."""
    namnd_id, rid = _world(session, clock, auth)
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    changed = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"sandlista": [
        {"name": "Miljönämnden", "email": "miljo@example.se"}, {"name": "Cykelfrämjandet <malmo@cykel.example>"},
        {"name": '"Kommunal" <kommunal@fack.example>', "email": "info@kommunal.example"}]})
    assert changed.status_code == 200, changed.get_json()
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se"), ("Cykelfrämjandet", "malmo@cykel.example"),
                                    ("Kommunal", "info@kommunal.example")]  # the address given wins
    made = client.post("/api/v1/remisser", headers=headers, json={
        "title": "Trafikplan 2027", "namnd_id": namnd_id, "direction": "utgaende", "deadline_on": "2026-12-18",
        "sandlista": [{"name": "Ungdomsrådet <ungdom@malmo.example>"},
                      {"name": "Föreningen <Vi> i Malmö", "group_name": "Föreningar"}]})
    assert made.status_code == 201, made.get_json()
    assert [(e["name"], e["email"]) for e in made.get_json()["sandlista"]] == [
        ("Ungdomsrådet", "ungdom@malmo.example"), ("Föreningen <Vi> i Malmö", "")]  # no address: a name as given
    session.expire_all()
    names = {o.name for o in session.exec(select(Organisation))}
    session.rollback()
    assert not [n for n in names if "@" in n]
    # the same as lines of text are read as the form reads them (truth17 F10): the line is refused, as there
    lines = client.post("/api/v1/remisser", headers=headers, json={
        "title": "Trafikplan 2028", "namnd_id": namnd_id, "direction": "utgaende", "deadline_on": "2026-12-18",
        "sandlista": ["Ungdomsrådet <ungdom@malmo.example>", "Föreningen <Vi> i Malmö"]})
    assert lines.status_code == 400
    assert lines.get_json()["errors"]["sandlista"].startswith("Rad 2 (”Föreningen <Vi> i Malmö”) kunde inte läsas.")
