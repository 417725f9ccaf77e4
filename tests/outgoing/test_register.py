"""The register of remissinstanser: import with bad rows, merge duplicates, saved sändlistor."""
from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook
from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.importer import ImportFileError, read_rows
from remiss.outgoing.models import Organisation, SavedSandlistaMember
from remiss.outgoing.service import register
from remiss.remisser.input import InputErrors
from remiss.remisser.models import SandlistaEntry
from tests.support.factories import T0, make_namnd, make_remiss, make_user

BAD_CSV = ("Namn;E-post;Kontaktperson;Grupp\n"
           "Kommunal;kansli@kommunal.se;Eva;Fackliga organisationer\n"
           ";utan-namn@example.se;;\n"
           "Vårdförbundet;inte-en-adress;;Fackliga organisationer\n"
           "kommunal;annan@kommunal.se;;\n"
           "\n"
           "SACO;saco@example.se;;Fackliga organisationer\n").encode("utf-8")


def test_bad_rows_get_line_numbers_and_swedish_messages():
    rows = read_rows("instanser.csv", BAD_CSV)
    errors = {r.line: r.errors for r in rows if r.errors}
    assert errors == {3: ["Namn saknas."], 4: ["”inte-en-adress” är inte en giltig e-postadress."],
                      5: ["”kommunal” finns redan på rad 2 i filen."]}
    assert [r.name for r in rows if r.ok] == ["Kommunal", "SACO"]


def test_xlsx_comma_csv_and_broken_files():
    book = Workbook()
    book.active.append(["Remissinstans", "E-postadress", "Grupp"])
    book.active.append(["MKB Fastighets AB", "mkb@example.se", "helägda bolag och stiftelser"])
    book.active.append([None, "x@example.se", None])
    data = io.BytesIO()
    book.save(data)
    rows = read_rows("register.xlsx", data.getvalue())
    assert rows[0].group_name == "helägda bolag och stiftelser" and rows[1].errors == ["Namn saknas."]
    assert read_rows("a.csv", "Name,Email\nSKTF,sktf@example.se\n".encode("cp1252"))[0].email == "sktf@example.se"
    for name, content, message in [("a.csv", b"E-post;Grupp\nx@y.se;z\n", "saknar en kolumn"),
                                   ("a.xlsx", b"not a zip", "Excel-fil"), ("a.pdf", b"%PDF", ".csv eller .xlsx"),
                                   ("a.csv", b"", "tom")]:
        with pytest.raises(ImportFileError, match=message):
            read_rows(name, content)


def test_import_page_previews_then_saves_only_good_rows(session, client, auth):
    admin = make_user(session, role=Role.admin)
    session.add(Organisation(name="SACO", email="", created_at=T0))
    session.commit()
    auth.login(admin.email)
    preview = auth.post("/admin/instanser/import", {"file": (io.BytesIO(BAD_CSV), "instanser.csv")},
                        content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Rad 3: Namn saknas." in page and "Rad 5 (kommunal)" in page and "3 rader har fel" in page
    assert "Uppdateras" in page and len(session.exec(select(Organisation)).all()) == 1
    session.commit()  # end the read so the app can write
    good = [{"line": 2, "name": "Kommunal", "email": "kansli@kommunal.se", "contact_person": "Eva",
             "group_name": "Fackliga organisationer"},
            {"line": 7, "name": "SACO", "email": "saco@example.se", "contact_person": "", "group_name": "Fack"}]
    saved = auth.post("/admin/instanser/import", {"rows": json.dumps(good), "confirm": "1"},
                      form_url="/admin/instanser/import")
    assert saved.status_code == 302
    session.expire_all()
    orgs = {o.name: o for o in session.exec(select(Organisation))}
    assert set(orgs) == {"Kommunal", "SACO"} and orgs["SACO"].email == "saco@example.se"
    session.commit()
    # Rows tampered with between preview and confirm are validated again: 400, nothing saved.
    tampered = auth.post("/admin/instanser/import", {"rows": json.dumps([{"name": "", "email": "x"}]), "confirm": "1"},
                         form_url="/admin/instanser/import")
    assert tampered.status_code == 400 and "Namn saknas" in tampered.get_data(as_text=True)
    garbage = auth.post("/admin/instanser/import", {"rows": "{not json", "confirm": "1"},
                        form_url="/admin/instanser/import")
    assert garbage.status_code == 400
    empty = auth.post("/admin/instanser/import", {}, form_url="/admin/instanser/import")
    assert empty.status_code == 400 and "Välj en CSV- eller Excel-fil" in empty.get_data(as_text=True)


def test_merge_moves_entries_and_saved_lists_and_is_audited(session):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende",
                         sandlista=["Stadsområdesnämnd Öster", "SON  öster.", "Kommunal"])
    orgs = {o.name: o for o in session.exec(select(Organisation))}
    keep, dup = orgs["Stadsområdesnämnd Öster"], orgs["SON  öster."]
    dup.email = "son.oster@example.se"
    kommunal_dup = Organisation(name="Kommunal avd 4", email="kommunal@example.se", created_at=T0)
    orgs["Kommunal"].email = "kommunal@example.se"
    session.add_all([dup, kommunal_dup, orgs["Kommunal"]])
    session.flush()
    system = Principal.system()
    both = register.save_list(session, now=T0, principal=system, name="samtliga stadsområdesnämnder",
                              organisation_ids=[keep.id, dup.id])
    only_dup = register.save_list(session, now=T0, principal=system, name="öster", organisation_ids=[dup.id])
    groups = [{o.name for o in g} for g in register.duplicate_groups(session)]
    assert {"Kommunal", "Kommunal avd 4"} in groups  # same e-mail
    register.merge(session, now=T0, principal=system, survivor_id=keep.id, duplicate_ids=[dup.id])
    assert session.get(Organisation, dup.id) is None
    assert keep.email == "son.oster@example.se"  # filled from the duplicate
    entries = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id)).all()
    assert sorted(e.organisation_id for e in entries)[:2] == sorted([keep.id, keep.id])
    assert [o.id for o in register.members_of(session, both.id)] == [keep.id]
    assert [o.id for o in register.members_of(session, only_dup.id)] == [keep.id]
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "merge")).one()
    assert "SON  öster." in event.changes
    with pytest.raises(InputErrors):
        register.merge(session, now=T0, principal=system, survivor_id=keep.id, duplicate_ids=[keep.id])
    assert session.exec(select(SavedSandlistaMember)).all()


