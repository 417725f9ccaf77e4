"""walk18 F7, left over in the API: what /api/v1 says about a medborgarförslag called it "remissen" (its warnings at
registration, its Tidplan's texts, the refusals of a förlängning, a beslut and a finished ärende). It says "ärendet"
now, through the one noun per kind (remisser.kind_words), as the page does; a remiss reads as before and every JSON
key and code is the same."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.remisser import service as remisser
from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_namnd, make_remiss, make_user

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
KINDS = (("medborgarforslag", "ärendet", "Ärendet"), ("remiss", "remissen", "Remissen"))


def _token(session, clock, namnd=None):
    namnd = namnd or make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email=f"reg{namnd.id}@kommun.se")
    session.commit()
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='t')}"}
    session.commit()
    return namnd, user, headers


def test_the_warnings_at_registration_name_a_medborgarforslag_arendet(client, session, clock):
    clock.set(NOW)
    namnd, _, headers = _token(session, clock)
    said = {}
    for kind, _, _ in KINDS:
        body = {"title": f"Gatubelysning på Storgatan ({kind})", "remittent": "Kommunfullmäktige", "kind": kind,
                "namnd_id": namnd.id, "deadline_on": "2026-12-01"}  # passed already
        first = client.post("/api/v1/remisser", json=body, headers=headers)
        again = client.post("/api/v1/remisser", json=body, headers=headers)
        assert first.status_code == again.status_code == 201, again.get_json()
        said[kind] = {w["code"]: w for w in again.get_json()["warnings"]}
        # the codes as before; Inkom (today) after the sista svarsdag is also said, as the form asks it
        assert set(said[kind]) == {"mojlig_dubblett", "sista_svarsdag_passerad", "inkom_efter_sista_svarsdag"}, \
            said[kind]
    # Old code: "Makulera den nya remissen …", "Öppna den remissen", "har remissen kommit in sent, begär förlängd
    # remisstid" of a medborgarförslag
    forslag, remiss = said["medborgarforslag"], said["remiss"]
    assert forslag["mojlig_dubblett"]["message"].endswith("Makulera det nya ärendet om det är en dubblett.")
    assert forslag["mojlig_dubblett"]["link_text"] == "Öppna det ärendet"
    assert ("Kontrollera datumet; har ärendet kommit in sent, begär förlängd svarstid hos remittenten eller svara så "
            "snart som möjligt.") in forslag["sista_svarsdag_passerad"]["message"]
    assert remiss["mojlig_dubblett"]["message"].endswith("Makulera den nya remissen om den är en dubblett.")
    assert remiss["mojlig_dubblett"]["link_text"] == "Öppna den remissen"
    assert ("Kontrollera datumet; har remissen kommit in sent, begär förlängd remisstid hos remittenten eller svara "
            "så snart som möjligt.") in remiss["sista_svarsdag_passerad"]["message"]


def test_the_sandlista_of_an_incoming_medborgarforslag_is_refused_in_its_words(client, session, clock):
    clock.set(NOW)
    namnd, _, headers = _token(session, clock)
    for kind, the, The in KINDS:
        ours = make_remiss(session, namnd=namnd, now=clock(), kind=kind)
        session.commit()
        refused = client.post(f"/api/v1/remisser/{ours.id}/sandlista/send", headers=headers)
        assert refused.status_code == 400
        # Old code: "Remissen är inte utgående." of a medborgarförslag
        assert refused.get_json()["errors"] == {"remiss": f"{The} är inte utgående."}


def test_the_tidplan_in_the_api_says_a_medborgarforslag_in_its_words(client, session, clock):
    """A step due before the ärende came in (walk9 F5), as the Tidplan panel says it."""
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 9, 1, 9))
    _, _, headers = _token(session, clock, namnd)
    for kind, the, _ in KINDS:
        ours = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], kind=kind,
                           deadline_on=date(2015, 9, 28), deadline_time=None, received_on=date(2015, 8, 31),
                           handlaggare_id=users["handlaggare"].id)
        session.commit()
        steps = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{ours.id}", headers=headers)
                 .get_json()["milestones"]}
        written = steps["tjansteskrivelse"]
        whose, time = ("ärendets", "svarstid") if kind == "medborgarforslag" else ("remissens", "remisstid")
        # Old code: "… före remissens ankomst …", "Begär förlängd remisstid …" of a medborgarförslag
        assert written["explanation"].endswith(f"Datumet låg före {whose} ankomst måndag 31 augusti 2015."), written
        assert written["advice"] == f"Begär förlängd {time} hos remittenten.", written
        assert written["flagged"] and written["flag_reason"], written  # the codes as before


def test_a_forlangning_of_a_medborgarforslag_is_refused_in_its_words(client, session, clock):
    clock.set(NOW)
    namnd, _, headers = _token(session, clock)
    for kind, the, The in KINDS:
        without = make_remiss(session, namnd=namnd, now=clock(), kind=kind, deadline_on=None, deadline_time=None)
        dated = make_remiss(session, namnd=namnd, now=clock(), kind=kind, received_on=date(2026, 11, 30),
                            deadline_on=date(2027, 1, 15), deadline_time=None)
        session.commit()
        asked = {"requested_by": "Kommunstyrelsen", "until_on": "2027-02-01"}
        none = client.post(f"/api/v1/remisser/{without.id}/extensions", json=asked, headers=headers).get_json()
        # Old code: "Remissen har ingen sista svarsdag att förlänga …" of a medborgarförslag
        assert none["errors"]["until_on"].startswith(f"{The} har ingen sista svarsdag att förlänga"), none
        early = client.post(f"/api/v1/remisser/{dated.id}/extensions", json={**asked, "requested_on": "2026-11-20"},
                            headers=headers).get_json()
        assert f"{the} kom in" in early["errors"]["requested_on"], early
        missing = client.post(f"/api/v1/remisser/{dated.id}/extensions/999999/decision",
                              json={"decision": "denied"}, headers=headers).get_json()
        word = "det här ärendet" if kind == "medborgarforslag" else "den här remissen"
        assert missing.get("errors", {}).get("extension_id") == f"Förlängningen finns inte på {word}.", missing


def test_a_finished_medborgarforslag_is_refused_in_its_words(client, session, clock):
    clock.set(NOW)
    namnd, user, headers = _token(session, clock)
    for kind, the, The in KINDS:
        ours = make_remiss(session, namnd=namnd, now=clock(), kind=kind, deadline_on=date(2027, 1, 15),
                           deadline_time=None)
        remisser.change_status(session, now=clock(), principal=Principal.of(session, user), remiss=ours,
                               new="aterkallad", note="Återkallad av kommunstyrelsen.")
        session.commit()
        refused = client.post(f"/api/v1/remisser/{ours.id}/extensions",
                              json={"requested_by": "Kommunstyrelsen", "until_on": "2027-02-01"}, headers=headers)
        assert refused.status_code == 409
        done, it = ("återkallat", "det") if kind == "medborgarforslag" else ("återkallad", "den")
        # Old code: "Remissen är återkallad, så inget mer görs i den." of a medborgarförslag
        assert refused.get_json()["error"].startswith(f"{The} är {done}, så inget mer görs i {it}."), \
            refused.get_json()


def test_a_medborgarforslag_decided_without_a_meeting_is_warned_of_in_its_words(client, session, clock):
    """The beslut_utan_sammantrade warning (planning.beslut_link), and a beslut dated before it came in."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    h = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@oster.se")
    g = make_user(session, role=Role.granskare, namnder=[namnd], email="g@oster.se")
    clock.set(at(2026, 11, 23))
    _, r, headers = _token(session, clock, namnd)
    for kind, the, The in KINDS:
        ours = make_remiss(session, namnd=namnd, by=r, now=clock(), kind=kind, handlaggare_id=h.id,
                           received_on=date(2026, 11, 2), deadline_on=date(2026, 12, 18), deadline_time=None)
        ph, pg, pr = (Principal.of(session, u) for u in (h, g, r))
        save(session, now=clock(), principal=ph, remiss=ours, raw={"sammanfattning": "Positiva."})
        change_state(session, now=clock(), principal=ph, remiss=ours, new="granskning")
        change_state(session, now=clock(), principal=pg, remiss=ours, new="godkand")
        remisser.change_status(session, now=clock(), principal=pr, remiss=ours, new="beslutad")
        session.commit()
        [warning] = client.get(f"/api/v1/remisser/{ours.id}", headers=headers).get_json()["warnings"]
        assert warning["code"] == "beslut_utan_sammantrade"
        # Old code: "Remissen har status ”Beslutad”, men …" of a medborgarförslag
        assert warning["message"].startswith(f"{The} har status ”Beslutad”, men inget sammanträde"), warning
        early = client.post(f"/api/v1/remisser/{ours.id}/yttrande/beslut", headers=headers,
                            json={"decided_by": "namnd", "meeting_on": "2026-10-29", "paragraf": "§ 1"}).get_json()
        assert early["errors"]["meeting_on"] == (f"Beslutet kan inte vara fattat 29 oktober 2026, före {the} kom in "
                                                 "2 november 2026. Kontrollera datumet."), early


