"""Diarium exports: CSV and XLSX hold exactly the filtered list the user sees, in its order."""
from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    other = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    user = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@malmo.se", name="Jesper Lindkvist")
    make_remiss(session, namnd=namnd, title="Förslag till ny IoF-plan", sender_dnr="KS-IOF-2010-00015",
                deadline_on=date(2026, 12, 18), handlaggare_id=user.id)
    make_remiss(session, namnd=namnd, title="=HYPERLINK(\"http://evil\")", sender_dnr="STK-2015-175",
                deadline_on=date(2026, 12, 11), remittent="Stadskontoret; expeditionen")
    make_remiss(session, namnd=namnd, title="Riktlinjer för missbruksvården", sender_dnr="SOF-2015-20",
                deadline_on=date(2027, 1, 15))
    make_remiss(session, namnd=other, title="Kulturstrategi (annan nämnd)", sender_dnr="KN-2014-2396")
    session.commit()
    return namnd


def _csv(client, query=""):
    response = client.get(f"/remisser/export.csv{query}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="diarium-')
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_csv_is_the_visible_list_sorted_by_deadline(client, auth, session):
    _world(session)
    auth.login("h@malmo.se")
    table = _csv(client)
    assert table[0][:4] == ["Vårt diarienummer", "Remittentens diarienummer", "Ärende", "Remittent"]
    assert [r[1] for r in table[1:]] == ["STK-2015-175", "KS-IOF-2010-00015", "SOF-2015-20"]
    iof = table[2]
    assert (iof[6], iof[7]) == ("Jesper Lindkvist", "Tilldelad")
    assert iof[9] == "2026-12-18" and iof[10] == "12:00"
    assert iof[12].endswith("/remisser/%s" % iof[12].rsplit("/", 1)[1])
    # Semicolons inside values are quoted, formulas are defused.
    assert table[1][3] == "Stadskontoret; expeditionen"
    assert table[1][2] == "'=HYPERLINK(\"http://evil\")"


def test_csv_follows_the_filters_and_search(client, auth, session):
    _world(session)
    auth.login("h@malmo.se")
    assert [r[1] for r in _csv(client, "?q=missbruk")[1:]] == ["SOF-2015-20"]
    assert [r[1] for r in _csv(client, "?deadline_from=2026-12-15&sort=-deadline")[1:]] == \
        ["SOF-2015-20", "KS-IOF-2010-00015"]
    page = client.get("/remisser?q=missbruk").get_data(as_text=True)
    assert "/remisser/export.csv?q=missbruk" in page and "/remisser/export.xlsx?q=missbruk" in page


def test_xlsx_opens_and_matches_the_list(client, auth, session):
    _world(session)
    auth.login("h@malmo.se")
    response = client.get("/remisser/export.xlsx?status=open")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.get_data()))["Diarium"]
    values = list(sheet.values)
    assert values[0][2] == "Ärende"
    assert [v[1] for v in values[1:]] == ["STK-2015-175", "KS-IOF-2010-00015", "SOF-2015-20"]
    assert values[1][2] == "=HYPERLINK(\"http://evil\")"  # kept as text, not a formula
    assert sheet.cell(row=2, column=3).data_type == "s"
    assert values[2][9].date() == date(2026, 12, 18)


def test_export_needs_login_and_a_known_format(client, auth, session):
    _world(session)
    assert client.get("/remisser/export.csv").status_code in (302, 401)
    auth.login("h@malmo.se")
    assert client.get("/remisser/export.pdf").status_code == 404


def test_large_export_streams_in_chunks(app, session):
    from remiss.exports import service

    rows = [service.ExportRow((f"D{i}", "", "Titel", "", "Inkommande", "N", "", "Registrerad", None, None, "", "Nej",
                               "")) for i in range(1200)]
    chunks = list(service.csv_chunks(iter(rows)))
    assert len(chunks) == 3
    assert sum(c.count("\r\n") for c in chunks) == 1201


def test_a_filter_with_errors_exports_nothing(client, auth, session):
    """Walk11 finding 7: a typo in a filter exported the whole diarium as if it were the filtered list."""
    _world(session)
    auth.login("h@malmo.se")
    for query in ("?deadline_from=2027-99-99", "?status=nonsense"):
        for fmt in ("csv", "xlsx"):
            response = client.get(f"/remisser/export.{fmt}{query}")
            body = response.get_data(as_text=True)
            assert response.status_code == 400, query
            assert "Content-Disposition" not in response.headers
            assert "Exporten är inte gjord: filtret innehåller fel." in body, query
        page = client.get(f"/remisser{query}").get_data(as_text=True)
        assert "/remisser/export." not in page and "Rätta filtret för att exportera listan." in page
    assert "Svarsdag från: Ange ett giltigt datum" in client.get("/remisser/export.csv?deadline_from=2027-99-99") \
        .get_data(as_text=True)
    # one charset in the header
    assert client.get("/remisser/export.csv").headers["Content-Type"] == "text/csv; charset=utf-8"
