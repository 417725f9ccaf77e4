"""walk26b X7: a refusal by the role names the act refused. Changing or deleting a sammanträde said "Med rollen Läsare
kan du inte tilldela handläggare", Dokumentmallar "… kan du inte registrera remisser": the checks borrow another act's
permission (auth.access.BORROWED_ACTS). This walks every page and form a läsare of the nämnd is refused with the role
named, and checks that each names an act that fits the address."""
from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.namnd.models import Meeting
from remiss.planning.models import Milestone
from remiss.remisser.models import Remiss
from tests.conftest import Auth, csrf_token
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user

REFUSAL = re.compile(r"Med rollen Läsare kan du inte ([^.:<]+)[.:]")  # the act, before ": det gör …"
# An act's words → the address words that make it fit; an act said at an address it does not fit (or not listed
# here) fails the test.
FITS = {
    "ändra nämndens sammanträdesplan": ("/sammantraden",),
    "ändra nämndens dokumentmallar": ("/mallar",),
    "tilldela handläggare": ("/tilldela",),
    "registrera remisser": ("/remisser/ny", "/inkorg", "/missiv"),
    "registrera nämndens beslut": ("/yttrande/beslut",),
    "registrera justeringen av protokollet": ("/yttrande/justering",),
    "fylla i vem som undertecknar yttrandet": ("/yttrande/underskrifter",),
    "expediera yttranden": ("/yttrande/expediera", "/yttrande/skicka-nu"),  # skicka-nu: the expediering's mail
    "registrera att yttrandet har skickats": ("/yttrande/skickat",),
    "rätta ett expedierat yttrande": ("/yttrande/rattelse",),
    "granska och godkänna yttranden": ("/yttrande/lage", "/granska"),
    "makulera remissen": ("/makulera",),  # walk28 Z5: a läsare was told "ändra remisser: det gör handläggare, …"
    # session 29: a läsare's förlängning was refused with "ändra remisser"
    "registrera en begäran om förlängning": ("/forlangningar",),
    "registrera besked om en förlängning": ("/forlangningar/<int:extension_id>/besked",),
    "registrera en allmän förlängning": ("/forlangningar/allman",),
    "förlänga remisstiden": ("/utskick/forlangning",),
    # walk31 #12: the utgående remiss's buttons said "ändra remisser"
    "skapa missivet": ("/utskick/missiv",),
    "skicka remissen": ("/utskick/skicka",),
    "skicka ändringen till remissinstanserna": ("/utskick/andring",),
    "sammanställa svaren": ("/utskick/sammanstall",),
    "publicera remissvaren": ("/utskick/publicera",),
    # session 30 B8: the instans page's forms said "ändra remisser"; the walk posts none of its actions
    "ändra uppgifter om remissinstanser": ("/utskick/instanser/",),
    "ändra remisser": ("/remisser/",),
    "administrera Remiss": ("/admin",),
    "hantera Inkorgen": ("/inkorg",),
    "hantera sparade sändlistor": ("/sandlistor",),
    "ta bort sparade sändlistor": ("/sandlistor/<int:list_id>/ta-bort",),
}


@pytest.fixture
def world(session):
    namnd = make_namnd(session, name="Kulturnämnden")
    make_user(session, role=Role.lasare, namnder=[namnd], email="lasare@x.se", name="Lars Läsare")
    remiss = make_remiss(session, namnd=namnd, our_dnr="KN 2026/0001", title="Kulturstrategi")
    meeting = Meeting(namnd_id=namnd.id, kind="namnd", starts_at=datetime(2027, 1, 28, 17, tzinfo=timezone.utc))
    session.add(meeting)
    session.commit()
    return {"namnd_id": namnd.id, "remiss_id": remiss.id, "meeting_id": meeting.id}


def _value(rule, name: str, ids: dict):
    converter = rule._converters.get(name)
    items = getattr(converter, "items", None)
    if items:  # <any(registrera, sammanfor, …):step>
        return sorted(items)[0]
    return ids.get(name, 1) if "Integer" in type(converter).__name__ else "x"


def _refusals(app, ids: dict) -> dict[str, str]:
    auth = Auth(app.test_client())
    auth.login("lasare@x.se")
    token = csrf_token(auth.client, "/")
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule.startswith(("/api/", "/logga-")):
            continue
        url = rule.build({name: _value(rule, name, ids) for name in rule.arguments}, append_unknown=False)[1]
        answer = auth.client.post(url, data={"csrf_token": token}) if "POST" in rule.methods \
            else auth.client.get(url)
        if answer.status_code == 403:
            said = REFUSAL.search(html.unescape(answer.get_data(as_text=True)))
            if said:
                found[f"{'POST' if 'POST' in rule.methods else 'GET'} {rule.rule}"] = said.group(1)
    return found


