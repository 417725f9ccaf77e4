"""The lost-input page (remiss.web.lost_input: a form posted after the session ended) shows each typed text under
the label of its form. The beslut, status, review (granskning), tidplan and extension forms had none declared
(@form_labels), so their texts came back under field names: "meeting_on", "reason", "evidence_text"."""
from __future__ import annotations

import pytest

from remiss.auth.models import Role
from tests.drafting.test_lost_input_labels import _post_after_logout
from tests.support.factories import make_namnd, make_remiss, make_user

FORMS = {
    "tidplan/andra": ({"milestone_id": "3", "override_on": "11 januari 2027", "reason": "Extra sammanträde"},
                      ["Nytt datum", "Motivering"]),
    "forlangningar": ({"requested_by": "Nämndsekreteraren", "until_on": "2027-02-12", "until_time": "12.00",
                       "requested_on": "2026-12-18", "reason": "Nämnden hann inte",
                       "evidence_text": "Hej, vi begär förlängd remisstid"},
                      ["Vem begärde", "Till och med datum", "Klockslag", "Begärd den", "Skäl",
                       "Underlag: klistra in e-postmeddelandet"]),
    "forlangningar/1/besked": ({"decision": "granted", "granted_until_on": "2027-02-12", "decided_on": "2026-12-19",
                                "evidence_text": "Ni får till den 12 februari"},
                               ["Besked", "Beviljat datum", "Beskedets datum", "Underlag: klistra in e-postsvaret"]),
    "forlangningar/allman": ({"sender": "Länsstyrelsen", "until_on": "2027-03-19", "notice_on": "2026-12-20",
                              "evidence_text": "förlängs remisstiden"},
                             ["Avsändare", "Ny sista svarsdag", "Meddelandets datum", "Meddelandets text"]),
    "yttrande/beslut": ({"decided_by": "namnd", "delegat": "Ordföranden", "meeting_on": "2026-12-17",
                         "paragraf": "§ 201", "justerad_on": "2026-12-21"},
                        ["Beslutat av", "Delegatens namn och titel", "Sammanträdets eller delegationsbeslutets datum",
                         "Paragraf", "Protokollet justerades den"]),
    "yttrande/justering": ({"justerad_on": "2026-12-21"}, ["Protokollet justerades den"]),
    "yttrande/lage": ({"state": "utkast", "comment": "Skriv om andra stycket"}, ["Yttrandets nya läge", "Kommentar"]),
    "status": ({"status": "avstar", "note": "Berör inte nämnden"}, ["Ny status", "Kommentar"]),
}


@pytest.mark.parametrize("path", sorted(FORMS))
def test_a_form_posted_after_logout_shows_what_was_typed_under_its_labels(client, auth, session, path):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Miljöprogram")
    session.commit()
    auth.login("mia@kommun.se")
    data, labels = FORMS[path]
    body = _post_after_logout(client, auth, f"/remisser/{remiss.id}", data, target=f"/remisser/{remiss.id}/{path}")
    for label in labels:
        assert f">{label}</label>" in body, (label, body[body.find("<main"):][:3000])
    for name, value in data.items():
        if not value.isdigit():
            assert f">{name}</label>" not in body
            assert value.replace("§", "&sect;") in body or value in body, value
