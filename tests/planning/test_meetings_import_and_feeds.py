"""Sammanträdesplan import (CSV, ICS) with preview and per-row errors; ICS feeds; month calendar."""
import io
from datetime import date, datetime

import icalendar
from sqlmodel import select

from remiss.auth.models import Role, User
from remiss.namnd.models import Meeting, Namnd
from tests.planning.helpers import at, fetch, seed_003_world
from tests.support.factories import make_namnd, make_remiss, make_user

CSV = (
    "Typ;Datum;Tid;Plats;Sista dag för handlingar\n"
    "AU;2026-12-03;08.30;Rum 1;2026-11-26\n"
    "nämnd;2026-12-17;17.00;Sessionssalen;\n"
    "styrelse;2026-12-18;17.00;;\n"
    "nämnd;31/13-26;17.00;;\n"
)
ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Outlook//SV
BEGIN:VEVENT
UID:1
SUMMARY:Arbetsutskott SON
DTSTART;TZID=Europe/Stockholm:20270114T083000
END:VEVENT
BEGIN:VEVENT
UID:2
SUMMARY:Heldag planering
DTSTART;VALUE=DATE:20270115
END:VEVENT
END:VCALENDAR
"""


def _world(session):
    namnd = make_namnd(session, name="Kulturnämnden")
    make_user(session, role="registrator", namnder=[namnd], email="sekr@kultur.se")
    make_user(session, role="lasare", namnder=[namnd], email="las@kultur.se")
    session.commit()
    return namnd


def _upload(auth, namnd, name, data):
    url = f"/namnder/{namnd.id}/sammantraden"
    return auth.post(f"{url}/import", {"file": (io.BytesIO(data), name)}, form_url=url,
                     content_type="multipart/form-data")


def test_csv_import_previews_bad_rows_then_imports_the_good_ones(db, session, client, auth):
    namnd = _world(session)
    auth.login("sekr@kultur.se")
    r = _upload(auth, namnd, "plan.csv", CSV.encode())
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Rad 4" in page and "okänd typ" in page and "Rad 5" in page and "ogiltigt datum" in page
    assert "2 nya sammanträden kan importeras" in page
    assert fetch(db, select(Meeting)) == []  # preview stores nothing
    payload = page.split('name="meetings" value="')[1].split('"')[0]
    import html
    url = f"/namnder/{namnd.id}/sammantraden"
    r = auth.post(f"{url}/import", {"confirm": "1", "meetings": html.unescape(payload)}, form_url=url)
    assert r.status_code == 302
    rows = fetch(db, select(Meeting).order_by(Meeting.starts_at))
    assert [(m.kind, m.handlingar_deadline) for m in rows] == [("au", date(2026, 11, 26)), ("namnd", None)]
    # the same file again adds nothing
    r = auth.post(f"{url}/import", {"confirm": "1", "meetings": html.unescape(payload)}, form_url=url)
    assert len(fetch(db, select(Meeting))) == 2


def test_ics_import_and_broken_files_give_swedish_messages(db, session, client, auth):
    namnd = _world(session)
    auth.login("sekr@kultur.se")
    page = _upload(auth, namnd, "outlook.ics", ICS).get_data(as_text=True)
    assert "heldagshändelse" in page and "1 nytt sammanträde kan importeras" in page
    assert "Arbetsutskott torsdag 14 januari 2027 kl. 08.30" in page
    r = _upload(auth, namnd, "plan.csv", b"foo;bar\n1;2\n")
    assert r.status_code == 400 and "saknas i rubrikraden" in r.get_data(as_text=True)
    r = _upload(auth, namnd, "bild.png", b"\x89PNG....")
    assert r.status_code == 400 and "Filtypen .png tas inte emot. Tillåtna: .csv, .ics." in r.get_data(as_text=True)


def test_a_broken_calendar_or_wrong_file_type_is_a_file_error_in_swedish(db, session, client, auth):
    """walk27 Y14: the walk's bad.ics and bad.exe: no English from the library, and a file error, not bad rows."""
    namnd = _world(session)
    auth.login("sekr@kultur.se")
    r = _upload(auth, namnd, "bad.ics", b"BEGIN:VCALENDAR\ngarbage\n")
    page = r.get_data(as_text=True).replace("&#34;", '"')
    assert r.status_code == 400
    assert "Filen kunde inte läsas som en kalenderfil (.ics): rad 2 (”garbage”) är ingen giltig kalenderrad." in page
    assert "Content line" not in page and "Invalid" not in page
    assert "Rader som inte kunde läsas" not in page
    r = _upload(auth, namnd, "bad.exe", b"MZ\x90\x00program")
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "Filtypen .exe tas inte emot. Tillåtna: .csv, .ics." in page
    assert "Rader som inte kunde läsas" not in page and "Filen innehöll inga sammanträden" not in page
    url = f"/namnder/{namnd.id}/sammantraden"
    r = auth.post(f"{url}/import", {"confirm": "1", "meetings": "[{\"kind\": \"x\"}]"}, form_url=url)
    assert r.status_code == 400 and "Ladda upp filen igen" in r.get_data(as_text=True)


