"""A sammanställning made while the missiv is held back (walk25b Z2, the part the compilation missed): the .docx
said "Trafiknämnden (missivet kunde inte e-postas, har inte fått remissen)" and "Till 2 remissinstanser kunde
missivet inte e-postas", and the question before "Sammanställ svaren" "till 2 remissinstanser kunde missivet inte
e-postas" – nothing was tried: the missiv is held because the nämnd's missiv template cannot make it. Real .docx
templates and the compiled .docx reopened."""
from __future__ import annotations

import io
import re
from html import unescape

from docx import Document

from tests.outgoing.test_h_out23_queued_missiv import _text
from tests.outgoing.test_held_missiv_new_template import _held


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_compilation_and_its_question_say_the_missiv_is_held(session, client, auth, clock, smtp):
    rid, nid, page = _held(session, client, auth, clock)

    compiled = client.get(f"{page}/utskick/sammanstallning.docx")
    assert compiled.status_code == 200
    text = _docx_text(compiled.data)
    assert "Trafiknämnden (missivet hålls kvar, har inte fått remissen)" in text, text
    assert "Miljönämnden (missivet hålls kvar, har inte fått remissen)" in text
    assert ("Missivet till 2 remissinstanser hålls kvar (nämndens mall för missiv kan inte göra det), så de har "
            "inte fått remissen och räknas inte här.") in text, text
    assert "kunde inte e-postas" not in text and "inte e-postas" not in text

    # the page: the button's question, and what it says when the dialog did not confirm it
    html = unescape(client.get(page).get_data(as_text=True))
    question = re.search(r'data-confirm="([^"]*Sammanställa svaren ändå\?[^"]*)"', html)
    assert question and "missivet till 2 remissinstanser hålls kvar" in question.group(1), question
    assert "kunde missivet inte e-postas" not in question.group(1)
    asked = _text(auth.post(f"{page}/utskick/sammanstall", {}, form_url=page, follow_redirects=True))
    assert "missivet till 2 remissinstanser hålls kvar" in asked and "kunde missivet inte e-postas" not in asked


def test_the_officers_deadline_mail_says_the_missiv_is_held(session, client, auth, clock, smtp):
    """The mail to our own officer when the svarstid has run out said "Missivet kunde inte e-postas till
    Trafiknämnden och Miljönämnden, …: se utkorgen" of a held missiv; it is held, and the Utkorg cannot send it.
    Built as the sweep builds it when it sends the notice (mails.compose → deadline_notice)."""
    from remiss.outgoing.mails import deadline_notice
    from remiss.remisser.models import Remiss

    rid, nid, page = _held(session, client, auth, clock)
    session.expire_all()
    notice = deadline_notice(session, remiss=session.get(Remiss, rid), base_url="http://remiss.test", now=clock.now)
    body = " ".join(notice["text"].split())
    assert ("Missivet till Trafiknämnden och Miljönämnden hålls kvar, så de har inte fått remissen: nämndens mall "
            "för missiv kan inte göra det.") in body, body
    assert "kunde inte e-postas" not in body and "Alla har svarat eller avstått" not in body
