"""walk8 finding 4: where a förlängning decides the deadline, the edit form and the extension match cards name both
the original sista svarsdag and the one in force, and saving the original says what it did."""
from datetime import date, datetime, time, timezone

from remiss.remisser.models import Remiss
from tests.intake.test_extension_time import NOTICE
from tests.intake.test_paste_seed000 import paste
from tests.intake.test_walk7 import kommun, mail, receive  # noqa: F401  (kommun is a fixture)
from tests.planning.test_extension_extends import _extended_to_noon

# the registered deadline is moved as a correction of a typing error (walk11 finding 6, test_deadline_correction)
FIX = {"confirm_deadline_correction": "1"}
BOTH = "29 mars 2024 kl. 12.00 – gäller: 30 april 2024 kl. 12.00 efter förlängning"


def test_the_edit_form_names_the_deadline_in_force_and_saving_the_original_says_what_it_does(
        client, auth, db, session, kommun, clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    url = f"/remisser/{rid}/andra"
    form = client.get(url).get_data(as_text=True)
    assert "Ursprunglig sista svarsdag" in form
    assert "Gäller: 30 april 2024 kl. 12.00 efter förlängning." in form

    r = auth.post(url, {"deadline_on": "2024-04-05", "deadline_time": "", **FIX}, form_url=url)
    assert r.status_code == 302
    shown = client.get(r.headers["Location"]).get_data(as_text=True)
    assert ("Den ursprungliga sista svarsdagen är nu 5 april 2024. Förlängningen gäller fortfarande: sista "
            "svarsdag är 30 april 2024 kl. 12.00.") in shown
    assert "30 april 2024 kl. 12.00" in shown and "förlängd från 5 april 2024" in shown
    with db.transaction() as s:
        fresh = s.get(Remiss, rid)
        assert (fresh.deadline_on, fresh.effective_deadline_on, fresh.effective_deadline_time) == \
            (date(2024, 4, 5), date(2024, 4, 30), time(12, 0))

    # an original corrected to after the förlängning is in force from then on, and the message says so
    r = auth.post(url, {"deadline_on": "2024-05-15", "deadline_time": "", **FIX}, form_url=url)
    shown = client.get(r.headers["Location"]).get_data(as_text=True)
    assert ("Den ursprungliga sista svarsdagen är nu 15 maj 2024. Den ligger efter förlängningen till 30 april 2024 "
            "kl. 12.00, så den gäller nu: sista svarsdag är 15 maj 2024.") in shown
    with db.transaction() as s:
        assert s.get(Remiss, rid).effective_deadline_on == date(2024, 5, 15)
    assert "Ursprunglig sista svarsdag" not in client.get(url).get_data(as_text=True)


def test_an_unextended_remiss_saves_as_before(client, auth, db, session, kommun, clock):
    from tests.support.factories import make_remiss

    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title="Annan remiss", deadline_on=date(2024, 3, 29),
                         received_on=date(2024, 2, 20))  # not Inkom after it: that is asked about (walk20 H12)
    session.commit()
    auth.login("reg@malmo.se")
    url = f"/remisser/{remiss.id}/andra"
    assert "Ursprunglig sista svarsdag" not in client.get(url).get_data(as_text=True)
    r = auth.post(url, {"deadline_on": "2024-04-05", **FIX}, form_url=url)
    shown = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Ändringarna är sparade." in shown and "ursprungliga" not in shown


def test_the_match_cards_name_the_deadline_in_force(client, auth, app, db, session, kommun, clock):
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    form_url = paste(auth, NOTICE.replace("30 april 2024 kl. 12.00", "31 maj 2024")).headers["Location"]
    card = client.get(form_url).get_data(as_text=True)
    assert f"(sista svarsdag {BOTH})" in card
    message = receive(db, app, mail("Förlängd remisstid – Skärpta straff för vapenbrott",
                                    NOTICE.replace("30 april 2024 kl. 12.00", "31 maj 2024"), "<kort@x>"))
    item = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert f"(sista svarsdag {BOTH})" in item
    assert rid


def test_an_extension_to_a_later_hour_of_the_same_day_is_shown_as_one(client, auth, db, session, kommun, clock):
    """The page header compared days only: a förlängning from 30 april kl. 10.00 to kl. 12.00 the same day was
    shown without "förlängd från", as if the original deadline were in force."""
    rid = _extended_to_noon(session, db, auth, kommun, clock)
    url = f"/remisser/{rid}/andra"
    r = auth.post(url, {"deadline_on": "2024-04-30", "deadline_time": "10.00", **FIX}, form_url=url)
    assert r.status_code == 302
    shown = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "30 april 2024 kl. 12.00" in shown
    assert "(förlängd från 30 april 2024 kl. 10.00)" in shown
