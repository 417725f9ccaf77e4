"""walk19: the Tidplan tells what has happened and what is planned, nothing else.

G1: a status set by hand (Beslutad, Besvarad) marked the arbetsutskott and the nämndsammanträde "Klar" months before
they meet, while the Beslut panel planned the beslut for that very meeting and the API said "done"."""
from __future__ import annotations

from datetime import date, time

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.remisser import by_hand, service
from tests.planning.helpers import add_meetings, at, milestones
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


SYSTEM = Principal.system()


def _world(session, clock, **overrides):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), ""),
                                  ("au", at(2027, 2, 18, 8, 30), ""), ("namnd", at(2027, 2, 25, 17), ""),
                                  ("au", at(2027, 3, 18, 8, 30), ""), ("namnd", at(2027, 3, 25, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="sara@oster.se", name="Sara Sekreterare")
    jesper = make_user(session, role=Role.handlaggare, namnder=[namnd], email="jesper@oster.se",
                       name="Jesper Lindkvist")
    clock.set(at(2026, 12, 5, 10))
    values = {"title": "Klimatomställning", "deadline_on": date(2027, 3, 10), "deadline_time": time(15, 0)}
    remiss = make_remiss(session, namnd=namnd, now=clock(), **{**values, **overrides})
    service.assign(session, now=clock(), principal=SYSTEM, remiss=remiss, handlaggare_id=jesper.id)
    session.commit()
    return remiss


def _steps(client, rid: int) -> dict:
    return {m["kind"]: m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"]}


def _row(page: str, kind: str) -> str:
    return visible_text(page.split(f'id="milstolpe-{kind}"', 1)[1].split("</li>", 1)[0])


def test_a_status_set_by_hand_does_not_hold_meetings_still_ahead(db, session, client, auth, clock):
    remiss = _world(session, clock)
    assert milestones(db, remiss.id)["namnd"].due_on == date(2027, 2, 25)
    for status in ("under_beredning", "klar_for_beslut", "beslutad"):
        by_hand.change_status_by_hand(session, now=clock(), principal=SYSTEM, remiss=remiss, new=status,
                                      note="Beslut fattat på nämndens möte, protokoll kommer")
    session.commit()
    auth.login("sara@oster.se")
    steps = _steps(client, remiss.id)
    for kind in ("arbetsutskott", "namnd"):
        assert steps[kind]["status"] == "open" and steps[kind]["done_at"] is None, steps[kind]
    assert steps["tjansteskrivelse"]["status"] == "done"  # the work a beslut presupposes is said done by hand
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    for kind in ("arbetsutskott", "namnd"):
        row = _row(page, kind)
        assert "Klar" not in row and "status ändrad för hand" not in row, row

    by_hand.change_status_by_hand(session, now=clock(), principal=SYSTEM, remiss=remiss, new="besvarad",
                                  note="Skickat utanför Remiss")
    session.commit()
    steps = _steps(client, remiss.id)
    for kind in ("arbetsutskott", "namnd", "justering"):
        assert steps[kind]["status"] == "cancelled" and steps[kind]["held_on"] is None, steps[kind]
        assert steps[kind]["explanation"].startswith(
            "Har inte ägt rum: status ändrad till Besvarad för hand 5 december 2026, före "), steps[kind]
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    for kind in ("arbetsutskott", "namnd", "justering"):
        row = _row(page, kind)
        assert "Klar" not in row and "utgår, besvarad för hand före dagen" in row, row
    day = visible_text(client.get("/kalender/dag?datum=2027-02-25").get_data(as_text=True)).replace("\u00ad", "")
    assert "Klimatomställning" in day and "Utgår" in day and "Klar" not in day, day  # the Kalender agrees


def _set_meeting(auth, rid: int, row_id: int, day: str, reason: str = "Ordföranden vill ta ärendet före jul",
                 **extra):
    return auth.post(f"/remisser/{rid}/tidplan/andra",
                     {"milestone_id": str(row_id), "override_on": day, "reason": reason, **extra},
                     form_url=f"/remisser/{rid}")


def test_the_tidplan_summary_speaks_of_the_meeting_set_by_hand(db, session, client, auth, clock):
    """G3: after the nämndsammanträde was set by hand to 17 December, the summary and Förslag still described the
    computed meeting 25 March with omedelbar justering."""
    remiss = _world(session, clock, deadline_on=date(2027, 4, 9))
    auth.login("sara@oster.se")
    before = visible_text(client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert "Planen bygger på sammanträdet torsdag 25 mars 2027 med omedelbar justering" in before
    assert "Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 25 mars 2027" in before
    assert _set_meeting(auth, remiss.id, milestones(db, remiss.id)["namnd"].id, "2026-12-17").status_code == 302
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    tidplan = visible_text(page.split('id="tidplan"', 1)[-1])
    summary = visible_text(page.split('id="tidplan"', 1)[-1].split('id="milstolpe-', 1)[0])  # above the rows
    assert "25 mars 2027" not in summary and "omedelbar" not in tidplan, tidplan[:1500]
    assert ("Nämndsammanträdet är satt för hand till torsdag 17 december 2026; ordinarie justering torsdag 7 januari "
            "2027 hinner före sista svarsdag fredag 9 april 2027 kl. 15.00.") in tidplan
    assert "Förslag" not in summary
    # cleared again: the computed plan and its advice are back
    _set_meeting(auth, remiss.id, milestones(db, remiss.id)["namnd"].id, "", reason="")
    again = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    again = visible_text(again.split('id="tidplan"', 1)[-1].split('id="milstolpe-', 1)[0])
    assert "Planen bygger på sammanträdet torsdag 25 mars 2027 med omedelbar justering" in again
    assert "Nämndsammanträdet är satt för hand" not in again


def test_a_meeting_set_by_hand_that_needs_omedelbar_justering_says_so(db, session, client, auth, clock):
    remiss = _world(session, clock, deadline_on=date(2027, 1, 8))
    auth.login("sara@oster.se")
    assert _set_meeting(auth, remiss.id, milestones(db, remiss.id)["namnd"].id, "2026-12-21",
                        reason="Extra sammanträde").status_code == 302
    tidplan = visible_text(client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('id="tidplan"', 1)[-1])
    assert ("Nämndsammanträdet är satt för hand till måndag 21 december 2026; omedelbar justering behövs: ordinarie "
            "justering") in tidplan, tidplan[:1500]
    assert ("Föreslå att paragrafen justeras omedelbart vid sammanträdet måndag 21 december 2026 (omedelbar "
            "justering).") in tidplan


def _outbox(db, rid: int) -> list[str]:
    from sqlmodel import select

    from remiss.reminders.models import OutboxMessage
    with db.transaction(write=False) as s:
        return [m.kind for m in s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == rid))]


def test_a_meeting_set_by_hand_before_inkom_is_refused_and_a_past_one_asked_about(db, session, client, auth,
                                                                                 clock):
    """G6: Nämndsammanträde 20 november 2026, two weeks before the remiss came in 5 december, was saved and
    overdue and escalation mails were queued at once."""
    remiss = _world(session, clock, deadline_on=date(2027, 4, 9))
    auth.login("sara@oster.se")
    row = milestones(db, remiss.id)["namnd"]
    queued = _outbox(db, remiss.id)
    refused = _set_meeting(auth, remiss.id, row.id, "2026-11-20", reason="före inkom")
    page = visible_text(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Nämnden kan inte ha behandlat remissen 20 november 2026, före den kom in 5 december 2026. Ange ett "
            "datum från och med 5 december 2026.") in page
    assert 'value="före inkom"' in refused.get_data(as_text=True) and 'value="2026-11-20"' in \
        refused.get_data(as_text=True)  # nothing typed is lost
    assert 'name="confirm_past"' not in refused.get_data(as_text=True)  # refused, not asked
    assert milestones(db, remiss.id)["namnd"].override_on is None and _outbox(db, remiss.id) == queued

    clock.set(at(2026, 12, 15, 10))  # a date after inkom that has passed: asked first, no mail meanwhile
    asked = _set_meeting(auth, remiss.id, row.id, "2026-12-10", reason="Sammanträdet hölls redan")
    assert asked.status_code == 400
    assert ("Nämndsammanträde torsdag 10 december 2026 har redan passerat: steget blir försenat genast och "
            "påminnelser om det skickas.") in visible_text(asked.get_data(as_text=True))
    assert 'name="confirm_past"' in asked.get_data(as_text=True)
    assert 'value="Sammanträdet hölls redan"' in asked.get_data(as_text=True)
    assert milestones(db, remiss.id)["namnd"].override_on is None and _outbox(db, remiss.id) == queued
    saved = _set_meeting(auth, remiss.id, row.id, "2026-12-10", reason="Sammanträdet hölls redan",
                         confirm_past="1")
    assert saved.status_code == 302 and milestones(db, remiss.id)["namnd"].due_on == date(2026, 12, 10)


def test_a_request_a_granted_forlangning_reached_waits_for_nothing(db, session, client, auth, clock):
    """G4: the same förlängning request registered twice; the besked on one left the other "Väntar på besked" and
    Nästa steg "Förlängning till … är begärd och väntar på besked." for ever, also once besvarad."""
    from remiss.planning.models import Extension

    remiss = _world(session, clock, deadline_on=date(2027, 3, 12))
    auth.login("sara@oster.se")
    url = f"/remisser/{remiss.id}"
    ask = {"requested_by": "Jesper Lindkvist", "until_on": "2027-04-09", "until_time": "15.00"}
    assert auth.post(f"{url}/forlangningar", ask, form_url=url).status_code == 302
    twice = auth.post(f"{url}/forlangningar", {**ask, "requested_by": "Sara Sekreterare"}, form_url=url)
    assert twice.status_code == 400
    assert ("En begäran om förlängning till fredag 9 april 2027 kl. 15.00 finns redan (begärd av Jesper Lindkvist) "
            "och väntar på besked.") in visible_text(twice.get_data(as_text=True))
    assert 'value="Sara Sekreterare"' in twice.get_data(as_text=True)  # nothing typed is lost

    # a leftover request, as one registered before this rule (or a request to an earlier day): a grant reaching it
    # closes it
    with db.transaction() as s:
        first = s.exec(select_extensions(Extension, remiss.id)).one()
        s.add(Extension(remiss_id=remiss.id, requested_by="Sara Sekreterare", requested_on=date(2026, 12, 5),
                        requested_until_on=date(2027, 4, 9), requested_until_time=time(15, 0), decision="pending",
                        created_at=clock()))
    granted = auth.post(f"{url}/forlangningar/{first.id}/besked",
                        {"decision": "granted", "granted_until_on": "2027-04-09", "granted_until_time": "15.00"},
                        form_url=url)
    assert granted.status_code == 302, visible_text(granted.get_data(as_text=True))[:2000]
    page = client.get(url).get_data(as_text=True)
    text = visible_text(page.split('id="h-historik"', 1)[0])
    assert "väntar på besked" not in text and "Väntar på besked" not in text, text[:3000]
    assert "Ersatt av beviljad förlängning" in text and "Ersatt av allmän förlängning" not in visible_text(page)
    assert "Registrera besked om förlängningen" not in text
    assert [e["decision"] for e in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["extensions"]] == \
        ["granted", "superseded"]
    assert "väntar på besked" not in visible_text(client.get("/").get_data(as_text=True))


def select_extensions(Extension, rid: int):
    from sqlmodel import select
    return select(Extension).where(Extension.remiss_id == rid)


def test_an_open_request_does_not_wait_on_a_finished_remiss(db, session, client, auth, clock):
    remiss = _world(session, clock, deadline_on=date(2027, 3, 12))
    auth.login("sara@oster.se")
    url = f"/remisser/{remiss.id}"
    ask = {"requested_by": "Jesper Lindkvist", "until_on": "2027-04-09", "until_time": "15.00"}
    assert auth.post(f"{url}/forlangningar", ask, form_url=url).status_code == 302
    by_hand.change_status_by_hand(session, now=clock(), principal=SYSTEM, remiss=session.merge(remiss),
                                  new="avstar", note="Nämnden avstår", confirmed=True)
    session.commit()
    page = client.get(url).get_data(as_text=True)
    text = visible_text(page.split('id="h-historik"', 1)[0])
    assert "Väntar på besked" not in text and "väntar på besked" not in text
    assert "Inget besked: remissen är avslutad" in text