def test_ics_feeds_contain_deadlines_and_unknown_tokens_are_404(db, session, client, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], title="Kontaktcenter",
                         deadline_on=date(2015, 9, 30), deadline_time=None, handlaggare_id=users["handlaggare"].id)
    session.commit()
    [user] = fetch(db, select(User).where(User.email == "jesper@oster.se"))
    r = client.get(f"/ics/anvandare/{user.ics_token}.ics")  # no login needed
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(r.data)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    deadline = next(e for s, e in events.items() if s.startswith("Sista svarsdag") and "Kontaktcenter" in s)
    assert deadline.decoded("DTSTART") == date(2015, 9, 30)
    assert str(deadline["UID"]) == f"remiss-{remiss.id}-sista_svarsdag@remiss"
    assert any(s.startswith("Tjänsteskrivelse klar") for s in events)

    [n] = fetch(db, select(Namnd).where(Namnd.id == namnd.id))
    # The nämnd's feed goes through a member's own secret; the former shared address is retired.
    assert client.get(f"/ics/namnd/{n.ics_token}.ics").status_code == 410
    cal = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{user.ics_token}/namnd/{n.id}.ics").data)
    starts = [e.decoded("DTSTART") for e in cal.walk("VEVENT")]
    assert date(2015, 9, 30) in starts
    assert any(isinstance(s, datetime) and s.date() == date(2015, 9, 24) for s in starts)  # the meeting
    assert client.get(f"/ics/anvandare/not-a-real-token-at-all/namnd/{n.id}.ics").status_code == 404
    assert client.get("/ics/anvandare/not-a-real-token-at-all.ics").status_code == 404


def test_month_calendar_and_subscribe_page(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], title="Kontaktcenter",
                deadline_on=date(2015, 9, 30), deadline_time=None)
    session.commit()
    auth.login("lasare@oster.se")
    page = client.get("/kalender?manad=2015-09").get_data(as_text=True).replace("\u00ad", "")  # soft hyphens
    assert "September 2015" in page and "Kontaktcenter" in page and "Nämndsammanträde" in page
    assert 'href="/kalender"' in page  # in the main menu
    r = client.get("/kalender?manad=2015-13")
    assert r.status_code == 400 and "ÅÅÅÅ-MM" in r.get_data(as_text=True)
    page = client.get("/kalender/prenumerera").get_data(as_text=True)
    assert "/ics/anvandare/" in page and f"/namnd/{namnd.id}.ics" in page


def test_a_meeting_on_a_day_off_is_saved_with_a_warning(auth, session):
    """A sammanträde on a Sunday or julafton is probably a typing mistake: saved, but the page says so."""
    namnd = make_namnd(session, name="Kulturnämnden")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@helg.se")
    session.commit()
    auth.login("sekr@helg.se")
    r = auth.post(f"/namnder/{namnd.id}/sammantraden",
                  {"kind": "au", "day": "2027-01-24", "time": "09:00", "place": ""}, follow_redirects=True)
    page = r.get_data(as_text=True)
    assert "Sammanträdet är sparat" in page and "Söndag 24 januari 2027 är söndag, ingen arbetsdag" in page
    r = auth.post(f"/namnder/{namnd.id}/sammantraden",
                  {"kind": "au", "day": "2027-01-26", "time": "09:00", "place": ""}, follow_redirects=True)
    assert "ingen arbetsdag" not in r.get_data(as_text=True)
    csv = "typ;datum;tid;plats\nnämnd;2027-12-24;17:00;Stadshuset\nnämnd;2027-12-16;17:00;Stadshuset\n"
    r = auth.post(f"/namnder/{namnd.id}/sammantraden/import",
                  {"file": (io.BytesIO(csv.encode()), "plan.csv")}, content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    assert "2 nya sammanträden kan importeras" in page
    assert page.count("ingen arbetsdag") == 1 and "obs: julafton, ingen arbetsdag" in page
