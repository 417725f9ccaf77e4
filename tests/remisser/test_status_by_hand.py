"""Walk11 finding 8: "Ändra status för hand" refuses Tilldelad without a handläggare (pointing to the Tilldela form);
Avstår and Återkallad need a reason (kept in the history) and a confirmation; the milestones of an avstådd remiss
read "utgår" in the history, not "klar: nej → ja"."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


@pytest.fixture
def world(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock())
    session.commit()
    return remiss.id


def _status(db, rid):
    with db.transaction(write=False) as s:
        return s.get(Remiss, rid).status


def test_status_by_hand_asks_what_each_status_needs(world, auth, client, db):
    rid, url = world, f"/remisser/{world}"
    auth.login("mia@miljo.se")
    # Tilldelad without a handläggare: refused, pointing to the Tilldela form
    response = auth.post(f"{url}/status", {"status": "tilldelad", "note": ""}, form_url=url)
    assert response.status_code == 400
    assert "Remissen har ingen handläggare. Välj en handläggare under ”Tilldela handläggare”" in visible_text(
        response.get_data(as_text=True))
    assert _status(db, rid) == "registrerad"
    # Avstår with no reason and no confirmation: both asked for, the choice kept
    response = auth.post(f"{url}/status", {"status": "avstar", "note": ""}, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Skriv varför nämnden avstår från att svara." in visible_text(page)
    assert "Bekräfta att nämnden avstår från att svara" in visible_text(page)
    assert '<option value="avstar" selected>' in page
    # a reason without the confirmation: the reason typed stays in the box
    response = auth.post(f"{url}/status", {"status": "avstar", "note": "Berör inte nämndens ansvarsområde."},
                         form_url=url)
    assert response.status_code == 400 and 'value="Berör inte nämndens ansvarsområde."' in response.get_data(
        as_text=True)
    assert _status(db, rid) == "registrerad"
    # both: done, and the history has the reason and says the milestones utgår
    response = auth.post(f"{url}/status", {"status": "avstar", "note": "Berör inte nämndens ansvarsområde.",
                                           "confirm": "1"}, form_url=url)
    assert response.status_code == 302 and _status(db, rid) == "avstar"
    history = visible_text(client.get(url).get_data(as_text=True)).rsplit("Historik", 1)[-1]
    assert "Skäl: Berör inte nämndens ansvarsområde." in history
    assert "Sista svarsdag: planerad → utgår" in history
    assert "(klar): nej → ja" not in history


def test_the_besvarad_mail_after_a_status_by_hand_invents_no_expediering(session, clock, auth, app, runner):
    """left17 #3: the mail after "Ändra status för hand" to Besvarad said "Remissen är besvarad och yttrandet
    expedierat", though nothing was expedierat; now it says the status was set by hand."""
    import email
    from email.policy import default as default_policy
    from pathlib import Path

    from tests.reminders.test_events import sweep

    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    hans = make_user(session, role="handlaggare", namnder=[namnd], email="hans@miljo.se", name="Hans Handläggare")
    rid = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), handlaggare_id=hans.id).id
    session.commit()
    auth.login("mia@miljo.se")
    for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad"):  # the moves the table allows
        response = auth.post(f"/remisser/{rid}/status", {"status": status, "note": ""}, form_url=f"/remisser/{rid}")
        assert response.status_code == 302, visible_text(response.get_data(as_text=True))
    session.expire_all()
    assert session.get(Remiss, rid).status == "besvarad"
    sweep(session, runner, "2026-12-04T09:05")
    mails = [email.message_from_bytes(p.read_bytes(), policy=default_policy)
             for p in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))]
    found = [m for m in mails if m["To"] == "hans@miljo.se" and "Besvarad:" in m["Subject"]]
    assert len(found) == 1, [(m["To"], m["Subject"]) for m in mails]
    answered = found[0]
    body = " ".join(answered.get_body(("plain",)).get_content().split())
    assert "Remissens status har ändrats till Besvarad för hand. Inget yttrande har expedierats genom Remiss." in body
    assert "expedierat" not in body.replace("har expedierats genom Remiss", ""), body


def test_a_status_change_sent_twice_says_so_in_the_page_and_changes_once(world, auth, client, db, clock):
    """Session 24: the status form sent twice (a double click, a second tab) answered 302 and a flash "Fel: Remissen
    har redan status …", which rides the session cookie and can be lost or shown on another page when two requests
    race (walk21b K4). The page itself now says it, naming who set the status and when; one history line."""
    from sqlmodel import func, select

    from remiss.audit.models import AuditEvent
    from remiss.calendar.swedish import format_date_time

    rid, url = world, f"/remisser/{world}"
    auth.login("mia@miljo.se")
    form = {"status": "avstar", "note": "Berör inte nämndens ansvarsområde.", "confirm": "1"}
    set_at = clock()
    assert auth.post(f"{url}/status", form, form_url=url).status_code == 302
    client.get(url)  # the first answer's flash read where it belongs
    clock.advance(seconds=1)
    again = auth.post(f"{url}/status", form, form_url=url)
    assert again.status_code == 200 and "Location" not in again.headers
    said = visible_text(again.get_data(as_text=True))
    assert (f"Information: Remissen har redan status ”Avstår” (satt av dig {format_date_time(set_at)}). Inget mer "
            "behöver göras.") in said
    assert "Fel:" not in said
    assert "har redan status" not in visible_text(client.get(url).get_data(as_text=True))  # nothing left in the cookie
    with db.transaction(write=False) as s:
        moves = s.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.remiss_id == rid, AuditEvent.action == "status")).one()
    assert moves == 1 and _status(db, rid) == "avstar"
