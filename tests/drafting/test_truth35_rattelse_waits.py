"""truth35 #1: a rättelse of a besvarad remiss's expedierat yttrande is the remiss's Nästa steg while it is made, and
one whose role cannot take its step is told what waits and who does it (auth.access.rattelse_step_action), as a
remiss's own steps are (truth34 #1): a läsare read an order to write, review or decide the rättelse (or "Inget mer
att göra"), a handläggare an order to register its beslut, which granskare and registratorer do."""
from __future__ import annotations

from datetime import date

from remiss.drafting import decision as decisions
from remiss.drafting.rattelse import start_rattelse
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from tests.drafting.test_rattelse import LATER, expedierat
from tests.support.pages import visible_text

PREFIX = "Nästa steg: Rättelsen av det expedierade yttrandet"


def _steps(auth, w, rid: int, *who: str) -> dict[str, str]:
    said = {}
    for key in who:
        auth.login(w[key].email)
        shown = visible_text(auth.client.get(f"/remisser/{rid}").get_data(as_text=True))
        said[key] = shown[shown.index("Nästa steg:"):].split(" Översikt ", 1)[0]
        auth.logout()
    return said


def test_those_who_cannot_take_the_rattelse_step_are_told_what_waits_and_who_does_it(session, w, auth, clock):
    expedierat(session, w)
    remiss = w["remiss"]
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Fel årtal i svaret på fråga 2.")
    session.commit()
    clock.set(LATER)
    said = _steps(auth, w, remiss.id, "lasare", "handlaggare")
    assert said["lasare"] == (f"{PREFIX} väntar på att den rättade texten skrivs och skickas till granskning: det "
                              "gör handläggare, granskare och registratorer."), said
    assert said["handlaggare"] == f"{PREFIX}: skriv den rättade texten och skicka den till granskning.", said

    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad text."})
    change_state(session, now=LATER, principal=w["h"], remiss=remiss, new="granskning")
    session.commit()
    said = _steps(auth, w, remiss.id, "lasare", "handlaggare", "granskare")
    waits = (f"{PREFIX} är skickad till granskning och väntar på att godkännas: det gör granskare och "
             "registratorer.")
    assert said["lasare"] == said["handlaggare"] == waits, said
    assert said["granskare"] == f"{PREFIX}: granska och godkänn rättelsen.", said

    change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="godkand")
    session.commit()
    said = _steps(auth, w, remiss.id, "lasare", "handlaggare", "registrator")
    waits = (f"{PREFIX} är godkänd och väntar på att beslutet om den registreras och att den expedieras: det gör "
             "granskare och registratorer.")
    assert said["lasare"] == said["handlaggare"] == waits, said
    assert said["registrator"].startswith(f"{PREFIX}: registrera beslutet om rättelsen"), said

    decisions.record_decision(session, now=LATER, principal=w["r"], remiss=remiss, decided_by="namnd",
                              meeting_on=date(2015, 10, 12), paragraf="§ 160")
    session.commit()
    said = _steps(auth, w, remiss.id, "lasare", "registrator")
    assert said["lasare"] == (f"{PREFIX} är beslutad och väntar på att justeringen av beslutet registreras och att "
                              "rättelsen expedieras: det gör granskare och registratorer."), said
    assert "registrera justeringen" in said["registrator"], said
    for step in said.values():
        assert "Inget mer att göra" not in step
