"""Seed 003: deadline 28 August cannot be met, the general notice moves it to 28 September."""
import re
from datetime import date, time

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.planning.models import Extension, TidplanState
from remiss.remisser.models import Remiss
from tests.planning.helpers import at, fetch, milestones, seed_003_world
from tests.support.factories import make_remiss

NOTICE = ("Svaret skulle vara Kulturnämnden tillhanda senast den 28 augusti Efter inkomna synpunkter från flera "
          "remissinstanser meddelar vi att remisstiden för ärendet härmed förlängs till den 28 september")


def _kultur(session, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 6, 22))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"],
                         title="Remiss gällande handlingsplan för kulturstrategi 2016", remittent="Kulturnämnden",
                         sender_dnr="KN-2014-2396", deadline_on=date(2015, 8, 28), deadline_time=None,
                         handlaggare_id=users["handlaggare"].id)
    session.commit()
    return namnd, users, remiss


def test_general_notice_moves_deadline_tidplan_dashboard_and_history(db, session, client, auth, clock):
    namnd, users, remiss = _kultur(session, clock)
    [state] = fetch(db, select(TidplanState).where(TidplanState.remiss_id == remiss.id))
    assert not state.feasible and state.suggested_extension_on == date(2015, 9, 25)
    # no sammanträde fits 28 August: planned backwards all the same, the latest beslut flagged
    rows = milestones(db, remiss.id)
    assert sorted(rows) == ["expediering", "granskning", "namnd", "sista_svarsdag", "tjansteskrivelse"]
    assert rows["namnd"].due_on == date(2015, 8, 27) and rows["namnd"].flagged
    assert rows["namnd"].label == "Beslut (inget sammanträde)"

    clock.set(at(2015, 8, 20))
    auth.login("jesper@oster.se")
    start = client.get("/").get_data(as_text=True)
    assert "Förlängning behövs" in start and "fredag 25 september 2015" in start
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Tidplanen går inte ihop" in page and "ordförandebeslut" in page

    r = auth.post(f"/remisser/{remiss.id}/forlangningar/allman",
                  {"sender": "Kulturnämnden", "until_on": "2015-09-28", "notice_on": "2015-08-20",
                   "evidence_text": NOTICE}, form_url=f"/remisser/{remiss.id}")
    assert r.status_code == 302, r.get_data(as_text=True)

    [fresh] = fetch(db, select(Remiss).where(Remiss.id == remiss.id))
    assert (fresh.deadline_on, fresh.effective_deadline_on) == (date(2015, 8, 28), date(2015, 9, 28))
    rows = milestones(db, remiss.id)
    assert rows["namnd"].due_on == date(2015, 9, 24) and rows["namnd"].label == "Nämndsammanträde"
    assert not rows["namnd"].flagged
    assert rows["arbetsutskott"].due_on == date(2015, 9, 10)
    assert rows["tjansteskrivelse"].due_on == date(2015, 8, 27)
    assert rows["justering"].flagged  # "justeras senast onsdagen den 8 oktober" is after 28 September
    assert rows["sista_svarsdag"].due_on == date(2015, 9, 28)
    [ext] = fetch(db, select(Extension).where(Extension.remiss_id == remiss.id))
    assert ext.is_general and ext.decision == "granted" and "förlängs till den 28 september" in ext.evidence_text

    start = client.get("/").get_data(as_text=True)
    assert "Förlängning behövs" not in start
    assert "torsdag 27 augusti 2015" in start  # tjänsteskrivelse now due for the handläggare
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Omedelbar justering behövs" in page
    assert "torsdag 8 oktober 2015" in page  # the computed weekday, not the seed's "onsdagen"
    # history: both versions of the deadline in force
    assert "28 augusti 2015" in page and "28 september 2015" in page and "Gällande svarsdag" in page
    events = fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss.id, AuditEvent.action == "deadline"))
    assert len(events) == 1 and "2015-08-28" in events[0].changes and "2015-09-28" in events[0].changes


def test_request_then_grant_with_time_then_deny_another(db, session, client, auth, clock):
    namnd, users, remiss = _kultur(session, clock)
    clock.set(at(2015, 8, 3))
    auth.login("sekr@oster.se")
    form = f"/remisser/{remiss.id}"
    r = auth.post(f"/remisser/{remiss.id}/forlangningar",
                  {"requested_by": "Nämndsekreteraren", "until_on": "2015-09-30", "reason": "Nämnden sammanträder 24/9"},
                  form_url=form)
    assert r.status_code == 302
    [ext] = fetch(db, select(Extension).where(Extension.remiss_id == remiss.id))
    assert ext.decision == "pending"
    ids = re.findall(r' id="([^"]+)"', client.get(form).get_data(as_text=True))
    assert len(ids) == len(set(ids))  # several forms on one page, no duplicate ids
    [still] = fetch(db, select(Remiss).where(Remiss.id == remiss.id))
    assert still.effective_deadline_on == date(2015, 8, 28)  # nothing moves before the answer

    r = auth.post(f"/remisser/{remiss.id}/forlangningar/{ext.id}/besked",
                  {"decision": "granted", "granted_until_on": "2015-09-30", "granted_until_time": "12:00",
                   "evidence_text": "Ja, ni får svara senast 30/9 kl 12."}, form_url=form)
    assert r.status_code == 302
    [moved] = fetch(db, select(Remiss).where(Remiss.id == remiss.id))
    assert (moved.effective_deadline_on, moved.effective_deadline_time) == (date(2015, 9, 30), time(12, 0))
    assert milestones(db, remiss.id)["namnd"].due_on == date(2015, 9, 24)

    # deciding twice is refused with a message, not a 500
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/{ext.id}/besked", {"decision": "denied"}, form_url=form)
    assert r.status_code == 400 and "redan fått besked" in r.get_data(as_text=True)

    auth.post(f"/remisser/{remiss.id}/forlangningar",
              {"requested_by": "Handläggaren", "until_on": "2015-10-23"}, form_url=form)
    second = max(e.id for e in fetch(db, select(Extension).where(Extension.remiss_id == remiss.id)))
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/{second}/besked", {"decision": "denied"}, form_url=form)
    assert r.status_code == 302
    [same] = fetch(db, select(Remiss).where(Remiss.id == remiss.id))
    assert same.effective_deadline_on == date(2015, 9, 30)
    page = client.get(form).get_data(as_text=True)
    assert "Avslagen" in page and "Beviljad" in page


def test_evidence_file_is_stored_as_bevis(db, session, client, auth, clock):
    namnd, users, remiss = _kultur(session, clock)
    auth.login("sekr@oster.se")
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/allman",
                  {"until_on": "2015-09-28", "evidence_file": (__import__("io").BytesIO(NOTICE.encode()), "notis.txt")},
                  form_url=f"/remisser/{remiss.id}", content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)
    [ext] = fetch(db, select(Extension).where(Extension.remiss_id == remiss.id))
    assert ext.evidence_attachment_id is not None
    body = client.get(f"/filer/{ext.evidence_attachment_id}").get_data(as_text=True)
    assert "förlängs till den 28 september" in body
