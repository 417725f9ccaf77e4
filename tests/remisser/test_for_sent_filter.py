"""The list filter "Besvarade för sent" (status=for_sent): the remisser besvarade after the sista svarsdag in force
(an extension counted, the deadline's clock time too), on the diarium and in the API's list, read by the query."""
from __future__ import annotations

import re
from datetime import date, time

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.planning.service import extensions
from remiss.remisser import queries
from remiss.remisser.filters import RemissFilter
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user

PATH = ("under_beredning", "klar_for_beslut", "beslutad", "besvarad")


def _answer(session, clock, admin, remiss, moment):
    for status in PATH:  # from tilldelad (the remiss has a handläggare)
        if status == "besvarad":
            clock.set(moment)
        remisser.change_status(session, now=clock(), principal=admin, remiss=remiss, new=status)


def _world(session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    user = make_user(session, role=Role.admin, namnder=[namnd], email="admin@oster.se")
    h = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@oster.se")
    admin = Principal.of(session, user)
    clock.set(at(2026, 11, 2))
    made = {}
    for title in ("Sent svar", "Efter klockslaget", "I tid", "Förlängd och i tid", "Förlängd men sent", "Öppen"):
        # sista svarsdag fredag 18 december 2026 kl. 12.00
        made[title] = make_remiss(session, namnd=namnd, by=user, now=clock(), title=title, handlaggare_id=h.id,
                                  deadline_on=date(2026, 12, 18), deadline_time=time(12, 0))
    clock.set(at(2026, 12, 1))
    extensions.general_notice(session, now=clock(), principal=admin, remiss=made["Förlängd och i tid"],
                              sender="Kommunstyrelsen", until_on=date(2027, 1, 15))
    extensions.general_notice(session, now=clock(), principal=admin, remiss=made["Förlängd men sent"],
                              sender="Kommunstyrelsen", until_on=date(2026, 12, 21))
    for title, moment in (("Sent svar", at(2026, 12, 22, 10)), ("Efter klockslaget", at(2026, 12, 18, 13)),
                          ("I tid", at(2026, 12, 18, 11)), ("Förlängd och i tid", at(2026, 12, 22, 10)),
                          ("Förlängd men sent", at(2026, 12, 22, 10))):
        _answer(session, clock, admin, made[title], moment)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    return admin, made, {"Authorization": f"Bearer {token}"}


LATE = ["Efter klockslaget", "Förlängd men sent", "Sent svar"]


def test_for_sent_lists_the_late_answers_on_the_diarium_and_in_the_api(client, auth, session, clock):
    admin, made, headers = _world(session, clock)
    found = queries.list_remisser(session, admin, RemissFilter(status="for_sent"))
    assert sorted(r.title for r in found.rows) == LATE and found.total == 3
    # the query itself selects them, by the stored column (no row is checked in Python)
    stmt = queries.rows_statement(session, admin, RemissFilter(status="for_sent"))
    assert "answered_late" in str(stmt.compile())
    session.rollback()

    auth.login("admin@oster.se")
    page = client.get("/remisser?status=for_sent").get_data(as_text=True)
    assert sorted(re.findall(r"Sent svar|Efter klockslaget|Förlängd men sent|Förlängd och i tid|I tid|Öppen",
                             page.split("<tbody", 1)[1])) == LATE
    assert '<option value="for_sent" selected>Besvarade för sent</option>' in page
    assert "3 remisser" in page
    body = client.get("/api/v1/remisser?status=for_sent", headers=headers).get_json()
    assert sorted(item["title"] for item in body["items"]) == LATE and body["total"] == 3


def test_a_correction_back_to_beslutad_leaves_the_list(client, session, clock):
    admin, made, headers = _world(session, clock)
    remiss = session.get(Remiss, made["Sent svar"].id)
    remisser.change_status(session, now=clock(), principal=admin, remiss=remiss, new="beslutad",
                           note="markerad som besvarad av misstag")
    session.commit()
    body = client.get("/api/v1/remisser?status=for_sent", headers=headers).get_json()
    assert sorted(item["title"] for item in body["items"]) == ["Efter klockslaget", "Förlängd men sent"]
    assert session.exec(select(Remiss.answered_late).where(Remiss.id == remiss.id)).one() is False


def test_an_unknown_status_still_says_so(client, session, clock):
    admin, made, headers = _world(session, clock)
    r = client.get("/api/v1/remisser?status=forsent", headers=headers)
    assert r.status_code == 400
