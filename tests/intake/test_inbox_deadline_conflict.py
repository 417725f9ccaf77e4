"""The Inkorg's one-step Registrera with a date and the no-deadline tick together asks which holds, as the
registration form does (tests/remisser/test_registration.py), instead of saving the date and dropping the tick."""
from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.remisser.models import Remiss
from tests.intake.test_walk7 import POLLED, RK_TEXT, kommun, mail, page_fields, receive, register_now  # noqa: F401


def test_a_date_and_the_no_deadline_tick_together_ask_which_holds(client, auth, app, db, kommun, clock):
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<tick@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    assert fields["deadline_on"] == "2024-05-15"
    response = register_now(auth, message.id, **fields, no_deadline="1")
    page = response.get_data(as_text=True)
    assert response.status_code == 400, "registered with the date, the tick dropped"
    assert "Välj ett av dem: ta bort datumet eller krysset." in page
    assert 'href="#f-deadline_on"' in page  # the summary links to the field
    assert 'value="2024-05-15"' in page and 'name="no_deadline" value="1" checked' in page  # nothing typed lost
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == [] and s.get(InboxMessage, message.id).status == "pending"
    # the sekreterare removes the date: the tick holds, the remiss has no deadline
    response = register_now(auth, message.id, **dict(fields, deadline_on=""), no_deadline="1")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        assert remiss.deadline_on is None and s.get(InboxMessage, message.id).status == "registered"


def test_the_date_alone_still_registers_in_one_step(client, auth, app, db, kommun, clock):
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<date@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    assert register_now(auth, message.id, **fields, no_deadline="").status_code == 302
    with db.transaction() as s:
        assert s.exec(select(Remiss)).one().deadline_on.isoformat() == "2024-05-15"


def test_the_tick_goes_along_to_the_registration_form_which_asks_the_same(client, auth, app, db, kommun, clock):
    """"Öppna i registreringsformuläret i stället": the tick is not lost on the way."""
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<form@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    response = register_now(auth, message.id, **fields, no_deadline="1", oppna="1")
    assert response.status_code == 302 and "/remisser/ny?missiv=" in response.headers["Location"]
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="2024-05-15"' in form and 'name="no_deadline" value="1" checked' in form
