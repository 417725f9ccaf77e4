"""h-out23 M5, M3, M9b, M9c.

M5: frågeställningar changed while the missiv still waited in the Utkorg: the page said the instanser "har fått" the
old questions, and the queued missiv went out with them. The missiv in the Utkorg is now made anew from the remiss as
it is when it is saved (page and API), saving says so, and nothing says "har fått" before anything was sent.
M3: "Instansen avstår" on an instans that already avstår said "Klart: …" and wrote an empty history line.
M9b: the Avstår question from a tab opened before an answer lacked the "Kryssa i" that every asking form ends with.
M9c: the panel said "0 avstår" beside the table's "Avstår 1"."""
from __future__ import annotations

import io
import json
import re
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import _sent


def _text(response) -> str:
    html = response.get_data(as_text=True)
    response.close()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _csrf(client, url: str) -> str:
    """The page's CSRF token, the page closed (a streamed page keeps its request's database session until then)."""
    response = client.get(url)
    token = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    response.close()
    return token


def _json(response):
    body = response.get_json()
    response.close()
    return body


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _missiv_of(message) -> bytes:
    return next(part.get_content() for part in message.iter_attachments()
                if " – missiv " in part.get_filename())


def test_questions_changed_while_the_missiv_waits_go_out_in_it_and_nobody_has_got_the_old_ones(session, client, auth,
                                                                                                clock, runner, smtp):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)  # the missiv waits in the Utkorg
    clock.advance(minutes=2)
    url = f"{page}/andra"
    said = _text(auth.post(url, {"questions": "Hur påverkas cyklisterna?\nVad kostar det?"}, form_url=url,
                           follow_redirects=True))
    assert ("Ändringarna är sparade. Missivet till Trafiknämnden och Miljönämnden låg i utkorgen och var inte skickat: "
            "det är gjort om från remissen som den är nu, så de får de ändrade uppgifterna när det e-postas.") in said
    # old code: "Trafiknämnden och Miljönämnden har fått missivet med de tidigare frågeställningarna. …"
    assert "har fått missivet" not in said and "Skicka ändringen" not in said
    assert "Missivet i utkorgen gjordes om" in said  # the history
    assert [w["code"] for w in _json(client.get(f"/api/v1/remisser{page[len('/remisser'):]}"))["warnings"]] == []

    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)  # through a real SMTP server
    assert sorted(r for rcpts, _ in mailed for r in rcpts) == ["miljo@example.se", "trafik@example.se"]
    for _, message in mailed:
        text = _docx_text(_missiv_of(message))
        assert "Hur påverkas cyklisterna?" in text and "Vad kostar det?" in text, text
    session.rollback()
    # sent, the missiv made anew carries the questions in force: nobody is said to have the old ones, nothing offers
    # to send the change again (walk23b X1: the page, Nästa steg and the API said so, with a Skicka ändringen button)
    sent_page = _text(client.get(page))
    assert "tidigare frågeställningarna" not in sent_page and "Skicka ändringen" not in sent_page, sent_page
    assert [w["code"] for w in _json(client.get(f"/api/v1/remisser{page[len('/remisser'):]}"))["warnings"]] == []
    # once sent, a further change is one they have not got: now they "har fått" the earlier questions
    clock.advance(minutes=5)
    again = _text(auth.post(url, {"questions": "Hur påverkas cyklisterna?"}, form_url=url, follow_redirects=True))
    assert ("Ändringarna är sparade. Trafiknämnden och Miljönämnden har fått missivet med de tidigare "
            "frågeställningarna.") in again  # and the missiv sent is not made anew


def test_a_patch_of_the_questions_makes_the_queued_missiv_anew_too(session, client, auth, clock, runner, smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    rid = int(page.rsplit("/", 1)[1])  # not remiss.id: reading it again would hold SQLite's lock
    clock.advance(minutes=2)
    changed = client.patch(f"/api/v1/remisser/{rid}", headers={"X-CSRFToken": _csrf(client, page)},
                           json={"questions": ["Ny fråga om bullret?"]})
    assert changed.status_code == 200, changed.get_json()
    assert _json(changed)["warnings"] == []  # old code: fragestallningar_ej_meddelade, nothing was sent
    payloads = [json.loads(p) for p in session.exec(select(OutboxMessage.payload).where(
        OutboxMessage.remiss_id == rid, OutboxMessage.kind == "outgoing_missiv")).all()]
    session.rollback()
    assert len({p["attachments"][0]["storage_key"] for p in payloads}) == 1
    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)
    assert all("Ny fråga om bullret?" in _docx_text(_missiv_of(m)) for _, m in mailed) and len(mailed) == 2


