"""walk27 Y12: on Ändra uppgifter a future Inkom passed silently beside an empty Ärendemening, a Sista svarsdag that
is no date and 500 frågeställningar; it was said only after those were right. All four come in one answer, in the
order of the fields, with what was typed kept."""
from __future__ import annotations

from datetime import datetime, timezone

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import summary_items

QUESTIONS = "\n".join(f"Fråga {n}?" for n in range(1, 501))


def test_a_future_inkom_is_said_with_the_fields_that_could_not_be_read(client, auth, session, clock):
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Promemorian Skattelättnader")
    session.commit()
    rid = remiss.id
    session.rollback()
    auth.login("sekr@kommun.se")
    url = f"/remisser/{rid}/andra"
    form = {"title": "", "received_on": "2030-01-01", "deadline_on": "2027-13-40", "deadline_time": "",
            "namnd_id": str(namnd.id), "remittent": "Finansdepartementet", "questions": QUESTIONS}
    response = auth.post(url, form, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    items = summary_items(page)
    # old code: Ärendemening, Sista svarsdag and the frågeställningar; Inkom only in the next round
    assert items == ["Ärendemening: Fältet måste fyllas i.",
                     "Inkom: Inkom kan inte vara ett datum efter i dag (6 december 2026). Kontrollera datumet.",
                     "Sista svarsdag: Ange ett giltigt datum, till exempel 2027-01-11 eller 11 januari 2027.",
                     "Frågeställningar: Högst 200 frågeställningar (här finns 500)."], items
    assert 'value="2030-01-01"' in page and 'value="2027-13-40"' in page and "Fråga 500?" in page
    session.expire_all()
    assert session.get(Remiss, rid).title == "Promemorian Skattelättnader"  # nothing saved


def test_a_date_not_read_is_skipped_by_the_checks_that_need_it(client, auth, session, clock):
    """Inkom not read, Sista svarsdag read: no 500, Inkom's own message, and nothing said twice."""
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Promemorian")
    session.commit()
    rid = remiss.id
    session.rollback()
    auth.login("sekr@kommun.se")
    url = f"/remisser/{rid}/andra"
    response = auth.post(url, {"title": "", "received_on": "3000-01-01", "deadline_on": "2027-01-29",
                               "namnd_id": str(namnd.id)}, form_url=url)
    assert response.status_code == 400
    assert summary_items(response.get_data(as_text=True)) == [
        "Ärendemening: Fältet måste fyllas i.", "Inkom: Ange ett datum mellan år 1900 och 2199."]


def test_registrera_remiss_says_a_future_inkom_with_the_rest_too(client, auth, session, clock):
    """The same on Registrera remiss: the future Inkom was the service's, said once the fields were read."""
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    response = auth.post("/remisser/ny", {"title": "", "direction": "inkommande", "kind": "remiss",
                                          "received_on": "2030-01-01", "deadline_on": "2027-13-40",
                                          "namnd_id": str(namnd.id), "notes": "Skrivet av mig"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert summary_items(page) == [
        "Ärendemening: Fältet måste fyllas i.",
        "Inkom: Inkom kan inte vara ett datum efter i dag (6 december 2026). Kontrollera datumet.",
        "Sista svarsdag: Ange ett giltigt datum, till exempel 2027-01-11 eller 11 januari 2027."]
    assert 'value="2030-01-01"' in page and "Skrivet av mig" in page
