"""walk12b #19: the small things – a long instans name, the svarsstatus export's header and clock time, the
Avstår comment kept on the form, and the start page's words for a läsare and for a remiss not yet sent."""
from __future__ import annotations

import io
from datetime import date, time

from openpyxl import load_workbook

from remiss.auth.models import Role
from remiss.outgoing.models import Organisation
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from sqlmodel import select
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session):
    namnd = make_namnd(session)
    users = {role: make_user(session, role=role, namnder=[namnd], email=f"{role.value}@malmo.example")
             for role in (Role.registrator, Role.lasare, Role.admin)}
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                         deadline_on=date(2026, 12, 4), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Vision", "vision@malmo.example", "Fack")])
    ids = {"remiss": remiss.id, "entry": remisser.entries(session, remiss.id)[0].id}
    session.commit()
    return users, ids


def test_a_name_longer_than_the_register_holds_is_refused_in_swedish_and_kept(session, client, auth):
    _world(session)
    auth.login("admin@malmo.example")
    name = "Förening " + "x" * 600
    response = auth.post("/admin/instanser/ny", {"name": name, "active": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Högst 300 tecken (texten har 609)." in page
    assert f'value="{name}"' in page and 'maxlength="300"' not in page  # what was typed is kept, not cut
    assert session.exec(select(Organisation).where(Organisation.name == name)).first() is None


def test_svarsstatus_csv_says_its_charset_once_and_the_time_as_the_diarium_export_writes_it(session, client, auth):
    """The Klockslag column is "12:00" in the svarsstatus export, as in the diarium's export and the API (walk27 Y5:
    "kl. 12.00" in one file and "12:00" in the other; a spreadsheet joining the two got text in one)."""
    _, ids = _world(session)
    auth.login("registrator@malmo.example")
    response = client.get(f"/remisser/{ids['remiss']}/utskick/svarsstatus.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    text = response.get_data().decode("utf-8-sig")
    assert ";12:00;" in text and "kl. 12.00" not in text, text
    diarium = client.get("/remisser/export.csv").get_data().decode("utf-8-sig")
    assert ";12:00;" in diarium, diarium
    book = load_workbook(io.BytesIO(client.get(f"/remisser/{ids['remiss']}/utskick/svarsstatus.xlsx").get_data()))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "12:00" in cells and "kl. 12.00" not in cells


def test_the_avstar_comment_is_on_the_form_when_the_page_is_opened_again(session, client, auth):
    _, ids = _world(session)
    auth.login("registrator@malmo.example")
    url = f"/remisser/{ids['remiss']}/utskick/instanser/{ids['entry']}"
    note = "Vision avstår, frågan berör inte våra medlemmar."
    assert auth.post(url, {"action": "decline", "note": note, "confirm_decline": "1"}).status_code == 302
    page = client.get(url).get_data(as_text=True)
    form = page.split("<h2>Avstår</h2>", 1)[1].split("</form>", 1)[0]
    assert f'value="{note}"' in form


def _section(page: str) -> str:
    return page.split('id="h-utskick"', 1)[1].split("</section>", 1)[0]


def test_a_lasare_is_not_told_to_skota_and_an_unsent_remiss_has_nobody_waiting(session, client, auth):
    _world(session)
    auth.login("lasare@malmo.example")
    section = _section(client.get("/").get_data(as_text=True))
    assert "Pågående utgående remisser (1)" in section and "att sköta" not in section
    assert "inte skickad än" in section and "väntar)" not in section
    auth.logout()
    auth.login("registrator@malmo.example")
    assert "Utgående remisser att sköta (1)" in _section(client.get("/").get_data(as_text=True))
