"""Session 30 B8: a läsare who posts on an utgående remiss's instans page (a stale page or a crafted form) – an answer,
an avstår, an anstånd asked or granted – was told "Med rollen Läsare kan du inte ändra remisser", as was the API's
answer, decline and extension of one instans. Each refusal names the act, worded in auth.access (BORROWED_ACTS)."""
from __future__ import annotations

import html
from datetime import date

import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.models import SandlistaEntry
from tests.conftest import Auth
from tests.support.factories import make_namnd, make_remiss, make_user

WHO = ": det gör handläggare, granskare och registratorer."


@pytest.fixture
def outgoing(session, clock):
    namnd = make_namnd(session, name="Kulturnämnden")
    reader = make_user(session, role=Role.lasare, namnder=[namnd], email="lasare@kultur.se")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 29),
                         our_dnr="KN 2026/0002", title="Lokal biblioteksplan", sandlista=["Norr", "Söder"])
    entry = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id)).first()
    token = create_api_token(session, now=clock(), user=reader, name="t")
    session.commit()
    return {"remiss_id": remiss.id, "entry_id": entry.id, "headers": {"Authorization": f"Bearer {token}"}}


PAGE = [
    ({"action": "answer", "answered_on": "2026-11-20", "summary": "Bra"}, "registrera en remissinstans svar"),
    ({"action": "decline", "note": "Ingen tid"}, "registrera att en remissinstans avstår"),
    ({"action": "request_extension", "until_on": "2027-02-12"}, "registrera att en remissinstans begär anstånd"),
    ({"action": "grant_extension", "until_on": "2027-02-12"}, "ge en remissinstans anstånd"),
    ({"action": "reopen"}, "ångra att en remissinstans har svarat"),
    ({"action": "address", "email": "ny@norr.se"}, "ändra en remissinstans adress"),
    ({"action": "något annat"}, "ändra uppgifter om remissinstanser"),
    ({}, "ändra uppgifter om remissinstanser"),
]


@pytest.mark.parametrize("form, act", PAGE)
def test_the_instans_page_refuses_a_lasare_naming_the_act(app, outgoing, session, form, act):
    auth = Auth(app.test_client())
    auth.login("lasare@kultur.se")
    url = f"/remisser/{outgoing['remiss_id']}/utskick/instanser/{outgoing['entry_id']}"
    answer = auth.post(url, form, form_url=f"/remisser/{outgoing['remiss_id']}")
    page = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 403
    assert f"Med rollen Läsare kan du inte {act}{WHO}" in page
    session.expire_all()
    assert session.get(SandlistaEntry, outgoing["entry_id"]).answer_status == "ej_svarat"


API = [
    ("answer", {"answered_on": "2026-11-20", "summary": "Bra"}, "registrera en remissinstans svar"),
    ("decline", {"note": "Ingen tid"}, "registrera att en remissinstans avstår"),
    ("extension", {"until_on": "2027-02-12"}, "ge en remissinstans anstånd"),
]


@pytest.mark.parametrize("verb, body, act", API)
def test_the_api_refuses_a_lasare_naming_the_act(app, outgoing, verb, body, act):
    url = f"/api/v1/remisser/{outgoing['remiss_id']}/sandlista/{outgoing['entry_id']}/{verb}"
    answer = app.test_client().post(url, json=body, headers=outgoing["headers"])
    assert answer.status_code == 403
    assert answer.get_json()["error"] == f"Med rollen Läsare kan du inte {act}{WHO}"


# walk31 #12: the utgående remiss's own buttons told a läsare "ändra remisser" too
@pytest.mark.parametrize("where, act", [
    ("sammanstall", "sammanställa svaren"), ("publicera", "publicera remissvaren"), ("missiv", "skapa missivet"),
    ("skicka", "skicka remissen"), ("andring", "skicka ändringen till remissinstanserna")])
def test_the_outgoing_buttons_refuse_a_lasare_naming_the_act(app, outgoing, where, act):
    auth = Auth(app.test_client())
    auth.login("lasare@kultur.se")
    answer = auth.post(f"/remisser/{outgoing['remiss_id']}/utskick/{where}", {"confirm_compile": "1"},
                       form_url=f"/remisser/{outgoing['remiss_id']}")
    assert answer.status_code == 403
    assert f"Med rollen Läsare kan du inte {act}{WHO}" in html.unescape(answer.get_data(as_text=True))


def test_the_api_send_refuses_a_lasare_in_the_words_of_the_skicka_button(app, outgoing):
    """truth34 #3: POST …/sandlista/send told a läsare "kan du inte ändra remisser", the page's Skicka "kan du inte
    skicka remissen": one refusal, worded once (BORROWED_ACTS["outgoing_send"])."""
    answer = app.test_client().post(f"/api/v1/remisser/{outgoing['remiss_id']}/sandlista/send",
                                    headers=outgoing["headers"])
    assert answer.status_code == 403
    assert answer.get_json()["error"] == f"Med rollen Läsare kan du inte skicka remissen{WHO}"
