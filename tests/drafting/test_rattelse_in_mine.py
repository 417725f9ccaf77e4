"""walk17 F17: the handläggare's start page showed "Rättelse att skriva (1)" for a besvarad remiss, but "Mina
remisser" (default Pågående) and "Mina pågående remisser" left it out: the work to do was not in "my" list."""
from __future__ import annotations

from remiss.drafting.rattelse import start_rattelse
from remiss.remisser.filters import RemissFilter
from remiss.remisser.queries import list_remisser
from tests.drafting.test_rattelse import LATER, expedierat
from tests.drafting.test_rattelse_to_write import REASON


def _mine(session, w, **f):
    return [r.id for r in list_remisser(session, w["h"], RemissFilter(handlaggare_id=w["h"].user_id, **f)).rows]


def test_a_rattelse_to_write_is_among_the_handlaggares_pagaende(session, w):
    expedierat(session, w)
    assert w["remiss"].id not in _mine(session, w, status="open")  # besvarad, nothing to do
    start_rattelse(session, now=LATER, principal=w["g"], remiss=w["remiss"], comment=REASON)
    assert w["remiss"].id in _mine(session, w, status="open")
    # the diarium's Pågående for everyone stays the open statuses
    assert w["remiss"].id not in [r.id for r in list_remisser(session, w["g"], RemissFilter(status="open")).rows]