def test_every_refusal_names_an_act_that_fits_the_address(app, world):
    refusals = _refusals(app, world)
    assert any("sammantraden" in where for where in refusals), refusals  # the walk reached the meetings
    unfit = {where: act for where, act in refusals.items()
             if not any(word in where for word in FITS.get(act, ()))}
    assert not unfit, unfit


@pytest.mark.parametrize("where, act", [
    ("/namnder/{namnd_id}/sammantraden", "ändra nämndens sammanträdesplan"),
    ("/namnder/{namnd_id}/sammantraden/{meeting_id}/ta-bort", "ändra nämndens sammanträdesplan"),
    ("/namnder/{namnd_id}/mallar", "ändra nämndens dokumentmallar"),
])
def test_the_meetings_and_templates_say_their_own_act(app, world, where, act):
    auth = Auth(app.test_client())
    auth.login("lasare@x.se")
    url = where.format(**world)
    answer = auth.post(url, {}, form_url="/")
    assert answer.status_code == 403
    assert f"Med rollen Läsare kan du inte {act}: det gör registratorer." in html.unescape(answer.get_data(as_text=True))



# Session 28: the refusals met by a role that edits the remiss but not this part of it said "Bara registratorer
# kan ändra vårt diarienummer." and "Bara registratorer kan markera nämndsammanträde som klar: det följer …",
# not the user's role. Each now names the role and who does it (auth.access.refused_by_role), on the page and in
# the API alike.
@pytest.fixture
def editors(session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 3, 8, 30), ""), ("namnd", at(2026, 12, 10, 17), "")])
    users = {role: make_user(session, role=role, namnder=[namnd], email=f"{role}@oster.se")
             for role in ("handlaggare", "granskare", "lasare")}
    headers = {role: {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=u, name='t')}"}
               for role, u in users.items()}
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=users["handlaggare"].id, deadline_on=date(2026, 12, 18),
                         deadline_time=time(12, 0), our_dnr="SOFÖ 2026/0001")
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2026, 12, 18),
                           our_dnr="SOFÖ 2026/0002", title="Lokal biblioteksplan")
    outgoing.status = "sammanstalld"
    session.add(outgoing)
    session.flush()
    steps = {m.kind: m.id for m in session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id))}
    session.commit()
    return {"remiss_id": remiss.id, "outgoing_id": outgoing.id, "headers": headers, "steps": steps}


