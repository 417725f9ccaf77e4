"""walk25b Z9: an error summary lists its errors in the order of the fields on the page (GOV.UK, DIGG). Begär
förlängning said "Begärd den" before "Till och med datum", the field above it; Ny användare said "E-postadress"
before "Namn". Each form here is sent with every field wrong and its summary's links are checked against where the
fields they lead to stand in the rendered page."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_remiss, make_user

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def _summary_targets(page: str) -> list[str]:
    """The ids the (first) error summary's items link to, in the summary's order."""
    start = page.index('id="error-summary"')
    summary = page[start:page.index("</ul>", start)]
    return re.findall(r'<a href="#([^"]+)"', summary)


def assert_in_page_order(response, at_least: int) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    targets = _summary_targets(page)
    assert len(targets) >= at_least, targets
    places = {t: page.find(f' id="{t}"') for t in targets}
    assert all(at >= 0 for at in places.values()), places  # every link leads to a field on the page
    assert targets == sorted(targets, key=places.get)


@pytest.fixture
def signed_in(session, auth, clock) -> dict:
    """A nämnd with a remiss, and its administrator signed in: the ids the forms are sent for."""
    clock.set(NOW)
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    admin = make_user(session, role=Role.admin, namnder=[namnd], email="admin@kommun.se")
    remiss = make_remiss(session, namnd=namnd, now=NOW, received_on=date(2026, 10, 24),
                         deadline_on=date(2027, 1, 8), deadline_time=None)
    session.commit()
    ids = {"remiss_id": remiss.id, "namnd_id": namnd.id}
    auth.login(admin.email)
    session.rollback()  # let go of SQLite for the requests
    return ids


def test_every_summary_follows_its_form(signed_in, auth):
    rid, namnd_id = signed_in["remiss_id"], signed_in["namnd_id"]
    page = f"/remisser/{rid}"

    # Begär förlängning: Vem begärde, Till och med datum, Klockslag, Begärd den, Skäl, Underlag
    request = {"requested_by": "", "until_on": "31/2", "until_time": "25.70", "requested_on": "igår",
               "reason": "x" * 5000, "evidence_text": "y" * 200_001}
    assert_in_page_order(auth.post(f"{page}/forlangningar", request, form_url=page), 4)

    # Allmän förlängning från remittenten
    notice = {"sender": "z" * 300, "until_on": "", "until_time": "25.70", "notice_on": "igår"}
    assert_in_page_order(auth.post(f"{page}/forlangningar/allman", notice, form_url=page), 3)

    # Registrera remiss
    registration = {"title": "Lång " * 700, "remittent": "", "direction": "inkommande", "kind": "remiss",
                    "deadline_on": "31/2", "deadline_time": "25.70", "received_on": "igår",
                    "copy_emails": "inte-en-adress", "namnd_id": namnd_id}
    assert_in_page_order(auth.post("/remisser/ny", registration), 4)

    # Ändra uppgifter
    assert_in_page_order(auth.post(f"{page}/andra", dict(registration, direction="inkommande"),
                                    form_url=f"{page}/andra"), 4)

    # Sammanträdesplan
    meeting = {"kind": "ingen", "day": "igår", "time": "25.70", "place": "p" * 300, "handlingar_deadline": "x"}
    assert_in_page_order(auth.post(f"/namnder/{namnd_id}/sammantraden", meeting,
                                    form_url=f"/namnder/{namnd_id}/sammantraden"), 3)

    # Ny användare (WTForms): Namn stands before E-postadress on the page
    user = {"name": "", "email": "inte-en-adress", "title": "t" * 300, "role": "", "password": "kort"}
    assert_in_page_order(auth.post("/admin/anvandare/ny", user), 4)


def test_more_summaries_follow_their_forms(signed_in, auth):
    """The forms whose errors are put in their fields' order where they are made (remiss.field_order.in_field_order),
    beyond the six above, each sent with its fields wrong at once."""
    rid, namnd_id = signed_in["remiss_id"], signed_in["namnd_id"]
    page = f"/remisser/{rid}"

    # Tidplan, Ändra datum för hand: Milstolpe, Nytt datum, Motivering
    override = {"milestone_id": "ingen", "override_on": "31/2", "reason": "r" * 600}
    assert_in_page_order(auth.post(f"{page}/tidplan/andra", override, form_url=page), 3)

    # Tillgänglighetsredogörelsen: a telefonnummer too long was said before a wrong e-postadress
    statement = {"organisation_name": "", "contact_email": "inte-en-adress", "contact_phone": "1" * 60,
                 "contact_note": "n" * 5001, "known_issues": "", "reviewed_on": "igår"}
    assert_in_page_order(auth.post("/admin/tillganglighet", statement), 4)

    # Ny nämnd (WTForms): the page shows "justeras vanligen omedelbart" after the two workday fields below it
    namnd_form = {"name": "", "email": "inte-en-adress", "tjansteskrivelse_workdays_before_au": "x",
                  "granskning_workdays": "99", "justering_workdays_after_meeting": "x",
                  "expediering_workdays": "x", "website": "w" * 300}
    assert_in_page_order(auth.post("/admin/namnder/ny", namnd_form), 6)

    # Ny utgående remiss: "Ange sista svarsdag." was added after the parser's errors, below Missivets datum's
    outgoing = {"title": "", "namnd_id": namnd_id, "deadline_on": "", "deadline_time": "25.70",
                "letter_date": "igår", "answer_email": "inte-en-adress", "contact_email": "inte heller"}
    assert_in_page_order(auth.post("/remisser/ny-utgaende", outgoing), 4)
