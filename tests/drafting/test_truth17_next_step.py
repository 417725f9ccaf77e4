"""truth17: what the registrator is told to do next after a delegationsbeslut (F17) and during a rättelse (F2)."""
from __future__ import annotations

import html
import re

from tests.drafting.conftest import approve, decide
from tests.drafting.test_delegationsbeslut import DELEGAT


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_after_a_delegationsbeslut_nasta_steg_names_the_delegat_not_the_namnd(w, auth, session, clock):
    rid = w["remiss"].id
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    assert decide(auth, rid, clock, decided_by="delegat", delegat=DELEGAT, meeting_on="2015-09-21", paragraf="D 12",
                  omedelbar_justering="").status_code == 302
    shown = _text(auth.client.get(f"/remisser/{rid}").get_data(as_text=True))
    step = shown[shown.index("Nästa steg:"):].split(" Översikt ", 1)[0]
    # (the expediering planned the working day after the beslut is late by now: with_lateness says so first)
    assert step.endswith("elegationsbeslut av Britt-Marie Pettersson, stadsområdesdirektör, den 21 september 2015, "
            "D 12: expediera yttrandet till remittenten."), step
    assert "Nämnden har beslutat" not in shown