EDITORS_REFUSED = [
    ("handlaggare", "api", {"our_dnr": "SOFÖ 2026/0999"},
     "Med rollen Handläggare kan du inte ändra vårt diarienummer: det gör registratorer."),
    ("granskare", "api", {"our_dnr": "SOFÖ 2026/0999"},
     "Med rollen Granskare / chef kan du inte ändra vårt diarienummer: det gör registratorer."),
    ("granskare", "api", {"deadline_on": "2026-12-21"},
     "Med rollen Granskare / chef kan du inte ändra sista svarsdagen: det gör registratorer."),
    ("handlaggare", "api", {"deadline_time": "16:00"},
     "Med rollen Handläggare kan du inte ändra sista svarsdagens klockslag: det gör registratorer."),
    ("handlaggare", "/tidplan/klar", {"milestone": "namnd", "done": "1"},
     "Med rollen Handläggare kan du inte markera nämndsammanträde som klar: det gör registratorer, som sköter "
     "nämndens sammanträden."),
    ("granskare", "/tidplan/klar", {"milestone": "arbetsutskott", "done": "1"},
     "Med rollen Granskare / chef kan du inte markera arbetsutskott som klar: det gör registratorer, som sköter "
     "nämndens sammanträden."),
    ("handlaggare", "/makulera", {"reason": "Dubblett", "confirm": "1"},
     "Med rollen Handläggare kan du inte makulera remissen: det gör registratorer."),
    ("handlaggare", "/yttrande/beslut", {},
     "Med rollen Handläggare kan du inte registrera nämndens beslut: det gör granskare och registratorer."),
    ("handlaggare", "/tilldela", {},
     "Med rollen Handläggare kan du inte tilldela handläggare: det gör registratorer."),
    # walk28 Z2: Ändra uppgifter posted with a changed read-only field said "Ändringarna är sparade" and dropped it
    ("handlaggare", "/andra", {"our_dnr": "SOFÖ 2026/0099"},
     "Med rollen Handläggare kan du inte ändra vårt diarienummer: det gör registratorer."),
    ("granskare", "/andra", {"deadline_on": "2027-03-15"},
     "Med rollen Granskare / chef kan du inte ändra sista svarsdagen: det gör registratorer."),
    ("handlaggare", "/andra", {"deadline_time": "16.00"},
     "Med rollen Handläggare kan du inte ändra sista svarsdagens klockslag: det gör registratorer."),
    # walk28 Z9: the API's beslut said "… kan du inte granska och godkänna yttranden", not the act the page names
    ("handlaggare", "api /yttrande/beslut", {},
     "Med rollen Handläggare kan du inte registrera nämndens beslut: det gör granskare och registratorer."),
    ("lasare", "api /yttrande/beslut", {},
     "Med rollen Läsare kan du inte registrera nämndens beslut: det gör granskare och registratorer."),
    ("handlaggare", "api /yttrande/justering", {},
     "Med rollen Handläggare kan du inte registrera justeringen av protokollet: det gör granskare och "
     "registratorer."),
    # walk28 Z5: a läsare was told "… kan du inte ändra remisser: det gör handläggare, granskare och registratorer."
    # for every status move, though handläggare and granskare do not makulera
    ("lasare", "/makulera", {"reason": "Dubblett", "confirm": "1"},
     "Med rollen Läsare kan du inte makulera remissen: det gör registratorer."),
    ("lasare", "/status", {"status": "klar_for_beslut"},
     "Med rollen Läsare kan du inte flytta remissen till ”Klar för beslut”: det gör granskare och registratorer."),
    ("lasare", "/status", {"status": "makulerad", "confirm": "1"},
     "Med rollen Läsare kan du inte makulera remissen: det gör registratorer."),
    ("lasare", "/utskick/avsluta", {"confirm_close": "1"},
     "Med rollen Läsare kan du inte avsluta remissen: det gör handläggare, granskare och registratorer."),
    # session 29: a läsare's förlängning and a status PATCH said "… kan du inte ändra remisser: det gör …"
    ("lasare", "/forlangningar", {"until_on": "2027-01-15", "requested_by": "Lars"},
     "Med rollen Läsare kan du inte registrera en begäran om förlängning: det gör handläggare, granskare och "
     "registratorer."),
    ("lasare", "/forlangningar/allman", {"until_on": "2027-01-15"},
     "Med rollen Läsare kan du inte registrera en allmän förlängning: det gör handläggare, granskare och "
     "registratorer."),
    ("lasare", "/forlangningar/1/besked", {"decision": "granted"},
     "Med rollen Läsare kan du inte registrera besked om en förlängning: det gör handläggare, granskare och "
     "registratorer."),
    ("lasare", "/utskick/forlangning", {"until_on": "2027-01-15", "confirm_extension": "1"},
     "Med rollen Läsare kan du inte förlänga remisstiden: det gör handläggare, granskare och registratorer."),
    ("lasare", "api /extensions", {"until_on": "2027-01-15", "requested_by": "Lars"},
     "Med rollen Läsare kan du inte registrera en begäran om förlängning: det gör handläggare, granskare och "
     "registratorer."),
    ("lasare", "api", {"status": "under_beredning"},
     "Med rollen Läsare kan du inte flytta remissen till ”Under beredning”: det gör handläggare, granskare och "
     "registratorer."),
    ("lasare", "api", {"status": "besvarad"},
     "Med rollen Läsare kan du inte flytta remissen till ”Besvarad”: det gör granskare och registratorer."),
    ("lasare", "api", {"status": ["besvarad"]},  # not a status: the edit, never a 500
     "Med rollen Läsare kan du inte ändra remisser: det gör handläggare, granskare och registratorer."),
    # fields besides: the whole edit is what is refused
    ("lasare", "api", {"status": "besvarad", "title": "Ny titel"},
     "Med rollen Läsare kan du inte ändra remisser: det gör handläggare, granskare och registratorer."),
]


