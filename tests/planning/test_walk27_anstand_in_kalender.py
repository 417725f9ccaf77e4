"""walk27 Y4: the Kalender showed no day for an instans's anstånd on an utgående remiss, though the start page, the
API and the reminders knew it. The day it runs out is in the month, on the day's page and in the .ics feeds, as the
remiss's Sista svarsdag is; not once the instans has answered, nor when the remiss is closed or a general förlängning
has overtaken it."""
from __future__ import annotations

from datetime import date, time

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import User
from remiss.outgoing.service import answers
from remiss.remisser.models import Remiss, SandlistaEntry
from tests.outgoing.conftest import at, sent_to_kommunal_and_ungdom
from tests.support.pages import visible_text

SYSTEM = Principal.system()


def _grant(session, remiss_id: int, name: str, until_on: date, until_time: time | None = time(12, 0)):
    remiss = session.get(Remiss, remiss_id)
    entry = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss_id,
                                                      SandlistaEntry.name == name)).one()
    answers.grant_extension(session, now=at(2026, 12, 10), principal=SYSTEM, remiss=remiss, entry=entry,
                            until_on=until_on, until_time=until_time)
    session.commit()
    return remiss, entry


def _month(client, manad: str) -> str:
    return visible_text(client.get(f"/kalender?manad={manad}").get_data(as_text=True)).replace("\u00ad", "")


def _feeds(session, client, namnd_id: int) -> tuple[str, str]:
    token = session.exec(select(User.ics_token).where(User.role == "registrator")).first()
    session.rollback()
    mine = client.get(f"/ics/anvandare/{token}.ics").get_data(as_text=True)
    namnd = client.get(f"/ics/anvandare/{token}/namnd/{namnd_id}.ics").get_data(as_text=True)
    return mine.replace("\r\n ", ""), namnd.replace("\r\n ", "")  # unfolded


def test_the_day_an_anstand_runs_out_is_in_the_kalender_and_its_feeds(app, session, client, auth, clock):
    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth, title="Trafikplan 2027")
    remiss, _ = _grant(session, remiss_id, "Kommunal", date(2027, 1, 8))
    dnr, namnd_id = remiss.our_dnr, remiss.namnd_id
    session.rollback()
    line = f"Anstånd Kommunal kl. 12.00: {dnr} Trafikplan 2027"
    assert line in _month(client, "2027-01")
    assert f"Sista svarsdag kl. 12.00: {dnr} Trafikplan 2027" in _month(client, "2026-12")  # as before
    assert "Anstånd Ungdomsrådet" not in _month(client, "2026-12") + _month(client, "2027-01")
    day = visible_text(client.get("/kalender/dag?datum=2027-01-08").get_data(as_text=True)).replace("\u00ad", "")
    assert "Anstånd Kommunal" in day and f"{dnr} Trafikplan 2027" in day and "fredag 8 januari 2027 kl. 12.00" in day
    for feed in _feeds(session, client, namnd_id):
        assert f"SUMMARY:Anstånd Kommunal: {dnr} Trafikplan 2027" in feed, feed
        assert "DTSTART;TZID=Europe/Stockholm:20270108T120000" in feed, feed


def test_no_anstand_day_once_the_instans_answered_or_the_remiss_is_closed(app, session, client, auth, clock):
    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth, title="Trafikplan 2027")
    remiss, entry = _grant(session, remiss_id, "Kommunal", date(2027, 1, 8))
    _, ungdom = _grant(session, remiss_id, "Ungdomsrådet", date(2027, 1, 12), None)
    namnd_id = remiss.namnd_id
    session.rollback()
    assert "Anstånd Kommunal" in _month(client, "2027-01") and "Anstånd Ungdomsrådet:" in _month(client, "2027-01")

    remiss, entry = session.get(Remiss, remiss_id), session.get(SandlistaEntry, entry.id)
    answers.decline(session, now=at(2026, 12, 11), principal=SYSTEM, remiss=remiss, entry=entry,
                    answered_on=date(2026, 12, 11), note="Inga synpunkter")
    session.commit()
    month = _month(client, "2027-01")
    assert "Anstånd Kommunal" not in month and "Anstånd Ungdomsrådet:" in month  # answered: its anstånd is over
    for feed in _feeds(session, client, namnd_id):
        assert "Anstånd Kommunal" not in feed and "SUMMARY:Anstånd Ungdomsrådet:" in feed

    remiss = session.get(Remiss, remiss_id)
    remiss.status = "avslutad"  # closed: nothing more to wait for
    session.add(remiss)
    session.commit()
    assert "Anstånd" not in _month(client, "2027-01")
    assert not any("Anstånd" in feed for feed in _feeds(session, client, namnd_id))


def test_a_general_forlangning_past_the_anstand_overtakes_it(app, session, client, auth, clock):
    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth, title="Trafikplan 2027")
    _grant(session, remiss_id, "Kommunal", date(2027, 1, 8))
    remiss = session.get(Remiss, remiss_id)
    remiss.effective_deadline_on, remiss.effective_deadline_time = date(2027, 1, 15), time(12, 0)
    session.add(remiss)
    session.commit()
    month = _month(client, "2027-01")
    assert "Anstånd Kommunal" not in month and "Sista svarsdag kl. 12.00" in month
