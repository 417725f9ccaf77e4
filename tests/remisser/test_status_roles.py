"""Who may move a remiss where (remiss.auth.access): review cannot be skipped, our diarienummer is the registrator's,
and a closed remiss reopened has its open milestones and reminders back (issue 19 item 5, issue 17)."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.service import create_api_token
from remiss.planning import agenda
from remiss.planning.models import Milestone
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user


@pytest.fixture
def world(session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 3, 8, 30), ""), ("namnd", at(2026, 12, 10, 17), "")])
    users = {role: make_user(session, role=role, namnder=[namnd], email=f"{role}@oster.se")
             for role in ("handlaggare", "granskare", "registrator", "admin")}
    headers = {role: {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=u, name='t')}"}
               for role, u in users.items()}
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=users["handlaggare"].id,
                         deadline_on=date(2026, 12, 18))
    session.commit()
    return {"namnd": namnd, "users": users, "headers": headers, "remiss_id": remiss.id}


def _patch(client, world, role, body):
    return client.patch(f"/api/v1/remisser/{world['remiss_id']}", json=body, headers=world["headers"][role])


def test_a_handlaggare_cannot_reach_besvarad_with_four_patches(client, world, db):
    # issue 19 item 5, the sequence as the attacker sent it: no granskare, no beslut
    replies = [_patch(client, world, "handlaggare", {"status": status})
               for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad")]
    assert [r.status_code for r in replies] == [200, 403, 409, 409]
    assert replies[1].get_json()["error"] == ("Med rollen Handläggare kan du inte flytta remissen till ”Klar för beslut”: "
                                              "det gör granskare och registratorer.")
    with db.transaction(write=False) as s:
        assert s.get(Remiss, world["remiss_id"]).status == "under_beredning"


def test_the_roles_that_review_decide_and_expedite_move_on(client, world, db):
    assert _patch(client, world, "handlaggare", {"status": "under_beredning"}).status_code == 200
    assert _patch(client, world, "granskare", {"status": "klar_for_beslut"}).status_code == 200
    assert _patch(client, world, "handlaggare", {"status": "beslutad"}).status_code == 403
    assert _patch(client, world, "registrator", {"status": "beslutad"}).status_code == 200
    assert _patch(client, world, "handlaggare", {"status": "besvarad"}).status_code == 403
    # the refused move changed nothing, fields sent with it included
    assert _patch(client, world, "handlaggare", {"notes": "klart", "status": "besvarad"}).status_code == 403
    r = _patch(client, world, "granskare", {"status": "besvarad"})
    assert r.status_code == 200 and r.get_json()["status"] == "besvarad" and r.get_json()["notes"] == ""


def test_our_diarienummer_is_changed_only_by_the_registrator_and_audited(client, world, db):
    r = _patch(client, world, "handlaggare", {"our_dnr": "SOFÖ 2026/0999"})
    assert r.status_code == 403 and r.get_json()["error"] == ("Med rollen Handläggare kan du inte ändra vårt diarienummer: "
                                                   "det gör registratorer.")
    assert _patch(client, world, "granskare", {"our_dnr": "SOFÖ 2026/0999"}).status_code == 403
    with db.transaction(write=False) as s:
        before = s.get(Remiss, world["remiss_id"]).our_dnr
    # sending the number it has is no change, and is accepted from anyone who edits
    assert _patch(client, world, "handlaggare", {"our_dnr": before, "notes": "x"}).status_code == 200
    r = _patch(client, world, "registrator", {"our_dnr": "SOFÖ 2026/0999"})
    assert r.status_code == 200 and r.get_json()["our_dnr"] == "SOFÖ 2026/0999"
    with db.transaction(write=False) as s:
        logged = [json.loads(e.changes) for e in s.exec(select(AuditEvent).where(
            AuditEvent.remiss_id == world["remiss_id"], AuditEvent.action == "update"))]
        assert {"our_dnr": [before, "SOFÖ 2026/0999"]} in logged
        user_ids = {e.user_id for e in s.exec(select(AuditEvent).where(AuditEvent.remiss_id == world["remiss_id"],
                                                                        AuditEvent.action == "update"))}
        assert world["users"]["registrator"].id in user_ids


def test_the_edit_form_shows_our_diarienummer_read_only_to_a_handlaggare(client, world, auth, db):
    auth.login("handlaggare@oster.se")
    url = f"/remisser/{world['remiss_id']}/andra"
    page = client.get(url).get_data(as_text=True)
    assert 'name="our_dnr"' in page and "Diarienumret ändras av registratorn." in page
    with db.transaction(write=False) as s:
        remiss = s.get(Remiss, world["remiss_id"])
        before = remiss.our_dnr
    # a tampered form does not change it either
    form = {"title": remiss.title, "our_dnr": "SOFÖ 2026/0777", "deadline_on": "2026-12-18", "namnd_id": remiss.namnd_id}
    auth.post(url, form, form_url=url)
    with db.transaction(write=False) as s:
        assert s.get(Remiss, world["remiss_id"]).our_dnr == before


def test_the_status_form_offers_only_the_moves_the_user_may_make(client, world, auth):
    _patch(client, world, "handlaggare", {"status": "under_beredning"})
    url = f"/remisser/{world['remiss_id']}"
    auth.login("handlaggare@oster.se")
    page = client.get(url).get_data(as_text=True)
    assert 'value="tilldelad"' in page and 'value="klar_for_beslut"' not in page
    response = auth.post(f"{url}/status", {"status": "klar_for_beslut"}, form_url=url, follow_redirects=True)
    assert "kan du inte flytta remissen till ”Klar för beslut”: det gör granskare och registratorer" in \
        response.get_data(as_text=True)
    auth.logout()
    auth.login("granskare@oster.se")
    assert 'value="klar_for_beslut"' in client.get(url).get_data(as_text=True)


def _open_milestones(db, remiss_id) -> set[str]:
    with db.transaction(write=False) as s:
        return {m.kind for m in s.exec(select(Milestone).where(Milestone.remiss_id == remiss_id,
                                                               Milestone.done_at.is_(None)))}


def _pending_reminders(db, remiss_id) -> int:
    with db.transaction(write=False) as s:
        return len(s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                      OutboxMessage.status == "pending",
                                                      OutboxMessage.kind.not_in(("assigned",)))).all())


def _on_agenda(db, remiss_id) -> set[str]:
    with db.transaction(write=False) as s:
        return {i.kind for i in agenda.items(s, start=date(2026, 1, 1), end=date(2027, 12, 31))
                if i.remiss_id == remiss_id}


def _api_open(client, world) -> set[str]:
    body = client.get(f"/api/v1/remisser/{world['remiss_id']}", headers=world["headers"]["admin"]).get_json()
    # a milestone called off with the remiss (cancelled) is not done, but neither is it open
    return {m["kind"] for m in body["milestones"] if m["status"] == "open"}


def test_withdrawn_and_reopened_the_work_is_back_everywhere(client, world, db, clock):
    rid = world["remiss_id"]
    planned = _open_milestones(db, rid)
    assert {"tjansteskrivelse", "namnd", "expediering"} <= planned and _pending_reminders(db, rid) > 0
    assert _patch(client, world, "handlaggare", {"status": "aterkallad"}).status_code == 200
    # closed: nothing open, nothing on the agenda, no reminder waiting, and the API says the same
    assert _open_milestones(db, rid) == set() == _on_agenda(db, rid) == _api_open(client, world)
    assert _pending_reminders(db, rid) == 0
    # only the registrator opens it again
    assert _patch(client, world, "handlaggare", {"status": "registrerad"}).status_code == 403
    clock.advance(days=2)
    assert _patch(client, world, "registrator", {"status": "registrerad"}).status_code == 200
    assert _open_milestones(db, rid) == planned == _api_open(client, world)
    assert planned <= _on_agenda(db, rid) and _pending_reminders(db, rid) > 0
    # closing again completes them again
    assert _patch(client, world, "registrator", {"status": "avstar"}).status_code == 200
    assert _open_milestones(db, rid) == set() == _on_agenda(db, rid) and _pending_reminders(db, rid) == 0


def test_reopening_keeps_work_that_was_done_and_an_admin_corrects_a_besvarad(client, world, db):
    rid = world["remiss_id"]
    for role, status in (("handlaggare", "under_beredning"), ("granskare", "klar_for_beslut")):
        assert _patch(client, world, role, {"status": status}).status_code == 200
    # a status says its work is done: the review (and the tjänsteskrivelse before it) are ticked off
    assert not {"tjansteskrivelse", "granskning"} & _open_milestones(db, rid)
    assert _patch(client, world, "registrator", {"status": "beslutad"}).status_code == 200
    assert not {"tjansteskrivelse", "granskning"} & _open_milestones(db, rid)
    # the arbetsutskott (3 December) and the nämnd (10 December) are still ahead on 23 November: a status set by hand
    # does not hold them (walk19 G1); registering the beslut ticks them off
    assert {"arbetsutskott", "namnd", "expediering", "sista_svarsdag"} <= _open_milestones(db, rid)
    assert _patch(client, world, "registrator", {"status": "besvarad"}).status_code == 200
    assert _open_milestones(db, rid) == set()
    # marked besvarad by mistake: only an administrator takes it back, and expediering is to do again
    r = _patch(client, world, "registrator", {"status": "beslutad"})
    assert r.status_code == 403 and "administratörer" in r.get_json()["error"]
    r = _patch(client, world, "admin", {"status": "beslutad"})
    assert r.status_code == 200 and r.get_json()["status"] == "beslutad"
    with db.transaction(write=False) as s:
        assert s.get(Remiss, rid).answered_at is None
    still_open = _open_milestones(db, rid)
    assert "expediering" in still_open and "sista_svarsdag" in still_open
    assert not {"tjansteskrivelse", "granskning"} & still_open
    assert {"arbetsutskott", "namnd"} <= still_open  # still ahead, as after the first Beslutad (walk19 G1)
    assert still_open == _api_open(client, world)


def test_a_medborgarforslag_is_refused_as_arendet(client, world, auth, session):
    """The refusals of "Ändra status för hand" and the API's PATCH name a medborgarförslag "ärendet" (kind_words);
    the API's answer keeps its shape."""
    namnd = world["namnd"]
    forslag = make_remiss(session, namnd=namnd, kind="medborgarforslag", deadline_on=date(2026, 12, 18),
                          handlaggare_id=world["users"]["handlaggare"].id)
    session.commit()
    rid = forslag.id
    url, headers = f"/api/v1/remisser/{rid}", world["headers"]
    assert client.patch(url, json={"status": "under_beredning"}, headers=headers["handlaggare"]).status_code == 200
    refused = client.patch(url, json={"status": "klar_for_beslut"}, headers=headers["handlaggare"])
    assert refused.status_code == 403
    assert refused.get_json() == {"error": "Med rollen Handläggare kan du inte flytta ärendet till ”Klar för beslut”: "
                                           "det gör granskare och registratorer.", "status": 403}
    voided = client.patch(url, json={"status": "makulerad"}, headers=headers["registrator"])
    assert voided.status_code == 409
    assert "på ärendets sida, som frågar efter skälet" in voided.get_json()["error"]
    assert "remissens" not in voided.get_json()["error"]

    page = f"/remisser/{rid}"
    auth.login("handlaggare@oster.se")
    said = auth.post(f"{page}/status", {"status": "klar_for_beslut"}, form_url=page,
                     follow_redirects=True).get_data(as_text=True)
    assert "Med rollen Handläggare kan du inte flytta ärendet till ”Klar för beslut”: det gör granskare och " \
           "registratorer." in said


def test_makulera_refused_to_a_handlaggare_names_the_role(world, auth):
    """walk26b X2 / session 27: POST /remisser/N/makulera as a handläggare said "Bara registratorer kan flytta
    remissen till ”Makulerad”." without the user's role, unlike every other refusal by role ("Med rollen Läsare
    kan du inte ändra remisser.")."""
    said = "Med rollen Handläggare kan du inte makulera remissen: det gör registratorer."
    url = f"/remisser/{world['remiss_id']}"
    auth.login("handlaggare@oster.se")
    refused = auth.post(f"{url}/makulera", {"reason": "Dubblett", "confirm": "1"}, form_url=url)
    assert refused.status_code == 403
    assert said in refused.get_data(as_text=True)
