"""truth16 F2 and F25: the "Att granska" mail of a draft sent to granskning again says what it answers truly. A draft
sent back and sent again without a new version is "samma version 1 … oförändrad", not "ändrad efter granskningens
kommentar"; a rättelse names its reason as the rättelse's ("Rättelsen gäller: …"), not as a granskare's comment."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from remiss.drafting.rattelse import start_rattelse
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.reminders.models import OutboxMessage
from tests.drafting.test_rattelse import LATER, expedierat
from tests.drafting.conftest import NOW


def _review_lines(session) -> list[str]:
    row = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "review")
                       .order_by(OutboxMessage.id.desc())).first()
    return json.loads(row.payload)["lines"]


def test_sent_again_unchanged_says_so(session, w):
    remiss = w["remiss"]
    save(session, now=NOW + timedelta(minutes=1), principal=w["h"], remiss=remiss, raw={"sammanfattning": "Avstyrker."})
    change_state(session, now=NOW + timedelta(minutes=2), principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=NOW + timedelta(minutes=3), principal=w["g"], remiss=remiss, new="utkast", comment="Motivera avstyrkandet.")
    change_state(session, now=NOW + timedelta(minutes=4), principal=w["h"], remiss=remiss, new="granskning")
    lines = _review_lines(session)
    assert lines == ["Det är samma version 1 som skickades tillbaka med kommentaren ”Motivera avstyrkandet.”, "
                     "oförändrad."], lines
    # a new version after the next send-back is "ändrad efter"
    change_state(session, now=NOW + timedelta(minutes=5), principal=w["g"], remiss=remiss, new="utkast", comment="Fortfarande tunt.")
    save(session, now=NOW + timedelta(minutes=6), principal=w["h"], remiss=remiss, raw={"sammanfattning": "Avstyrker, eftersom …"})
    change_state(session, now=NOW + timedelta(minutes=7), principal=w["h"], remiss=remiss, new="granskning")
    assert _review_lines(session) == ["Det är version 2, ändrad efter granskningens kommentar: ”Fortfarande tunt.”"]


def test_a_rattelse_names_its_reason_not_a_granskare_comment(session, w):
    expedierat(session, w)
    remiss = w["remiss"]
    start_rattelse(session, now=LATER + timedelta(minutes=1), principal=w["g"], remiss=remiss, comment="Fråga två besvarades fel.")
    save(session, now=LATER + timedelta(minutes=2), principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättad text."})
    change_state(session, now=LATER + timedelta(minutes=3), principal=w["h"], remiss=remiss, new="granskning")
    lines = _review_lines(session)
    assert lines == ["Rättelsen gäller: Fråga två besvarades fel."], lines
    assert not any("granskningens kommentar" in line for line in lines)
