"""walk18 F14: the web URLs /remisser/<id>/dokument/yttrande.docx and tjansteskrivelse.docx built a yttrande "Till
[blank]" about our own utgående remiss while the API refused with 409. Both now follow one rule
(remiss.drafting.generate.check_kind): the web answers 404 with a Swedish message, nothing is built or stored."""
from __future__ import annotations

from html import unescape

from sqlmodel import select

from remiss.drafting.models import GeneratedDocument
from tests.outgoing.test_walk9_dates import _sent


def test_the_web_builds_no_yttrande_or_tjansteskrivelse_for_an_outgoing_remiss(session, client, auth, clock):
    remiss, page, _ = _sent(session, client, auth, clock)
    said = {"yttrande": "inget yttrande", "tjansteskrivelse": "ingen tjänsteskrivelse"}
    for kind, words in said.items():
        for suffix in ("docx", "pdf"):
            response = client.get(f"{page}/dokument/{kind}.{suffix}")
            text = unescape(response.get_data(as_text=True))
            assert response.status_code == 404, (kind, suffix, response.status_code)
            assert f"Remissen är utgående: vi är remittenten och skriver {words}." in text, text[:500]
    session.expire_all()
    assert session.exec(select(GeneratedDocument).where(GeneratedDocument.remiss_id == remiss.id)).first() is None
    session.rollback()
