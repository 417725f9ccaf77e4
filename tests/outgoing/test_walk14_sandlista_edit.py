"""walk14 #4: on "Ändra uppgifter" of an utgående remiss a sändlista line "Cykelfrämjandet <malmo@cykel.example>"
is read as on "Ny utgående remiss" (remiss.outgoing.forms.parse_new_instanser): the instans Cykelfrämjandet with
that address, merged with the Cykelfrämjandet already there – never an instans named with angle brackets."""
from __future__ import annotations

from html import unescape

from sqlmodel import select

from remiss.outgoing.models import Organisation
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
