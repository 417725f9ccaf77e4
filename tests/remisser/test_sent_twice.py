"""walk17 F11: a double-click on Registrera sent the same form twice. The remiss was registered once, but the second
request showed the form again with "Remissen kan redan vara registrerad – <the one just made>" and "registrera
ändå", a duplicate one tick away. The second sending is shown the receipt of the remiss it registered."""
import re

from sqlmodel import select

from remiss.remisser.models import Remiss
from tests.remisser.test_registration import SEED_000_FORM, _world


def _token(client) -> str:
    page = client.get("/remisser/ny").get_data(as_text=True)
    return re.search(r'name="form_once" value="([0-9a-f]{32})"', page).group(1)


def test_the_same_form_sent_twice_shows_the_receipt_of_the_one_registered(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": _token(client)}
    first = auth.post("/remisser/ny", form)
    assert first.status_code == 302
    client.get(first.headers["Location"])  # the first receipt, shown (the flash is used up)
    second = auth.post("/remisser/ny", form)
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Remissen är registrerad med diarienummer LB 2026/0001." in page
    assert re.search(r"Formuläret skickades två gånger; remissen registrerades en gång, av dig för \d+ sekunde?r? "
                     r"sedan\.", page)
    assert "Remissen kan redan vara registrerad" not in page
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1


def test_a_form_that_came_back_with_a_question_keeps_its_token_and_registers_once(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    token = _token(client)
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "form_once": token}
    del form["confirm_past_deadline"]
    asked = auth.post("/remisser/ny", form).get_data(as_text=True)
    assert 'name="confirm_past_deadline"' in asked and f'name="form_once" value="{token}"' in asked
    first = auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1"})
    again = auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1"})  # "registrera ändå" double-clicked
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1
    # a new form (a new token) for the same letter is asked about as before
    html = auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1", "form_once": _token(client)}) \
        .get_data(as_text=True)
    assert "Remissen kan redan vara registrerad" in html
