"""walk18 F7, left over: a rättelse's tjänsteskrivelse said "… inte ett nytt svar på remissen." of a
medborgarförslag. It names the ärende by its kind's noun (remisser.kind_words); a remiss's reads as before
(tests/drafting/test_rattelse.py)."""
from __future__ import annotations

from remiss.drafting import generate
from remiss.drafting.rattelse import start_rattelse
from tests.drafting.test_rattelse import LATER, expedierat, texts_of


def test_the_rattelse_of_a_medborgarforslag_is_no_new_answer_to_arendet(session, w):
    remiss = w["remiss"]
    remiss.kind = "medborgarforslag"
    session.add(remiss)
    session.commit()
    expedierat(session, w)
    start_rattelse(session, now=LATER, principal=w["g"], remiss=remiss, comment="Fel årtal i svaret på fråga 2")
    texts = [t.replace("\u00a0", " ") for t in texts_of(generate.render(
        session, now=LATER, principal=w["h"], remiss=remiss, kind="tjansteskrivelse").data)]
    # Old code: "…, inte ett nytt svar på remissen." of a medborgarförslag
    assert any(t.startswith("Ärendet gäller en rättelse av det yttrande som beslutades")
               and t.endswith(", inte ett nytt svar på ärendet.") for t in texts), texts
