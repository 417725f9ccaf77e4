"""Extension notices worded as tests/data/missiv/kinds/ext-dev2.json words them reach a registered remiss end to end:
pasted into the registration form (a region's table of the old and the new svarsdag) and polled into the Inkorg (a
region's mail "Svarsdatumet … flyttas från … till …"); a refusal proposes no extension. The texts are variants of the
development set's built notices (round h-ext), not the held-back ones."""
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.planning.models import Extension
from remiss.remisser.models import Remiss
from tests.intake.test_inbox import mail
from tests.intake.test_paste_seed000 import paste, world
from tests.support.factories import make_remiss

TABLE = """Från: Region Västmanland <regionen@regionvastmanland.se>
Skickat: den 2 mars 2027 10:14
Ämne: Förlängd svarstid – Regional utvecklingsstrategi för Västmanland 2030

Region Västmanland
Regionkontoret

Diarienummer: RV 2026-01187

Med anledning av önskemål från flera kommuner ändras svarstiden för remissen.

Ursprunglig svarsdag: 2027-04-15
Ny svarsdag: 2027-05-14

Remissvaren skickas till regionen@regionvastmanland.se.
"""
MOVED = """Till kommunerna i Jämtlands län

Svarsdatumet för remissen Näringslivsstrategi för Jämtlands län flyttas från 2027-02-26 till 2027-03-19 på grund \
av sportlovsveckorna.

Diarienummer: RJH 2026/1990

Vänliga hälsningar
Malin Ås
Region Jämtland Härjedalen
"""
REFUSED = """Hej,

Tack för er begäran om förlängd svarstid för remissen RJH 2026/1990. Tyvärr kan vi inte förlänga remisstiden. \
Svaren ska därför ha kommit in senast den 26 februari 2027 som tidigare meddelats.

Malin Ås
Region Jämtland Härjedalen
"""


def _registered(session, title, remittent, dnr, deadline):
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title=title, remittent=remittent, sender_dnr=dnr,
                             deadline_on=deadline)
    session.commit()
    return registered


def test_a_pasted_table_of_old_and_new_svarsdag_extends_the_registered_remiss(client, auth, session, db, clock):
    clock.set(datetime(2027, 3, 2, 11, 0, tzinfo=timezone.utc))
    registered = _registered(session, "Regional utvecklingsstrategi för Västmanland 2030", "Region Västmanland",
                             "RV 2026-01187", date(2027, 4, 15))
    auth.login("sekr@malmo.se")
    form_url = paste(auth, TABLE).headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert "Brevet förlänger svarstiden för en registrerad remiss" in page
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": registered.id, "extend": "1"},
                         form_url=form_url)
    assert response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 1  # no second registration
        extension = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).one()
        assert extension.granted_until_on == date(2027, 5, 14)  # the new day, not the old 15 April


def _receive(db, app, tmp_path, subject, body, message_id):
    from remiss.intake.service import inbox as service
    from remiss.intake.reading import ReadLimits

    with db.transaction() as s:
        message, new = service.receive(s, now=datetime(2027, 2, 2, 13, 0, tzinfo=timezone.utc),
                                       raw=mail(subject, body, message_id), files_dir=str(tmp_path),
                                       limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert new
        return message.match_remiss_id, message.extension_to


def test_the_inkorg_proposes_the_moved_svarsdatum_for_the_registered_remiss(session, db, app, tmp_path):
    registered = _registered(session, "Näringslivsstrategi för Jämtlands län", "Region Jämtland Härjedalen",
                             "RJH 2026/1990", date(2027, 2, 26))
    matched, extension_to = _receive(db, app, tmp_path, "Remiss Näringslivsstrategi för Jämtlands län – nytt "
                                     "svarsdatum", MOVED, "<rjh-2026-1990-flyttad@regionjh.se>")
    assert matched == registered.id
    assert extension_to == date(2027, 3, 19)


def test_the_inkorg_proposes_no_extension_for_a_refusal(session, db, app, tmp_path):
    _registered(session, "Näringslivsstrategi för Jämtlands län", "Region Jämtland Härjedalen", "RJH 2026/1990",
                date(2027, 2, 26))
    _, extension_to = _receive(db, app, tmp_path, "SV: Begäran om förlängd svarstid – RJH 2026/1990", REFUSED,
                               "<rjh-2026-1990-nej@regionjh.se>")
    assert extension_to is None
