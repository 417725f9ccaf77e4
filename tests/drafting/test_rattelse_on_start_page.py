"""walk16 finding 11 (second half): an approved rättelse leaves the remiss Besvarad, so the start page's "Att
registrera och avsluta", which lists by status, showed nothing while its beslut, justering and expediering waited."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.drafting import decision as decisions
from remiss.drafting import dispatch
from remiss.drafting.rattelse import start_rattelse
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.planning.sekreterare import waiting_section
from tests.drafting.test_rattelse import LATER, expedierat


def todos(session, w) -> list[tuple[str, str]]:
    section = waiting_section(session, w["r"], LATER)
    return [(row.todo, row.anchor) for row in section.rows if row.remiss_id == w["remiss"].id]


def test_an_approved_rattelse_waits_on_the_sekreterare_s_start_page(session, w, auth, client, clock):
    remiss = w["remiss"]
    expedierat(session, w)
    assert todos(session, w) == []  # expedierat: nothing waits
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Fel belopp i svaret på fråga 2")
    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad: 3 miljoner."})
    change_state(session, now=LATER, principal=w["h"], remiss=remiss, new="granskning")
    assert todos(session, w) == []  # the granskare's turn: Att granska lists it
    change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="godkand")
    assert todos(session, w) == [("Registrera beslutet om rättelsen", "beslut")]
    # only for those who keep the diarium: the handläggare's start page has no such section
    assert waiting_section(session, w["h"], LATER) is None
    decisions.record_decision(session, now=LATER, principal=w["r"], remiss=remiss, decided_by="namnd",
                              meeting_on=date(2015, 10, 12), paragraf="160")
    assert todos(session, w) == [("Registrera justeringen av beslutet om rättelsen", "justering-form")]
    decisions.record_justering(session, now=LATER, principal=w["r"], remiss=remiss, justerad_on=date(2015, 10, 12))
    assert todos(session, w) == [("Expediera rättelsen", "yttrande")]
    session.commit()
    clock.set(LATER)
    auth.login(w["registrator"].email)
    page = client.get("/").get_data(as_text=True)
    assert "Expediera rättelsen: " in page and "Att registrera och avsluta (1)" in page
    dispatch.expediera(session, now=LATER, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert todos(session, w) == []


def test_a_decided_rattelse_is_not_reopened_either(session, w):
    import pytest

    from remiss.drafting.drafts import DraftError

    remiss = w["remiss"]
    expedierat(session, w)
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Fel belopp")
    save(session, now=LATER, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad."})
    change_state(session, now=LATER, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="godkand")
    decisions.record_decision(session, now=LATER, principal=w["r"], remiss=remiss, decided_by="namnd",
                              meeting_on=date(2015, 10, 12), paragraf="160", omedelbar_justering=True)
    with pytest.raises(DraftError, match="Rättelsen är redan beslutad vid sammanträde 12 oktober 2015, § 160"):
        change_state(session, now=LATER, principal=w["g"], remiss=remiss, new="utkast", comment="Ändra")
