"""left17 #5: an empty "Registrera remiss" with Riktning Utgående reported only Ärendemening and Ansvarig nämnd; the
sista svarsdag and the sändlista came one submit later. Like "Ny utgående remiss" (walk16 #11), every missing field
is said at once, by the same rule (outgoing.service.sending.outgoing_problems / sandlista_problem)."""
from __future__ import annotations

import html
import re

from sqlmodel import func, select

from remiss.auth.models import Role
from remiss.outgoing.service.sending import NO_SANDLISTA
from remiss.remisser.models import Remiss
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_user

EMPTY = {"direction": "utgaende", "kind": "remiss", "title": "", "namnd_id": "", "deadline_on": "",
         "deadline_time": "", "sandlista": "", "remittent": "", "sender_dnr": "", "our_dnr": "", "received_on": "",
         "letter_date": "", "contact_name": "", "contact_email": "", "handlaggare": "", "questions": "", "notes": ""}


def _summary(page: str) -> list[str]:
    """The form's error summary, one entry a field: "Sista svarsdag: Ange sista svarsdag."."""
    found = re.search(r'<div class="error-summary".*?</ul>', page, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", found.group(0), re.S)] if found else []


def test_an_empty_outgoing_registration_names_every_missing_field(session, auth, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session)
    email = make_user(session, role=Role.admin, namnder=[namnd]).email
    session.commit()
    namnd_id = namnd.id
    auth.login(email)
    before = session.exec(select(func.count()).select_from(Remiss)).one()
    session.rollback()  # let go of SQLite for the request
    response = auth.post("/remisser/ny", EMPTY, form_url="/remisser/ny?direction=utgaende")
    assert response.status_code == 400
    # every field at once, as "Ny utgående remiss" says them; no "kryssa i att remissen inte har någon": an
    # utgående remiss gives its instanser a svarsdag; in the order of the fields on the page (walk25b Z9)
    assert _summary(response.get_data(as_text=True)) == [
        "Ärendemening: Fältet måste fyllas i.", "Sista svarsdag: Ange sista svarsdag.",
        "Ansvarig nämnd: Välj en nämnd.", f"Sändlista: {NO_SANDLISTA}"]  # walk29 A9
    # the rest filled in, the sändlista still empty: refused too (old code registered it without instanser)
    filled = dict(EMPTY, title="Förslag till cykelplan", namnd_id=str(namnd_id), deadline_on="2027-03-01")
    response = auth.post("/remisser/ny", filled, form_url="/remisser/ny?direction=utgaende")
    assert response.status_code == 400
    assert _summary(response.get_data(as_text=True)) == [f"Sändlista: {NO_SANDLISTA}"]
    assert 'value="Förslag till cykelplan"' in response.get_data(as_text=True)  # what was typed stays
    assert session.exec(select(func.count()).select_from(Remiss)).one() == before
    session.rollback()
    response = auth.post("/remisser/ny", dict(filled, sandlista="Tekniska nämnden"),
                         form_url="/remisser/ny?direction=utgaende")
    assert response.status_code == 302
