"""walk8 findings 10 and 16: the nämnd preselected from the last registration is said as such; a missiv naming two of
the user's nämnder preselects none; the match card's extension offer is not repeated as a note."""
from datetime import datetime, timezone

from remiss.auth.models import Role
from tests.intake.test_paste_seed000 import paste
from tests.intake.test_walk8_extension import PASTED, _registered
from tests.support.factories import make_namnd, make_remiss, make_user

KROKOM = """Remiss: Reviderade lokala föreskrifter

Synpunkter lämnas skriftligen senast den 5 april 2027 till:
Krokoms kommun, Bygg och miljönämnden, 835 80 KROKOM
eller via e-post till Nisse Werner

Frågor under remisstiden besvaras av Nisse Werner.
E-post: nisse.werner@krokom.se
"""


def _two_namnder(session):
    ks = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    oster = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOÖ")
    user = make_user(session, role=Role.registrator, namnder=[ks, oster], email="reg@kommun.se")
    session.commit()
    return ks, oster, user


def test_the_last_used_namnd_is_said_to_be_preselected(client, auth, session, clock):
    from remiss.remisser.models import Remiss

    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    ks, oster, user = _two_namnder(session)
    earlier = make_remiss(session, namnd=ks, title="Tidigare remiss")
    session.get(Remiss, earlier.id).created_by_id = user.id
    session.commit()
    auth.login("reg@kommun.se")
    page = client.get(paste(auth, KROKOM).headers["Location"]).get_data(as_text=True)
    assert f'<option value="{ks.id}" selected>' in page
    assert "Förvald: den nämnd du registrerade för senast – kontrollera." in page


def test_two_namnder_named_preselect_none(client, auth, session, clock):
    from remiss.remisser.models import Remiss

    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    ks, oster, user = _two_namnder(session)
    earlier = make_remiss(session, namnd=ks, title="Tidigare remiss")
    session.get(Remiss, earlier.id).created_by_id = user.id
    session.commit()
    auth.login("reg@kommun.se")
    text = "Remiss av förslag till trafikplan\n\nRemissen ställs till Stadsområdesnämnd Öster och Kommunstyrelsen.\n" \
        "Svar senast den 5 april 2027."
    page = client.get(paste(auth, text).headers["Location"]).get_data(as_text=True)
    assert " selected>" not in page.split('id="f-namnd_id"')[1].split("</select>")[0]
    assert "välj" in page and "Förvald: den nämnd du registrerade för senast" not in page


def test_the_match_card_is_not_repeated_as_a_note(client, auth, session, clock):
    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    _registered(session)
    auth.login("sekr@malmo.se")
    page = client.get(paste(auth, PASTED).headers["Location"]).get_data(as_text=True)
    assert "Brevet förlänger svarstiden för en registrerad remiss" in page
    assert "förlängas i stället" not in page
    assert "Brevet förlänger svarstiden (till 15 maj 2027 kl. 15.00)." in page


def test_the_inkorg_says_the_last_namnd_and_preselects_none_for_two(client, auth, session, db, app, clock):
    from remiss.intake.service import inbox
    from remiss.intake.reading import ReadLimits
    from remiss.remisser.models import Remiss
    from tests.intake.test_inbox import mail

    clock.set(datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc))
    ks, oster, user = _two_namnder(session)
    earlier = make_remiss(session, namnd=ks, title="Tidigare remiss")
    session.get(Remiss, earlier.id).created_by_id = user.id
    session.commit()
    limits = ReadLimits(app.config["UPLOAD_MAX_BYTES"])
    polled = datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc)
    with db.transaction() as s:
        none_named, _ = inbox.receive(s, now=polled, raw=mail("Remiss: Reviderade lokala föreskrifter", KROKOM,
                                                               "<krokom@krokom.se>"),
                                       files_dir=app.config["FILES_DIR"], limits=limits)
        two_named, _ = inbox.receive(s, now=polled, raw=mail(
            "Remiss av förslag till trafikplan", "Remissen ställs till Stadsområdesnämnd Öster och Kommunstyrelsen.\n"
            "Svar senast den 5 april 2027.", "<trafikplan@kommun.se>"), files_dir=app.config["FILES_DIR"], limits=limits)
        ids = none_named.id, two_named.id
    auth.login("reg@kommun.se")
    page = client.get(f"/inkorg/{ids[0]}").get_data(as_text=True)
    assert f'<option value="{ks.id}" selected>' in page
    assert "Förvald: den nämnd du registrerade för senast – kontrollera." in page
    page = client.get(f"/inkorg/{ids[1]}").get_data(as_text=True)
    assert " selected>" not in page.split('<select id="f-namnd_id"')[1].split("</select>")[0]
    assert "välj" in page
