"""walk11 finding 21, the other forms: a missiv dated after the day it came in is asked about on Ändra uppgifter and
on the Inkorg's Registrera too, not only on Registrera remiss — one rule, remisser.input.letter_after_arrival."""
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.intake.test_walk7 import POLLED, mail, page_fields, receive, register_now
from tests.support.factories import make_namnd, make_remiss, make_user

QUESTION = "Missivet är daterat 3 december 2026, efter att det kom in 1 december 2026. Stämmer det?"


def test_the_edit_form_asks_when_the_dates_are_changed_to_a_missiv_after_inkom(client, auth, session, db, clock):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Miljöprogram", deadline_on=date(2027, 5, 5), deadline_time=None,
                         received_on=date(2026, 11, 20), letter_date=date(2026, 11, 18))
    session.commit()
    clock.set(datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc))
    auth.login("mia@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    form = {"title": "Miljöprogram", "deadline_on": "2027-05-05", "received_on": "2026-12-01",
            "letter_date": "2026-12-03", "notes": "Skrivet av mig"}
    response = auth.post(url, form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Missivet är daterat efter att det kom in" in page and QUESTION in page
    assert "Datumen stämmer – spara ändå" in page
    assert 'value="2026-12-03"' in page and "Skrivet av mig" in page  # nothing typed is lost
    with db.transaction() as s:
        assert s.get(Remiss, remiss.id).letter_date == date(2026, 11, 18)

    response = auth.post(url, {**form, "confirm_letter_date": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        assert s.get(Remiss, remiss.id).letter_date == date(2026, 12, 3)
    response = auth.post(url, {**form, "title": "Miljöprogram 2027"})  # the same pair again: not asked twice
    assert response.status_code == 302


DATED_LATER = """Remiss av promemorian Sänkt skatt på arbetsinkomster

Datum 2024-02-19

Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024. Svaren bör lämnas per e-post till
fi.remissvar@regeringskansliet.se. Ange diarienummer Fi2024/00345 och remissinstansens namn i ämnesraden.

Remissen ställs till Miljönämnden.
"""


def test_the_inbox_asks_before_registering_a_missiv_dated_after_inkom(client, auth, app, db, session, clock):
    miljo = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[miljo], email="reg@malmo.se")
    session.commit()
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt", DATED_LATER, "<dated@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    fields.update(received_on="2024-02-13", namnd_id=str(miljo.id))
    response = register_now(auth, message.id, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400, page[:2000]
    assert "Missivet är daterat 19 februari 2024, efter att det kom in 13 februari 2024. Stämmer det?" in page
    assert "Datumen stämmer – registrera ändå" in page
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []
    response = register_now(auth, message.id, **fields, confirm_letter_date="1")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        assert s.exec(select(Remiss)).one().letter_date == date(2024, 2, 19)
