"""Issue 19 item 2: every export neutralises cells through one function; user text never becomes a formula."""
from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from remiss.auth.models import Role
from remiss.exports.cells import csv_field, neutralise
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user

EVIL_DNR = '=HYPERLINK("http://evil.example","Öppna")&T("'


def test_neutralise_quotes_every_formula_start_for_csv():
    for start in ("=", "+", "-", "@", "\t", "\r", "\n", "＝"):
        assert csv_field(start + "1+1") == "'" + start + "1+1"
    assert csv_field("Kommunal") == "Kommunal" and csv_field(None) == ""
    assert csv_field(date(2026, 12, 3)) == "2026-12-03"
    assert neutralise("=1+1", quote=False) == "=1+1"  # an XLSX text cell keeps the wording
    assert neutralise("a\x00b\x1fc") == "abc"  # characters an XLSX file cannot hold


def test_the_outgoing_overview_has_no_formula_cells_and_real_dates(session, client, auth):
    namnd = make_namnd(session)
    make_user(session, role=Role.registrator, namnder=[namnd], email="reg@malmo.se")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", our_dnr=EVIL_DNR, title='")',
                         sandlista=[SandlistaItem("=cmd|' /C calc'!A0", "a@example.se", "-grupp"),
                                    SandlistaItem("\tTabb", "b@example.se", "@grupp")])
    entries = remisser.entries(session, remiss.id)
    entries[0].answer_status, entries[0].answered_on, entries[0].summary = "svarat", date(2026, 12, 3), "+SUM(A1)"
    session.add(entries[0])
    session.commit()
    auth.login("reg@malmo.se")
    response = client.get(f"/remisser/{remiss.id}/utskick/svarsstatus.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert [c for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    assert sheet["A1"].value.startswith(EVIL_DNR[:10])  # the title row: text, not a live HYPERLINK
    row = [c.value for c in sheet[3]]
    assert row[0] == "=cmd|' /C calc'!A0" and row[7].date() == date(2026, 12, 3)
    response = client.get(f"/remisser/{remiss.id}/utskick/svarsstatus.csv")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert table[1][0] == "'=cmd|' /C calc'!A0" and table[1][1] == "'-grupp" and table[1][7] == "2026-12-03"
    assert table[1][12] == "'+SUM(A1)" and table[2][0] == "'\tTabb"
