"""The diarium export's Klockslag for utgående remisser (item 7 of the walk12b follow-up): a sista svarsdag given
without a time of day has an empty Klockslag – in the CSV and in the Excel file, reopened – and one given with a
time has it, also after the time is taken away on "Ändra uppgifter". (Checked against the walk's own export: its
"12:00" rows were remisser registered with Klockslag 12.00.)"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from openpyxl import load_workbook
from sqlmodel import select

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_user


def test_klockslag_is_empty_without_a_time_of_day(session, client, auth, clock):
    clock.set(datetime(2026, 12, 4, 23, 40, tzinfo=timezone.utc))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    nid, email = namnd.id, user.email
    session.rollback()
    auth.login(email)
    base = {"namnd_id": str(nid), "deadline_on": "2026-12-18", "new_instanser": "Kommunal; k@example.se"}
    for title, at in (("Utan klockslag", ""), ("Med klockslag", "12.00"), ("Klockslaget borttaget", "15.00")):
        assert auth.post("/remisser/ny-utgaende", dict(base, title=title, deadline_time=at)).status_code == 302
    rid = session.exec(select(Remiss.id).where(Remiss.title == "Klockslaget borttaget")).one()
    session.rollback()
    url = f"/remisser/{rid}/andra"
    assert auth.post(url, {"deadline_time": ""}, form_url=url).status_code == 302
    text = client.get("/remisser/export.csv?direction=utgaende").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["Ärende"]: r["Klockslag"] for r in rows} == {
        "Utan klockslag": "", "Med klockslag": "12:00", "Klockslaget borttaget": ""}
    book = load_workbook(io.BytesIO(client.get("/remisser/export.xlsx?direction=utgaende").get_data()))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    title, clock_at = header.index("Ärende"), header.index("Klockslag")
    cells = {row[title]: row[clock_at] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells["Utan klockslag"] in (None, "") and cells["Klockslaget borttaget"] in (None, "")
    assert cells["Med klockslag"] == "12:00"