def test_saved_lists_pages_and_reuse(session, client, auth):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    reader = make_user(session, role=Role.lasare, namnder=[namnd])
    a = Organisation(name="SON Norr", email="norr@example.se", group_name="Stadsområdesnämnder", created_at=T0)
    b = Organisation(name="SON Söder", email="soder@example.se", group_name="Stadsområdesnämnder", created_at=T0)
    session.add_all([a, b])
    session.commit()
    auth.login(reader.email)
    assert client.get("/sandlistor").status_code == 403
    auth.logout()
    auth.login(user.email)
    bad = auth.post("/sandlistor/ny", {"name": ""})
    assert bad.status_code == 400 and "Ge listan ett namn" in bad.get_data(as_text=True)
    ok = auth.post("/sandlistor/ny", {"name": "samtliga stadsområdesnämnder", "organisation_ids": [str(a.id), str(b.id)]})
    assert ok.status_code == 302
    page = client.get("/remisser/ny-utgaende").get_data(as_text=True)
    assert "samtliga stadsområdesnämnder" in page
    list_id, namnd_id = register.saved_lists(session)[0].id, namnd.id
    session.commit()
    created = auth.post("/remisser/ny-utgaende", {"title": "Kulturstrategi", "namnd_id": str(namnd.id),
                                                  "deadline_on": "2027-01-29", "list_ids": [str(list_id)],
                                                  "organisation_ids": [str(a.id)]},
                        form_url="/remisser/ny-utgaende")
    assert created.status_code == 302
    session.expire_all()
    entries = session.exec(select(SandlistaEntry)).all()
    assert [(e.name, e.email, e.group_name) for e in entries] == [
        ("SON Norr", "norr@example.se", "Stadsområdesnämnder"), ("SON Söder", "soder@example.se", "Stadsområdesnämnder")]
    session.commit()
    missing = auth.post("/remisser/ny-utgaende", {"title": "Utan lista", "namnd_id": str(namnd_id)},
                        form_url="/remisser/ny-utgaende")
    assert missing.status_code == 400
    body = missing.get_data(as_text=True)
    assert "En utgående remiss behöver minst en remissinstans på sändlistan" in body and "Ange sista svarsdag" in body and 'value="Utan lista"' in body


def test_import_preview_counts_only_rows_that_change_the_register(session, client, auth):
    """Walk12b #17: a row identical to the register is "Oförändrad" in the preview and not counted on the button,
    so the preview and the saved result ("0 uppdaterade") agree."""
    admin = make_user(session, role=Role.admin)
    session.add(Organisation(name="Tekniska nämnden", email="tekniska@malmo.example", contact_person="",
                             group_name="Nämnder", created_at=T0))
    session.commit()
    auth.login(admin.email)
    csv_data = ("Namn;E-post;Kontaktperson;Grupp\n"
                "tekniska nämnden;tekniska@malmo.example;;Nämnder\n"
                "Ungdomsrådet;ungdom@malmo.example;;Råd\n").encode("utf-8")
    preview = auth.post("/admin/instanser/import", {"file": (io.BytesIO(csv_data), "reg.csv")},
                        content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert "Oförändrad" in page and "Uppdateras" not in page
    assert "Spara 1 remissinstans<" in page and "1 rad stämmer redan med registret" in page
    session.commit()
    import re
    from html import unescape
    rows_json = unescape(re.search(r'name="rows" value="([^"]*)"', page).group(1))
    saved = auth.post("/admin/instanser/import", {"rows": rows_json, "confirm": "1"},
                      form_url="/admin/instanser/import")
    assert saved.status_code == 302
    assert "1 remissinstans tillagd och 0 uppdaterade" in client.get("/admin/instanser").get_data(as_text=True)
