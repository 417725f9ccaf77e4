"""As a new nämndsekreterare would: enter the sammanträdesplan, register seed 000, read the tidplan."""
from datetime import date, time

from sqlmodel import select

from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from remiss.remisser.models import Remiss
from tests.planning.helpers import at, fetch, milestones
from tests.support.factories import make_namnd, make_user

SEED_000 = {
    "title": "Förslag till ny IoF-plan", "direction": "inkommande", "kind": "remiss",
    "remittent": "Kommunstyrelsen", "sender_dnr": "KS-IOF-2010-00015", "received_on": "2010-01-26",
    "deadline_on": "2010-03-31", "deadline_time": "12.00", "answer_email": "stadskontoret@malmo.se",
}


def test_sammantradesplan_then_seed_000_gives_the_tidplan_the_municipality_used(db, session, client, auth, clock):
    # "Svar till kansliet senast 11/3-10" is 13 arbetsdagar before "SDF 30/3-10"; no arbetsutskott
    namnd = make_namnd(session, name="Stadsdelsfullmäktige Limhamn/Bunkeflo", dnr_prefix="LB",
                       tjansteskrivelse_workdays_before_au=13)
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@malmo.se")
    session.commit()
    clock.set(at(2010, 1, 26))
    auth.login("sekr@malmo.se")
    url = f"/namnder/{namnd.id}/sammantraden"
    for day in ("2010-02-23", "2010-03-30", "2010-04-27"):
        r = auth.post(url, {"kind": "namnd", "day": day, "time": "18:00", "place": "Stadsdelsförvaltningen"})
        assert r.status_code == 302, r.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "tisdag 30 mars 2010 kl. 18.00" in page

    r = auth.post("/remisser/ny", {**SEED_000, "namnd_id": str(namnd.id)})
    assert r.status_code == 302
    [remiss] = fetch(db, select(Remiss).where(Remiss.sender_dnr == "KS-IOF-2010-00015"))
    rows = milestones(db, remiss.id)
    assert rows["tjansteskrivelse"].due_on == date(2010, 3, 11)  # "Svar till kansliet senast 11/3-10"
    assert rows["namnd"].due_on == date(2010, 3, 30)  # "SDF 30/3-10"
    assert rows["justering"].flagged and rows["justering"].due_on == date(2010, 3, 30)
    assert rows["expediering"].due_on == date(2010, 3, 31)
    assert rows["sista_svarsdag"].due_on == date(2010, 3, 31)
    assert rows["sista_svarsdag"].planned_time == time(12, 0)
    assert "arbetsutskott" not in rows

    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert 'id="tidplan"' in page
    assert "torsdag 11 mars 2010" in page and "tisdag 30 mars 2010" in page
    assert "onsdag 31 mars 2010 kl. 12.00" in page
    # a flag in words, not only colour; "behövs" only if no earlier meeting fits with ordinary justering
    assert "Planen bygger på sammanträdet tisdag 30 mars 2010 med omedelbar justering" in page
    assert "Med ordinarie justering hinner sammanträdet tisdag 23 februari 2010." in page
    assert "Omedelbar justering behövs" not in page
    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    assert "Med ordinarie justering hinner sammanträdet tisdag 23 februari 2010." in api["justering"]["explanation"]
    assert "Omedelbar justering behövs" not in client.get("/").get_data(as_text=True)
    assert "torsdag 15 april 2010" in page  # the ordinary justering, after Easter, explained

    # the sammanträdesplan changes: the milestones follow
    [meeting] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id,
                                                Meeting.starts_at == at(2010, 3, 30, 18)))
    r = auth.post(url, {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2010-03-25", "time": "18:00"})
    assert r.status_code == 302
    assert milestones(db, remiss.id)["namnd"].due_on == date(2010, 3, 25)