def test_the_yttrande_sections_name_a_medborgarforslag_arendet(client, session, clock, auth):
    """The API's yttrande sections and the granskare's reading view: "Sammanfattning av ärendet (tjänsteskrivelsen)"
    (drafting.reading.summary_label), as the yttrande form labels the field."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    h = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@oster.se")
    make_user(session, role=Role.granskare, namnder=[namnd], email="g@oster.se")
    clock.set(at(2026, 11, 23))
    _, _, headers = _token(session, clock, namnd)
    made = {}
    for kind, the, _ in KINDS:
        ours = make_remiss(session, namnd=namnd, now=clock(), kind=kind, handlaggare_id=h.id,
                           deadline_on=date(2026, 12, 18), deadline_time=None)
        ph = Principal.of(session, h)
        save(session, now=clock(), principal=ph, remiss=ours,
             raw={"sammanfattning": "Positiva.", "remiss_sammanfattning": "Ett förslag om parkbänkar."})
        change_state(session, now=clock(), principal=ph, remiss=ours, new="granskning")
        session.commit()
        made[kind] = ours.id, f"Sammanfattning av {the} (tjänsteskrivelsen)"
        sections = client.get(f"/api/v1/remisser/{ours.id}", headers=headers).get_json()["yttrande"]["sections"]
        # Old code: "Sammanfattning av remissen (tjänsteskrivelsen)" of a medborgarförslag
        assert {"label": made[kind][1], "text": "Ett förslag om parkbänkar."} in sections, sections
    auth.login("g@oster.se")
    for rid, label in made.values():
        assert label in client.get(f"/remisser/{rid}").get_data(as_text=True)
