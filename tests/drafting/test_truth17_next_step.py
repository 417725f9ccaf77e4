"""truth17: what the registrator is told to do next after a delegationsbeslut (F17) and during a rättelse (F2)."""
from __future__ import annotations

import re

from tests.conftest import csrf_token
from tests.drafting.conftest import approve, decide
from tests.drafting.test_delegationsbeslut import DELEGAT
from tests.support.pages import visible_text


def test_after_a_delegationsbeslut_nasta_steg_names_the_delegat_not_the_namnd(w, auth, session, clock):
    rid = w["remiss"].id
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    assert decide(auth, rid, clock, decided_by="delegat", delegat=DELEGAT, meeting_on="2015-09-21", paragraf="D 12",
                  omedelbar_justering="").status_code == 302
    shown = visible_text(auth.client.get(f"/remisser/{rid}").get_data(as_text=True))
    step = shown[shown.index("Nästa steg:"):].split(" Översikt ", 1)[0]
    # (the expediering planned the working day after the beslut is late by now: with_lateness says so first)
    assert step.endswith("elegationsbeslut av Britt-Marie Pettersson, stadsområdesdirektör, den 21 september 2015, "
            "D 12: expediera yttrandet till remittenten."), step
    assert "Nämnden har beslutat" not in shown


def _waiting(client) -> str:
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'<section aria-labelledby="h-att-registrera">(.*?)</section>', page, re.S)
    return visible_text(found.group(1)) if found else ""


def test_no_rattelse_of_an_expedierat_yttrande_that_is_not_sent_yet(decided, auth, client, world):
    from tests.drafting.test_expediering_mail import expediera

    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    dnr = world["remiss"].our_dnr
    assert f"Skicka yttrandet och registrera att det är skickat: {dnr}" in _waiting(client)
    refused = client.post(f"/api/v1/remisser/{rid}/yttrande/rattelse", json={"comment": "Fel paragrafnummer"},
                          headers={"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")})
    assert refused.status_code == 409, refused.get_data(as_text=True)
    assert refused.get_json()["error"].startswith("Yttrandet är expedierat men inte skickat: registrera först "
                                                    "att det är skickat")
    # Att göra still says what is next: send it and register it; never "Expediera yttrandet" (refused)
    waiting = _waiting(client)
    assert f"Skicka yttrandet och registrera att det är skickat: {dnr}" in waiting
    assert f"Expediera yttrandet: {dnr}" not in waiting


def test_the_tidplan_names_the_delegat_and_the_arbetsutskott_as_who_decided(w, auth, session, clock):
    """walk33: the tidplan's milestone of a delegationsbeslut read "Delegationsbeslut: … (klar …; ansvarig:
    Nämnden)", of a beslut in the arbetsutskott likewise: the nämnd did not decide, the delegat (the AU) did."""
    rid = w["remiss"].id
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    assert decide(auth, rid, clock, decided_by="delegat", delegat=DELEGAT, meeting_on="2015-09-21", paragraf="D 12",
                  omedelbar_justering="").status_code == 302
    shown = visible_text(auth.client.get(f"/remisser/{rid}").get_data(as_text=True))
    row = re.search(r"Delegationsbeslut ?: måndag 21 september 2015 \(([^)]*)\)", shown)
    assert row
    # Old code: "ansvarig: Nämnden"
    assert row.group(1).endswith("ansvarig: Delegaten"), row.group(1)
