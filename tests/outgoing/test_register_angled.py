"""A remissinstans typed "Namn <e-post>" into the register – the admin form or an imported file – is saved as Namn
with that address, as the sändlista forms and the API read it (repeated.read_angled): the register never shows the
angle brackets (walk14 #4 had them from the edit form; migration u002 split the old ones)."""
from __future__ import annotations

import io
import json
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.outgoing.models import Organisation
from tests.support.factories import T0, make_user


def _register(session) -> dict[str, str]:
    session.expire_all()
    found = {o.name: o.email for o in session.exec(select(Organisation))}
    session.commit()
    return found


def test_the_admin_form_splits_a_name_typed_with_its_address(session, auth):
    admin = make_user(session, role=Role.admin)
    session.add(Organisation(name="Cykelfrämjandet", email="", created_at=T0))
    session.commit()
    auth.login(admin.email)
    saved = auth.post("/admin/instanser/ny", {"name": "Ungdomsrådet <ungdom@malmo.example>", "email": "",
                                              "active": "y"}, form_url="/admin/instanser/ny")
    assert saved.status_code == 302
    # its own address wins over the one in the name, as on a sändlista
    auth.post("/admin/instanser/ny", {"name": '"Kommunal" <kommunal@fack.example>', "email": "info@kommunal.example",
                                      "active": "y"}, form_url="/admin/instanser/ny")
    assert _register(session) == {"Cykelfrämjandet": "", "Ungdomsrådet": "ungdom@malmo.example",
                                  "Kommunal": "info@kommunal.example"}
    # the name is compared without its address: a second Cykelfrämjandet is refused, what was typed kept
    again = auth.post("/admin/instanser/ny", {"name": "Cykelfrämjandet <malmo@cykel.example>", "email": "",
                                              "active": "y"}, form_url="/admin/instanser/ny")
    page = unescape(again.get_data(as_text=True))
    assert again.status_code == 400 and "Cykelfrämjandet finns redan i registret." in page
    assert 'value="Cykelfrämjandet <malmo@cykel.example>"' in page


def test_an_imported_file_splits_names_written_with_their_address(session, auth):
    admin = make_user(session, role=Role.admin)
    session.commit()
    auth.login(admin.email)
    data = ("Namn;E-post\nUngdomsrådet <ungdom@malmo.example>;\nKommunal <kommunal@fack.example>;"
            "info@kommunal.example\nungdomsrådet;\n").encode("utf-8")
    preview = auth.post("/admin/instanser/import", {"file": (io.BytesIO(data), "instanser.csv")},
                        content_type="multipart/form-data")
    page = unescape(preview.get_data(as_text=True))
    assert preview.status_code == 200
    assert "ungdom@malmo.example" in page and "<ungdom@malmo.example>" not in page
    assert "Rad 4 (ungdomsrådet)" in page  # the same instans twice in the file, once with its address
    session.commit()
    rows = [{"line": 2, "name": "Ungdomsrådet <ungdom@malmo.example>", "email": ""},
            {"line": 3, "name": "Kommunal <kommunal@fack.example>", "email": "info@kommunal.example"}]
    saved = auth.post("/admin/instanser/import", {"rows": json.dumps(rows), "confirm": "1"},
                      form_url="/admin/instanser/import")
    assert saved.status_code == 302
    assert _register(session) == {"Ungdomsrådet": "ungdom@malmo.example", "Kommunal": "info@kommunal.example"}
