"""An extension notice that gives a clock time ("senast den 30 april 2024 kl. 12.00") keeps it all the way: the Inkorg
shows it, the merge records it, and the remiss's deadline in force ends at noon, not at the end of the day."""
from datetime import date, datetime, time, timezone

from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from tests.intake.test_paste_seed000 import paste, world
from tests.intake.test_walk7 import kommun, mail, receive  # noqa: F401  (kommun is a fixture)
from tests.support.factories import make_remiss

NOTICE = """Remiss av promemorian Skärpta straff för vapenbrott

Justitiedepartementet har förlängt remisstiden. Remissvaren ska i stället ha kommit in till Justitiedepartementet \
senast den 30 april 2024 kl. 12.00. Ange diarienummer Ju2023/04567 i ämnesraden.

Med vänlig hälsning
Per Ek
Justitiedepartementet
"""
TITLE = "Remiss av promemorian Skärpta straff för vapenbrott"


def test_the_inkorg_keeps_the_notices_clock_time_and_the_merge_records_it(client, auth, app, db, session, kommun,
                                                                           clock):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    message = receive(db, app, mail("Förlängd remisstid – Skärpta straff för vapenbrott", NOTICE, "<tid@x>"))
    assert (message.extension_to, message.extension_time) == (date(2024, 4, 30), time(12, 0))
    auth.login("reg@malmo.se")
    listed = client.get("/inkorg").get_data(as_text=True)
    assert "till 30 april 2024 kl. 12.00" in listed
    item = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert 'name="until_time" type="text" value="12.00"' in item

    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id, "extend": "1"}, form_url=url)
    assert response.status_code == 302
    with db.transaction() as s:
        granted = s.exec(select(Extension).where(Extension.remiss_id == remiss.id)).one()
        assert (granted.granted_until_on, granted.granted_until_time) == (date(2024, 4, 30), time(12, 0))
        assert s.get(InboxMessage, message.id).status == "merged"
    shown = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "30 april 2024 kl. 12.00" in shown


def test_a_typed_day_without_a_time_is_not_given_the_letters_time(client, auth, app, db, session, kommun, clock):
    """The sekreterare corrected the day: the letter's clock time belonged to the day it gave, not to the typed one."""
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    message = receive(db, app, mail("Förlängd remisstid – Skärpta straff för vapenbrott", NOTICE, "<tid2@x>"))
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id, "extend": "1", "until_on": "2024-05-03",
                                              "until_time": ""}, form_url=url)
    assert response.status_code == 302
    with db.transaction() as s:
        granted = s.exec(select(Extension).where(Extension.remiss_id == remiss.id)).one()
        assert (granted.granted_until_on, granted.granted_until_time) == (date(2024, 5, 3), None)


def test_the_pasted_notice_keeps_its_clock_time(client, auth, session, db, clock):
    clock.set(datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc))
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title=TITLE, remittent="Justitiedepartementet",
                             sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    auth.login("sekr@malmo.se")
    form_url = paste(auth, NOTICE).headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "allmän förlängning av remisstiden till 30 april 2024 kl. 12.00" in page
    assert 'name="until_time" type="text" value="12.00"' in page
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": registered.id, "extend": "1"},
                         form_url=form_url)
    assert response.status_code == 302
    with db.transaction() as s:
        granted = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert (granted.granted_until_on, granted.granted_until_time) == (date(2024, 4, 30), time(12, 0))
