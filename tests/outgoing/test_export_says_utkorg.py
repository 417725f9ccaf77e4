"""h-out22: the svarsstatus export (CSV and Excel) said "Skickad 2026-12-04, Skickad med e-post" for an instans whose
missiv still waited in the Utkorg, while its row on the page says "i utkorgen (inte skickat)" (walk21 J3). The export
now says what the row says, from the same rule (held.row_words), until a sweep has e-mailed it; so does the instans's
own page."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone
from html import unescape

from openpyxl import load_workbook
from sqlalchemy import update

from remiss.auth.models import Role
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.outgoing.conftest import run_sweep
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm
WAITS, FAILED = "i utkorgen (inte skickat)", "kunde inte e-postas (se utkorgen)"


def _sent_remiss(session, auth, clock) -> str:
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    # the name starts like a formula: it stays text in both files
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 29), deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", ""),
                                    SandlistaItem("=Miljönämnden", "miljo@example.se", ""),
                                    SandlistaItem("Pensionärsrådet", "", "")])
    post = remisser.entries(session, remiss.id)[2]
    post.postal_address, post.own_address = "Box 1\n205 00 Malmö", True
    session.add(post)
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    return page


def _csv(client, page: str) -> dict[str, tuple[str, str]]:
    """name → (Skickad, Skickad med) from the CSV file."""
    rows = list(csv.reader(io.StringIO(client.get(f"{page}/utskick/svarsstatus.csv").data.decode("utf-8-sig")),
                           delimiter=";"))
    sent, how = rows[0].index("Skickad"), rows[0].index("Skickad med")
    return {row[0]: (row[sent], row[how]) for row in rows[1:]}


def _xlsx(client, page: str) -> dict[str, tuple]:
    """name → (Skickad, Skickad med) from the Excel file, reopened; every text cell is text, never a formula."""
    sheet = load_workbook(io.BytesIO(client.get(f"{page}/utskick/svarsstatus.xlsx").data)).active
    rows = list(sheet.iter_rows(min_row=2))
    header = [c.value for c in rows[0]]
    sent, how = header.index("Skickad"), header.index("Skickad med")
    assert all(c.data_type != "f" for row in rows for c in row)
    return {row[0].value: (row[sent].value, row[how].value) for row in rows[1:]}


def test_the_export_says_the_missiv_waits_in_the_utkorg_as_the_page_does(session, client, auth, clock, runner, smtp):
    page = _sent_remiss(session, auth, clock)
    assert WAITS in client.get(page).get_data(as_text=True)  # the page's row (walk21 J3)
    assert _csv(client, page) == {"Trafiknämnden": ("", WAITS), "'=Miljönämnden": ("", WAITS),
                                  "Pensionärsrådet": ("2026-12-04", "post")}
    assert _xlsx(client, page) == {"Trafiknämnden": (None, WAITS), "=Miljönämnden": (None, WAITS),
                                   "Pensionärsrådet": (datetime(2026, 12, 4), "post")}

    session.execute(update(OutboxMessage).where(OutboxMessage.recipient_email == "miljo@example.se")
                    .values(status="failed", last_error="550 Mailbox unavailable"))
    session.commit()
    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)  # e-mails the one still waiting, through a real SMTP server
    assert [rcpts for rcpts, _ in mailed] == [["trafik@example.se"]]
    session.rollback()
    assert FAILED in client.get(page).get_data(as_text=True)
    assert _csv(client, page) == {"Trafiknämnden": ("2026-12-04", "e-post"), "'=Miljönämnden": ("", FAILED),
                                  "Pensionärsrådet": ("2026-12-04", "post")}
    assert _xlsx(client, page)["Trafiknämnden"] == (datetime(2026, 12, 4), "e-post")
    assert _xlsx(client, page)["=Miljönämnden"] == (None, FAILED)


def _entry_page(client, page: str, entry_id: int) -> str:
    html = client.get(f"{page}/utskick/instanser/{entry_id}").get_data(as_text=True)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_instans_page_says_its_missiv_waits_in_the_utkorg(session, client, auth, clock, runner, smtp):
    """Its own page said "skickad 4 december 2026 med e-post" and "Missivet är redan skickat med e-post" while the
    missiv waited in the Utkorg."""
    page = _sent_remiss(session, auth, clock)
    rid = int(page.rsplit("/", 1)[1])
    trafik, miljo, post = (e.id for e in remisser.entries(session, rid))
    session.rollback()
    shown = _entry_page(client, page, trafik)
    assert "· missivet i utkorgen (inte skickat)" in shown
    assert ("Missivet ligger i utkorgen och är inte skickat än; det e-postas till adressen som gällde när remissen "
            "skickades. En ändring här gäller påminnelser och senare meddelanden.") in shown
    assert "skickad 4 december 2026" not in shown and "redan skickat" not in shown
    assert "skickad 4 december 2026 per post" in _entry_page(client, page, post)  # a letter is as it was

    session.execute(update(OutboxMessage).where(OutboxMessage.recipient_email == "miljo@example.se")
                    .values(status="failed", last_error="550 Mailbox unavailable"))
    session.commit()
    clock.advance(minutes=3)
    run_sweep(runner, smtp, clock.now)
    session.rollback()
    failed = _entry_page(client, page, miljo)
    assert "· missivet kunde inte e-postas (se utkorgen)" in failed
    assert "Missivet kunde inte e-postas (se utkorgen); en ändring här gäller påminnelser" in failed
    sent = _entry_page(client, page, trafik)  # e-mailed by the sweep
    assert "skickad 4 december 2026 med e-post" in sent and "Missivet är redan skickat med e-post" in sent
    assert "i utkorgen" not in sent


def _diarium_answers(client) -> tuple[str, str]:
    """The Svar of the one remiss in the diarium's export, from the CSV file and from the Excel file reopened."""
    rows = list(csv.reader(io.StringIO(client.get("/remisser/export.csv").data.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(client.get("/remisser/export.xlsx").data)).active
    cells = list(sheet.iter_rows(values_only=True))
    return rows[1][rows[0].index("Svar")], cells[1][list(cells[0]).index("Svar")]


def test_the_diarium_export_says_the_missiv_waits_as_the_start_page_does(session, client, auth, clock, runner, smtp):
    _sent_remiss(session, auth, clock)
    waiting = "0 av 3 har svarat; missivet i utkorgen (inte skickat)"
    assert waiting in " ".join(unescape(client.get("/").get_data(as_text=True)).split())  # the start page (J3)
    assert _diarium_answers(client) == (waiting, waiting)
    clock.advance(minutes=3)
    assert len(run_sweep(runner, smtp, clock.now)) == 2
    session.rollback()
    assert _diarium_answers(client) == ("0 av 3 har svarat", "0 av 3 har svarat")
