"""walk16 #16: a rättelse the sekreterare started showed to the handläggare as "Tillbaka från granskning …
Kommentar från granskningen", though nothing was reviewed. It has its own heading, "Rättelse att skriva", and
"Att rätta: …"; once a granskare sends the rättelse back, it is "Tillbaka från granskning" like any draft."""
from __future__ import annotations

import re

from flask import render_template

from remiss.drafting.rattelse import start_rattelse
from remiss.drafting.review import returned_section
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from tests.drafting.test_rattelse import LATER, expedierat

REASON = "Fel belopp i svaret på fråga 2: ska vara 3 miljoner."


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_started_rattelse_is_a_rattelse_to_write_not_a_return(app, session, w):
    expedierat(session, w)
    start_rattelse(session, now=LATER, principal=w["g"], remiss=w["remiss"], comment=REASON)
    section = returned_section(session, w["h"], LATER)
    with app.test_request_context():
        text = _text(render_template(section.template, section=section))
    assert text.startswith("Rättelse att skriva (1)"), text
    assert f"Att rätta: {REASON}" in text
    assert "Tillbaka från granskning" not in text and "Kommentar från granskningen" not in text

    save(session, now=LATER, principal=w["h"], remiss=w["remiss"], raw={"sammanfattning": "Rättad text."})
    change_state(session, now=LATER, principal=w["h"], remiss=w["remiss"], new="granskning", comment="")
    change_state(session, now=LATER, principal=w["g"], remiss=w["remiss"], new="utkast", comment="Skriv beloppet i siffror.")
    section = returned_section(session, w["h"], LATER)
    with app.test_request_context():
        text = _text(render_template(section.template, section=section))
    assert text.startswith("Tillbaka från granskning (1)") and "Kommentar från granskningen: Skriv beloppet" in text
    assert "Rättelse att skriva" not in text
