"""The import preview tells new meetings from those already in the plan, and shows sista dag för handlingar
(walk11 finding 23)."""
import html
import io

from sqlmodel import select

from remiss.namnd.models import Meeting
from tests.planning.helpers import fetch
from tests.support.factories import make_namnd, make_user

CSV = (
    "Typ;Datum;Tid;Plats;Sista dag för handlingar\n"
    "AU;2027-01-14;08.30;Sal 2;2027-01-07\n"
    "nämnd;2027-01-28;17.00;Rådhuset;2027-01-18\n"
    "AU;2027-02-11;08.30;Sal 2;\n"
)


def _upload(auth, namnd, data):
    url = f"/namnder/{namnd.id}/sammantraden"
    r = auth.post(f"{url}/import", {"file": (io.BytesIO(data.encode()), "plan.csv")}, form_url=url,
                  content_type="multipart/form-data")
    return r, r.get_data(as_text=True).replace("&ndash;", "–")


def _confirm(auth, namnd, page):
    url = f"/namnder/{namnd.id}/sammantraden"
    payload = page.split('name="meetings" value="')[1].split('"')[0]
    return auth.post(f"{url}/import", {"confirm": "1", "meetings": html.unescape(payload)}, form_url=url)


def _world(session):
    namnd = make_namnd(session, name="Miljönämnden")
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se")
    session.commit()
    return namnd


def test_a_second_import_of_the_same_file_offers_nothing(db, session, auth):
    namnd = _world(session)
    auth.login("mia@miljo.se")
    r, page = _upload(auth, namnd, CSV)
    assert r.status_code == 200 and "kan importeras" in page
    assert _confirm(auth, namnd, page).status_code == 302
    assert len(fetch(db, select(Meeting))) == 3

    r, page = _upload(auth, namnd, CSV)
    assert r.status_code == 200
    assert "3 sammanträden i filen finns redan i sammanträdesplanen – inget att importera." in page
    assert "kan importeras" not in page
    assert "Importera 3" not in page and 'name="confirm"' not in page  # no button to import nothing
    assert "Arbetsutskott torsdag 14 januari 2027 kl. 08.30, Sal 2" in page  # the known ones are listed


def test_only_the_new_meetings_are_offered_and_counted(db, session, auth):
    namnd = _world(session)
    auth.login("mia@miljo.se")
    _r, page = _upload(auth, namnd, CSV.split("AU;2027-02-11")[0])  # the first two
    _confirm(auth, namnd, page)
    r, page = _upload(auth, namnd, CSV)
    assert "1 nytt sammanträde kan importeras" in page and "Importera 1 nytt sammanträde" in page
    assert "2 sammanträden i filen finns redan och importeras inte" in page
    new_part = page.split("kan importeras")[1].split("finns redan")[0]
    assert "11 februari 2027" in new_part and "14 januari 2027" not in new_part
    r = _confirm(auth, namnd, page)
    assert r.status_code == 302
    assert len(fetch(db, select(Meeting))) == 3


def test_the_preview_shows_sista_dag_for_handlingar(session, auth):
    namnd = _world(session)
    auth.login("mia@miljo.se")
    _r, page = _upload(auth, namnd, CSV)
    assert "Nämnd torsdag 28 januari 2027 kl. 17.00, Rådhuset, sista dag för handlingar måndag 18 januari 2027" \
        in page
    assert "11 februari 2027 kl. 08.30, Sal 2</li>" in page  # none given: nothing said
