"""walk10 finding 5, the Inkorg's side: an extension notice that arrived by mail and is matched to a registered remiss
says on the match card, as the paste card does (the same rule and words), when its new day is not later than the
deadline in force, instead of offering "Registrera förlängningen" and refusing after the click."""
from datetime import date, time

from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from tests.intake.test_walk7 import POLLED, kommun, mail, receive  # noqa: F401
from tests.support.factories import make_remiss

SUBJECT = "Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)"
NOTICE = """Hej,

Remisstiden för remissen Skärpta straff för vapenbrott (Ju2023/04567) förlängs till den 15 april 2024.

Med vänlig hälsning
Per Ek
Justitiedepartementet
"""


def _setup(session, db, app, kommun, clock, message_id: str, **deadline):
    miljo, _, _ = kommun
    clock.set(POLLED)
    remiss = make_remiss(session, namnd=miljo, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", sender_dnr="Ju2023/04567", **deadline)
    session.commit()
    message = receive(db, app, mail(SUBJECT, NOTICE, message_id))
    assert message.extension_to == date(2024, 4, 15) and message.match_remiss_id == remiss.id
    return remiss, message


def test_a_new_day_before_the_deadline_in_force_is_said_on_the_inkorg_card(client, auth, session, db, app, kommun,
                                                                           clock):
    remiss, message = _setup(session, db, app, kommun, clock, "<early@x>",
                             deadline_on=date(2024, 4, 30), deadline_time=time(16, 0))
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    page = client.get(url).get_data(as_text=True)
    assert ("brevets nya svarsdag, 15 april 2024, är inte senare än sista svarsdagen som gäller, "
            "30 april 2024 kl. 16.00.") in page
    assert f"Registrera förlängningen på {remiss.our_dnr}" not in page
    assert "Registrera en allmän förlängning av remisstiden" not in page
    assert "Brevet förlänger svarstiden (till" not in page  # the parser's warning would contradict the card
    assert f"För samman med {remiss.our_dnr} utan förlängning" in page
    listing = client.get("/inkorg").get_data(as_text=True)
    assert f"Förläng {remiss.our_dnr} till" not in listing  # no one-click extension from the list either
    assert "Förlänger inte svarstiden: brevets nya svarsdag, 15 april 2024, är inte senare än den som gäller, " \
           "30 april 2024 kl. 16.00." in listing
    # the mail is still handled in one click: kept on the remiss, its deadline untouched
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id}, form_url=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{remiss.id}")
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "merged"
        assert s.exec(select(Extension)).all() == []


def test_the_same_day_on_a_date_only_deadline_names_the_whole_day(client, auth, session, db, app, kommun, clock):
    remiss, message = _setup(session, db, app, kommun, clock, "<same@x>", deadline_on=date(2024, 4, 15),
                             deadline_time=None)
    auth.login("reg@malmo.se")
    page = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert "är inte senare än sista svarsdagen som gäller, 15 april 2024 (hela dagen)." in page
    assert f"Registrera förlängningen på {remiss.our_dnr}" not in page


def test_a_later_day_is_still_offered_as_the_extension(client, auth, session, db, app, kommun, clock):
    remiss, message = _setup(session, db, app, kommun, clock, "<later@x>", deadline_on=date(2024, 3, 29))
    auth.login("reg@malmo.se")
    page = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert f"Registrera förlängningen på {remiss.our_dnr}" in page and "Ingen förlängning:" not in page
    assert f"Förläng {remiss.our_dnr} till 15 april 2024" in client.get("/inkorg").get_data(as_text=True)
