"""Walk 23 W5: every field error of the registration form in one round, Kopia till among them (JS off: a plain
POST, as the walk sent it). The walk saw the invalid "Kopia till" address said only after the other four were put
right; this holds the one round."""
from __future__ import annotations

import re

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_user


def test_all_five_field_errors_come_at_once_and_keep_what_was_typed(client, auth, session):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    title = ("Lång ärendemening " * 167).strip()  # 3 005 tecken
    form = {"title": title, "remittent": "Socialdepartementet", "direction": "inkommande", "kind": "remiss",
            "deadline_on": "31/2", "deadline_time": "25.70", "received_on": "igår",
            "copy_emails": "inte-en-adress, a@b.se", "namnd_id": namnd.id}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    summary = page[page.index('id="error-summary"'):]
    summary = re.sub(r"<[^>]+>", "", summary[:summary.index("</ul>")])
    date_error = "Ange ett giltigt datum, till exempel 2027-01-11 eller 11 januari 2027."
    for said in ("Ärendemening: Högst 500 tecken (texten har 3\u00a0005).", f"Inkom: {date_error}",
                 f"Sista svarsdag: {date_error}", "Klockslag: Ange klockslag, till exempel 12.00.",
                 "Kopia till: ”inte-en-adress” är inte en giltig e-postadress."):
        assert said in summary
    assert 'value="inte-en-adress, a@b.se"' in page and 'value="igår"' in page and 'value="25.70"' in page
