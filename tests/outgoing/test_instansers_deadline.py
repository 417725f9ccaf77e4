"""An utgående remiss's Sista svarsdag is the instansers' deadline, not late work of ours (truth16 F12, walk16
#13): while they have time it is in the lists; once the svarstid has run out it is not "Försenad" in Att göra,
/forsenat or the feeds, and once the answers are compiled the API's milestone is done, as the digest has it."""
from __future__ import annotations

from datetime import date, datetime, time

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import lifecycle, sending
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def test_the_instansers_deadline_is_never_our_late_step(session, app, client, auth, clock):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="reg@malmo.se")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2027, 3, 15), title="Parkeringsnorm",
                         deadline_on=date(2027, 4, 16), deadline_time=time(12, 0), questions=["Fråga?"],
                         sandlista=[SandlistaItem("Norr", "norr@example.se", "")])
    with app.app_context():
        sending.send(session, now=at(2027, 3, 16), principal=SYSTEM, remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    token = create_api_token(session, now=at(2027, 3, 16), user=user, name="t")
    session.commit()
    auth.login("reg@malmo.se")

    clock.set(at(2027, 4, 16, 13))  # an hour after the svarstid ran out, before any sweep moved the status
    start = client.get("/").get_data(as_text=True)
    assert "Parkeringsnorm" in start and "svarstiden har gått ut" in start
    assert "Parkeringsnorm" not in client.get("/forsenat").get_data(as_text=True)

    with app.app_context():
        lifecycle.sync_deadline(session, now=clock(), remiss=remiss)
        lifecycle.compile_answers(session, now=at(2027, 4, 22), principal=SYSTEM, remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    session.commit()
    clock.set(at(2027, 4, 27))
    for url in ("/", "/forsenat"):
        page = client.get(url).get_data(as_text=True)
        assert "Försenad i" not in page, url
        assert "Sista svarsdag" not in page or "Parkeringsnorm" not in page.split("Sista svarsdag", 1)[1][:400], url
    detail = client.get(f"/api/v1/remisser/{remiss.id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    deadline = [m for m in detail["milestones"] if m["kind"] == "sista_svarsdag"]
    assert [m["status"] for m in deadline] == ["done"]
    assert detail["deadline_passed"] is False  # the flag is about our deadlines, an incoming remiss's


def _cell(page: str, title: str) -> str:
    """The Sista svarsdag cell of the remisser table's row of the remiss titled title, as text."""
    import html
    import re

    rows = [r for r in page.split("<tr>") if f">{title}</a>" in r and 'data-label="Sista svarsdag"' in r]
    assert rows, title
    cell = rows[0].split('data-label="Sista svarsdag">', 1)[1].split("</td>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())


def test_the_lists_say_the_instansers_svarstid_not_our_deadline(session, app, client, auth, clock):
    """left17 #4: the start page, Mina remisser and the diarium showed an utgående remiss's sista svarsdag as a
    plain Sista svarsdag, as if it were ours to meet; they say "svarstid till …" and, once it has run out,
    "svarstiden har gått ut" (never "passerad"); the API says svarstid_ended (deadline_passed stays false)."""
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="reg@malmo.se")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2027, 3, 15), title="Parkeringsnorm",
                         deadline_on=date(2027, 4, 16), deadline_time=time(12, 0), questions=["Fråga?"],
                         sandlista=[SandlistaItem("Norr", "norr@example.se", "")], handlaggare_id=user.id)
    with app.app_context():
        sending.send(session, now=at(2027, 3, 16), principal=SYSTEM, remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    token = create_api_token(session, now=at(2027, 3, 16), user=user, name="t")
    session.commit()
    rid = remiss.id
    auth.login("reg@malmo.se")
    api = {"Authorization": f"Bearer {token}"}

    clock.set(at(2027, 4, 1))  # the svarstid runs
    for url in ("/", "/remisser/mina", "/remisser?status=open"):
        assert _cell(client.get(url).get_data(as_text=True), "Parkeringsnorm") == (
            "svarstid till 16 april 2027 kl. 12.00"), url
    body = client.get(f"/api/v1/remisser/{rid}", headers=api).get_json()
    assert (body["deadline_passed"], body["svarstid_ended"]) == (False, False)

    clock.set(at(2027, 4, 16, 13))  # it has run out: the instansers', not ours
    for url in ("/", "/remisser/mina", "/remisser?status=open"):
        assert _cell(client.get(url).get_data(as_text=True), "Parkeringsnorm") == (
            "svarstid till 16 april 2027 kl. 12.00 svarstiden har gått ut"), url
    body = client.get(f"/api/v1/remisser/{rid}", headers=api).get_json()
    assert (body["deadline_passed"], body["svarstid_ended"]) == (False, True)
    listed = client.get("/api/v1/remisser", headers=api).get_json()["items"]
    assert [(i["deadline_passed"], i["svarstid_ended"]) for i in listed if i["id"] == rid] == [(False, True)]
