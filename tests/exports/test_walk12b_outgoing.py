"""walk12b #16: the diarium export of utgående remisser – no "Inkom" day the page does not show; instead the day it
was upprättad, the day it went out and its answers, as the page and the start page say them."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import answers, sending
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session, app):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.granskare, namnder=[namnd], email="g@malmo.example")
    made = datetime(2026, 11, 20, 9, 0, tzinfo=STOCKHOLM)
    sent = make_remiss(session, namnd=namnd, direction="utgaende", title="Trafikplan", now=made,
                       received_on=date(2026, 11, 20), questions=["Fråga?"],
                       sandlista=[SandlistaItem("Miljönämnden", "miljo@malmo.example", ""),
                                  SandlistaItem("Vision", "vision@malmo.example", ""),
                                  SandlistaItem("Kommunal", "kommunal@malmo.example", "")])
    make_remiss(session, namnd=namnd, direction="utgaende", title="Utkast", now=made, received_on=date(2026, 11, 20),
                questions=["Fråga?"], sandlista=[SandlistaItem("Vision", "vision@malmo.example", "")])
    make_remiss(session, namnd=namnd, title="Inkommen", received_on=date(2026, 11, 18))
    with app.app_context():
        sending.send(session, now=datetime(2026, 11, 23, 10, 0, tzinfo=STOCKHOLM), principal=Principal.system(),
                     remiss=sent, files_dir=app.config["FILES_DIR"], base_url="")
    entries = remisser.entries(session, sent.id)
    answers.decline(session, now=datetime(2026, 11, 24, 10, 0, tzinfo=STOCKHOLM), principal=Principal.system(),
                    remiss=sent, entry=entries[1], answered_on=date(2026, 11, 24))
    session.commit()


def _by_title(table):
    head = table[0]
    return {row[head.index("Ärende")]: dict(zip(head, row)) for row in table[1:]}


def test_outgoing_rows_say_upprattad_skickad_and_svar_never_inkom(session, client, auth, app):
    _world(session, app)
    auth.login("g@malmo.example")
    raw = client.get("/remisser/export.csv").get_data().decode("utf-8-sig")
    rows = _by_title(list(csv.reader(io.StringIO(raw), delimiter=";")))
    sent, draft, incoming = rows["Trafikplan"], rows["Utkast"], rows["Inkommen"]
    assert sent["Inkom"] == "" and sent["Upprättad"] == "2026-11-20" and sent["Skickad"] == "2026-11-23"
    # no sweep has e-mailed the missiv: said as the start page says it (h-out22)
    assert sent["Svar"] == "0 av 3 har svarat, 1 avstår; missivet i utkorgen (inte skickat)"
    assert draft["Inkom"] == "" and draft["Skickad"] == "" and draft["Svar"] == "inte skickad än"
    assert incoming["Inkom"] == "2026-11-18" and incoming["Upprättad"] == incoming["Svar"] == ""
    book = load_workbook(io.BytesIO(client.get("/remisser/export.xlsx").get_data()))
    table = [["" if v is None else v for v in row] for row in book.active.iter_rows(values_only=True)]
    sheet = _by_title(table)
    assert sheet["Trafikplan"]["Inkom"] == "" and sheet["Trafikplan"]["Skickad"].date() == date(2026, 11, 23)
    assert sheet["Trafikplan"]["Svar"] == "0 av 3 har svarat, 1 avstår; missivet i utkorgen (inte skickat)"