@pytest.mark.parametrize("role, where, body, said", EDITORS_REFUSED)
def test_a_role_that_edits_is_told_its_role_and_who_does_the_act(app, editors, role, where, body, said):
    rid = editors["outgoing_id" if where.startswith("/utskick") else "remiss_id"]
    client = app.test_client()
    if where == "api":
        answer = client.patch(f"/api/v1/remisser/{rid}", json=body, headers=editors["headers"][role])
        told = answer.get_json()["error"]
    elif where.startswith("api "):
        answer = client.post(f"/api/v1/remisser/{rid}{where[4:]}", json=body, headers=editors["headers"][role])
        told = answer.get_json()["error"]
    else:
        auth = Auth(client)
        auth.login(f"{role}@oster.se")
        body = dict(body)
        if "milestone" in body:
            body["milestone_id"] = editors["steps"][body.pop("milestone")]
        answer = auth.post(f"/remisser/{rid}{where}", body, form_url=f"/remisser/{rid}")
        told = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 403
    assert said in told
    assert "Bara " not in told


def test_no_refusal_is_worded_outside_auth_access():
    """A refusal by the role is worded once, by auth.access.refused_by_role: an AccessDenied built with its own text
    elsewhere (as "Bara administratörer får ändra registret …" was) would say neither the role nor who does it."""
    root = Path(__file__).resolve().parents[2] / "remiss"
    worded = [f"{path.relative_to(root)}:{number}" for path in sorted(root.rglob("*.py"))
              if path.name != "access.py"
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"AccessDenied\(\s*f?[\"']", line)]
    assert not worded, worded


def test_a_changed_read_only_field_refuses_the_whole_edit_and_keeps_what_was_typed(app, editors, session):
    """walk28 Z2: a handläggare's Ändra uppgifter with another diarienummer (the field is read-only for her: a stale
    or crafted form) said "Klart: Ändringarna är sparade." and dropped the change. It is refused as the API refuses
    it, nothing is saved (not the title either), the title typed comes back and the field shows the number it has,
    so that saving again saves the rest."""
    rid = editors["remiss_id"]
    title = session.get(Remiss, rid).title
    session.rollback()
    auth = Auth(app.test_client())
    auth.login("handlaggare@oster.se")
    url = f"/remisser/{rid}/andra"
    form = {"title": "Kulturstrategi, rättad", "our_dnr": "SOFÖ 2026/0099", "deadline_on": "2026-12-18",
            "deadline_time": "12.00", "notes": "Skrivet nu"}
    answer = auth.post(url, form, form_url=url)
    page = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 403
    assert ("Med rollen Handläggare kan du inte ändra vårt diarienummer: det gör registratorer. Fältet visar det "
            "sparade värdet igen, inte ”SOFÖ 2026/0099”.") in page
    assert "Uppgifterna ändrades inte" in page and "Ändringarna är sparade" not in page
    assert 'value="Kulturstrategi, rättad"' in page and "Skrivet nu" in page
    assert re.search(r'name="our_dnr"[^>]*value="SOFÖ 2026/0001"|value="SOFÖ 2026/0001"[^>]*name="our_dnr"', page)
    session.expire_all()
    remiss = session.get(Remiss, rid)
    assert (remiss.title, remiss.our_dnr) == (title, "SOFÖ 2026/0001")
    session.rollback()

    form["our_dnr"] = "SOFÖ 2026/0001"  # as the page gave it back: the rest is saved
    answer = auth.post(url, form, form_url=url)
    assert answer.status_code == 302, html.unescape(answer.get_data(as_text=True))[:2000]
    session.expire_all()
    assert session.get(Remiss, rid).title == "Kulturstrategi, rättad"


def test_a_read_only_field_left_as_the_form_was_opened_is_no_change(app, editors, session):
    """A form opened before the registrator gave another diarienummer sends the old one back: the handläggare did not
    change it, so the rest is saved and the registrator's number stays (remisser.edit_base: what this tab changed)."""
    rid = editors["remiss_id"]
    auth = Auth(app.test_client())
    auth.login("handlaggare@oster.se")
    url = f"/remisser/{rid}/andra"
    opened = {"our_dnr": "SOFÖ 2026/0005", "deadline_on": "2026-12-18", "deadline_time": "12.00"}
    answer = auth.post(url, {**opened, "base": json.dumps(opened), "notes": "Skrivet nu"}, form_url=url)
    assert answer.status_code == 302, html.unescape(answer.get_data(as_text=True))[:2000]
    session.expire_all()
    remiss = session.get(Remiss, rid)
    assert (remiss.our_dnr, remiss.notes) == ("SOFÖ 2026/0001", "Skrivet nu")