def _entry_state(session, rid, entry_id):
    session.expire_all()
    entry = next(e for e in remisser.entries(session, rid) if e.id == entry_id)
    found = (entry.answer_status, entry.answered_on, entry.summary)
    session.rollback()
    return found


def _history_lines(session, remiss_id: int) -> int:
    n = len(session.exec(select(AuditEvent.id).where(AuditEvent.remiss_id == remiss_id)).all())
    session.rollback()
    return n


def test_avstar_pressed_again_changes_nothing_and_says_it_already_avstar(session, client, auth, clock):
    remiss, page, (trafik, _) = _sent(session, client, auth, clock)
    rid = int(page.rsplit("/", 1)[1])
    url = f"{page}/utskick/instanser/{trafik}"
    done = _text(auth.post(url, {"action": "decline", "note": "enligt telefon"}, follow_redirects=True))
    assert "Klart: Trafiknämnden avstår från att yttra sig." in done
    before, lines = _entry_state(session, rid, trafik), _history_lines(session, rid)
    clock.advance(days=1)
    again = _text(auth.post(url, {"action": "decline", "note": "enligt telefon"}, follow_redirects=True))
    # old code: "Klart: Trafiknämnden avstår från att yttra sig." and an empty "Avstår" line in the history
    assert "Information: Trafiknämnden avstår redan (registrerat 4 december 2026); inget är ändrat." in again
    assert "Klart" not in again
    assert _entry_state(session, rid, trafik) == before
    assert _history_lines(session, rid) == lines
    # a changed Kommentar is still a correction (walk12b #19), and keeps the day it was registered
    fixed = _text(auth.post(url, {"action": "decline", "note": "enligt brev"}, follow_redirects=True))
    assert "Klart: Trafiknämnden avstår från att yttra sig." in fixed
    assert _entry_state(session, rid, trafik) == ("avstar", before[1], "enligt brev")
    assert _history_lines(session, rid) == lines + 1
    # the API does nothing either
    api = client.post(f"/api/v1/remisser/{rid}/sandlista/{trafik}/decline",
                      headers={"X-CSRFToken": _csrf(client, page)}, json={"note": "enligt brev"})
    assert api.status_code == 200 and _json(api)["answer_status"] == "avstar"
    assert _history_lines(session, rid) == lines + 1


def _token(html: str) -> str:
    return re.search(r'name="base_token" value="([0-9a-f]+)"', html).group(1)


def test_avstar_from_an_old_tab_says_which_box_to_tick(session, client, auth, clock):
    remiss, page, (trafik, _) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    old_tab = client.get(url).get_data(as_text=True)
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Tillstyrker.",
                           "base_token": _token(client.get(url).get_data(as_text=True))}).status_code == 302
    refused = _text(auth.post(url, {"action": "decline", "base_token": _token(old_tab)}))
    # as every asking form (web/asking.py): old code ended with the question, no box named
    assert ("Registrera ändå att Trafiknämnden avstår? Svaret ersätts och räknas inte längre i panelen, exporten och "
            "sammanställningen. Ångra tar inte tillbaka det: instansen blir ”Ej svarat”, och svaret finns bara kvar i "
            "historiken. Kryssa i ”Ja, registrera att Trafiknämnden avstår” vid knappen om det ska registreras.") \
        in refused


def test_the_panel_counts_avstar_as_its_table_does(session, client, auth, clock, unsent_utgaende):
    remiss = unsent_utgaende()
    rid = remiss.id
    page = f"/remisser/{rid}"
    norr = remisser.entries(session, rid)[0].id
    session.rollback()
    url = f"{page}/utskick/instanser/{norr}"
    assert auth.post(url, {"action": "decline", "confirm_decline": "1"}).status_code == 302
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    shown = _text(client.get(page))
    # old code: "0 av 1 har svarat (0 %), 0 avstår." above "Ej svarat Svarat Avstår … 1 0 1"
    assert "0 av 1 har svarat (0 %), 1 avstår. Norr avstod utan att ha fått remissen." in shown
    assert "Ej svarat Svarat Avstår Begärt anstånd Anstånd beviljat 1 0 1 0 0" in shown
