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


def test_sammantradesplan_then_seed_000_plans_ordinary_justering_and_offers_their_meeting(db, session, client, auth,
                                                                                         clock):
    # their habit: "svar till kansliet" 13 arbetsdagar before the meeting, no arbetsutskott. They took "SDF 30/3-10",
    # which needs omedelbar justering for a 31/3 deadline; 23/2 was in time with ordinary justering when the remiss
    # came, so the plan takes 23/2 and offers 30/3 (walk27 Y2: the plan never chooses a risk it can do without)
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
    assert rows["tjansteskrivelse"].due_on == date(2010, 2, 4)  # 13 arbetsdagar before 23 February
    assert rows["namnd"].due_on == date(2010, 2, 23)
    assert not rows["justering"].flagged and rows["justering"].due_on > date(2010, 2, 23)
    assert not any(row.flagged for row in rows.values())
    assert rows["sista_svarsdag"].due_on == date(2010, 3, 31)
    assert rows["sista_svarsdag"].planned_time == time(12, 0)
    assert "arbetsutskott" not in rows

    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert 'id="tidplan"' in page
    assert "torsdag 4 februari 2010" in page and "tisdag 23 februari 2010" in page
    assert "onsdag 31 mars 2010 kl. 12.00" in page
    # their own meeting, "SDF 30/3-10", offered with the omedelbar justering it needs
    assert "Med omedelbar justering hinner även sammanträdet tisdag 30 mars 2010" in page
    assert "Omedelbar justering behövs" not in page and "Kräver uppmärksamhet" not in page
    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    assert api["namnd"]["due"] == "2010-02-23" and not api["justering"]["flagged"]
    assert "Omedelbar justering behövs" not in client.get("/").get_data(as_text=True)

    # the sammanträdesplan changes: the milestones follow
    [meeting] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id,
                                                Meeting.starts_at == at(2010, 2, 23, 18)))
    r = auth.post(url, {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2010-03-02", "time": "18:00"})
    assert r.status_code == 302
    assert milestones(db, remiss.id)["namnd"].due_on == date(2010, 3, 2)
