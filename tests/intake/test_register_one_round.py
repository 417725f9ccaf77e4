"""The Inkorg's Registrera said a future Inkom only once the other fields were right (the service's check, after
to_remiss_data had passed): now, as on Registrera remiss and Ändra uppgifter (remiss.one_round), every error comes
in one answer, in the order of the fields, with what was typed kept."""
from __future__ import annotations

from remiss.intake.models import InboxMessage
from tests.intake.test_register_lock_order import _two_ways
from tests.support.pages import summary_items


def test_a_future_inkom_is_said_with_the_fields_that_could_not_be_read(client, auth, app, db, session, clock):
    url, inkorg_post, *_ = _two_ways(client, auth, app, db, session, clock)
    wrong = {**inkorg_post, "title": "", "received_on": "2030-01-01", "deadline_on": "31/2",
             "remittent": "Skrivet av mig"}
    response = client.post(f"{url}/registrera", data=wrong)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    items = summary_items(page, "Remissen är inte registrerad än")
    assert items[0].startswith("Ärendemening saknas"), items
    # old code: Ärendemening and Sista svarsdag; Inkom only in the next round
    assert items[1:] == ["Inkom: Inkom kan inte vara ett datum efter i dag (3 december 2026). Kontrollera datumet.",
                         "Sista svarsdag: Ange ett giltigt datum, till exempel 2027-01-11 eller 11 januari 2027."], items
    assert 'value="2030-01-01"' in page and 'value="31/2"' in page and 'value="Skrivet av mig"' in page
    message_id = int(url.rsplit("/", 1)[1])
    with db.transaction() as s:
        assert s.get(InboxMessage, message_id).status == "pending"  # nothing registered


def test_an_inkom_not_read_keeps_its_own_message(client, auth, app, db, session, clock):
    """Inkom not read: its parser's message, not a check on a day it could not read (nor a 500)."""
    url, inkorg_post, *_ = _two_ways(client, auth, app, db, session, clock)
    response = client.post(f"{url}/registrera", data={**inkorg_post, "received_on": "3000-01-01"})
    assert response.status_code == 400
    assert summary_items(response.get_data(as_text=True), "Remissen är inte registrerad än") == [
        "Inkom: Ange ett datum mellan år 1900 och 2199."]
