"""h-added24 (walk24 V6): a remisshandling uploaded after the sweep e-mailed the missiv.

Old code: the flash said only "Filen är sparad.", the page and the API (`"warnings": []`) said nothing, the file was
never sent unless a frågeställning was changed too, and that ändring mail said only "har ändrat frågeställningarna".
Now the flash, the panel, Nästa steg and the API say who has not got it, *Skicka ändringen* (amendments.news) sends
it, and the mail says what changed: the new file by name, the frågeställningar, or both.
"""
from __future__ import annotations

import io
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.remisser.models import Remiss

from tests.drafting.test_templates import build_docx
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_h_out23_queued_missiv import _docx_text, _json, _missiv_of, _text
from tests.outgoing.test_h_queue24_queued_missiv import HANDLING, _add_handling, _files, _rid
from tests.outgoing.test_walk9_dates import _sent

ADDED = (f"2 remissinstanser har inte fått den nya remisshandlingen ”{HANDLING}”, som har lagts till efter "
         "utskicket. Skicka den med ”Skicka ändringen” under Utskick och svar.")


def _warnings(client, rid: int) -> list[dict]:
    return _json(client.get(f"/api/v1/remisser/{rid}"))["warnings"]


def _html(client, page: str) -> str:
    response = client.get(page)
    html = unescape(response.get_data(as_text=True))
    response.close()
    return html


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_file_added_after_the_missiv_was_mailed_is_said_and_sent_with_skicka_andringen(session, client, auth,
                                                                                        clock, runner, smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    rid = _rid(page)
    first = run_sweep(runner, smtp, clock.now)  # the missiv is e-mailed without the file
    assert len(first) == 2 and all(HANDLING not in _files(m) for _, m in first)
    session.rollback()
    clock.advance(minutes=5)

    said = _text(_add_handling(auth, page))
    assert "Filen är sparad." in said
    assert ADDED in said  # old code: only "Klart: Filen är sparad."
    # the panel, its button and the question before it
    assert ("2 remissinstanser har inte fått den nya remisshandlingen ”Bullerutredning 2026.docx”, som har lagts "
            "till efter utskicket.") in said
    assert "Skicka ändringen till 2 remissinstanser" in said
    assert "Frågeställningarna är ändrade" not in said and "tidigare frågeställningarna" not in said
    asked = _html(client, page)  # the question is the button's data-confirm
    assert (f"Missivet är inaktuellt (en remisshandling har lagts till efter att det skapades 4 december 2026 kl. "
            f"16.40): ett nytt skapas nu från standardmallen och skickas utan att någon har läst det. Skicka den nya "
            f"remisshandlingen ”{HANDLING}” till Trafiknämnden och Miljönämnden? Det läggs i utkorgen") in asked
    assert (f"Skicka ändringen till Trafiknämnden och Miljönämnden under Utskick och svar: de har inte fått den nya "
            f"remisshandlingen ”{HANDLING}”.") in said  # Nästa steg
    warnings = _warnings(client, rid)
    assert warnings == [{"code": "remisshandlingar_ej_skickade", "message": ADDED, "link_text": "Skicka ändringen",
                         "url": f"/remisser/{rid}#utskick"}]
    assert run_sweep(runner, smtp, clock.now + _later(2)) == []  # nothing goes out by itself
    session.rollback()

    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page,
                           follow_redirects=True))
    assert (f"Ändringen skickas: det ändrade missivet med den nya remisshandlingen ”{HANDLING}” läggs i utkorgen och "
            "e-postas inom några minuter till Trafiknämnden och Miljönämnden.") in done
    assert "Skicka ändringen till" not in done
    mailed = run_sweep(runner, smtp, clock.now + _later(1))
    assert sorted(r for rcpts, _ in mailed for r in rcpts) == ["miljo@example.se", "trafik@example.se"]
    for _, message in mailed:
        assert message["X-Remiss-Kind"] == "outgoing_amendment"
        assert message["Subject"].partition(" – ")[2].startswith("Ny remisshandling: ")
        body = _body(message)
        assert f"har lagt till den nya remisshandlingen ”{HANDLING}” i remissen" in body, body
        assert "ändrat frågeställningarna" not in body
        assert HANDLING in _files(message)
        assert "Bullerutredning 2026" in _docx_text(_missiv_of(message))  # the missiv lists it
    session.rollback()
    assert _warnings(client, rid) == []
    assert "Skicka ändringen till" not in _text(client.get(page))
    assert run_sweep(runner, smtp, clock.now + _later(10)) == []  # one mail each, once


def test_one_instans_is_named_and_a_change_of_both_is_said_in_the_mail(session, client, auth, clock, runner, smtp):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)
    rid = _rid(page)
    run_sweep(runner, smtp, clock.now)
    session.rollback()
    answer = f"{page}/utskick/instanser/{miljo}"
    assert auth.post(answer, {"action": "answer", "answered_on": "2026-12-04", "summary": "Positiva."},
                     form_url=answer).status_code == 302
    clock.advance(minutes=5)
    url = f"{page}/andra"
    auth.post(url, {"questions": "Fråga ett\nFråga två (ny)"}, form_url=url, follow_redirects=True)
    clock.advance(minutes=1)
    said = _text(auth.post(f"{page}/filer", {"files": (io.BytesIO(build_docx("Karta över Öster")), "Karta.docx")},
                           form_url=page, content_type="multipart/form-data", follow_redirects=True))
    one = ("Trafiknämnden har inte fått den nya remisshandlingen ”Karta.docx”, som har lagts till efter utskicket. "
           "Skicka den med ”Skicka ändringen” under Utskick och svar.")
    assert one in said and "Miljönämnden har inte fått" not in said  # it has answered
    assert "Trafiknämnden har fått missivet med de tidigare frågeställningarna." in said
    assert "Skicka ändringen till 1 remissinstans" in said
    assert "Skicka det ändrade missivet och den nya remisshandlingen ”Karta.docx” till Trafiknämnden?" in _html(client,
                                                                                                           page)
    assert [w["code"] for w in _warnings(client, rid)] == ["fragestallningar_ej_meddelade",
                                                           "remisshandlingar_ej_skickade"]

    clock.advance(minutes=5)
    auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page)
    mailed = run_sweep(runner, smtp, clock.now + _later(1))
    assert [rcpts for rcpts, _ in mailed] == [["trafik@example.se"]]
    message = mailed[0][1]
    assert message["Subject"].partition(" – ")[2].startswith("Ändrade frågeställningar och ny remisshandling: ")
    body = _body(message)
    assert ("har ändrat frågeställningarna i remissen ”" in body
            and ", och lagt till den nya remisshandlingen ”Karta.docx”." in body), body
    assert "Karta.docx" in _files(message)
    missiv = Document(io.BytesIO(_missiv_of(message)))
    assert "Fråga två (ny)" in "\n".join(p.text for p in missiv.paragraphs)
    session.rollback()
    assert _warnings(client, rid) == []


def _later(minutes: int):
    from datetime import timedelta
    return timedelta(minutes=minutes)


def test_a_file_added_after_a_missiv_by_post_is_said_and_the_letter_tells_to_enclose_it(session, client, auth,
                                                                                       clock, runner, smtp):
    from tests.outgoing.test_walk12b_enclosed import _sent as _sent_by_post

    _sent_by_post(session, client, auth, clock, with_handling=False)  # Miljönämnden by e-mail, Pensionärsrådet by post
    rid = session.exec(select(Remiss.id).where(Remiss.title == "Trafikplan")).one()
    session.rollback()
    page = f"/remisser/{rid}"
    run_sweep(runner, smtp, clock.now)
    session.rollback()
    clock.advance(minutes=5)
    said = _text(auth.post(f"{page}/filer", {"files": (io.BytesIO(build_docx("Karta")), "Karta.docx")},
                           form_url=page, content_type="multipart/form-data", follow_redirects=True))
    assert "2 remissinstanser har inte fått den nya remisshandlingen ”Karta.docx”" in said
    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page,
                           follow_redirects=True))
    assert ("Pensionärsrådet ska få det per post: skriv ut breven (”Brev med missivet att skriva ut”) och lägg den "
            "nya remisshandlingen ”Karta.docx” i varje brev.") in done, done
    assert "det ändrade missivet med den nya remisshandlingen ”Karta.docx” läggs i utkorgen" in done
    assert _warnings(client, rid) == []


def test_nasta_steg_says_who_has_old_questions_and_who_only_lacks_the_file(session, client, auth, clock, runner,
                                                                           smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    run_sweep(runner, smtp, clock.now)
    session.rollback()
    clock.advance(minutes=5)
    url = f"{page}/andra"
    auth.post(url, {"questions": "Fråga ett\nFråga två (ny)",
                    "sandlista": "Trafiknämnden\nMiljönämnden\nKulturnämnden; kultur@example.se"}, form_url=url)
    clock.advance(minutes=1)
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    run_sweep(runner, smtp, clock.now + _later(1))  # Kulturnämnden gets the missiv with the new questions
    session.rollback()
    clock.advance(minutes=5)
    said = _text(_add_handling(auth, page))
    assert ("Skicka ändringen till Trafiknämnden, Miljönämnden och Kulturnämnden under Utskick och svar: "
            "Trafiknämnden och Miljönämnden har missivet med de tidigare frågeställningarna, och 3 remissinstanser har "
            f"inte fått den nya remisshandlingen ”{HANDLING}”, som har lagts till efter utskicket.") in said, said


def test_instanser_that_lack_different_files_are_said_apart(session, client, auth, clock, runner, smtp):
    """Walk 24 at the stop: an instans sent the remiss after a file was added has that file; the words named the union
    ("2 remissinstanser har inte fått de 2 nya remisshandlingarna ”A” och ”B”") for every instans."""
    remiss, page, _ = _sent(session, client, auth, clock)
    run_sweep(runner, smtp, clock.now)  # Trafiknämnden and Miljönämnden get the missiv without files
    session.rollback()
    clock.advance(minutes=5)
    _add_handling(auth, page)  # they lack it
    url = f"{page}/andra"
    assert auth.post(url, {"sandlista": "Trafiknämnden\nMiljönämnden\nTekniska nämnden; teknik@example.se"},
                     form_url=url).status_code == 302
    clock.advance(minutes=1)
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    assert [rcpts for rcpts, _ in run_sweep(runner, smtp, clock.now + _later(1))] == [["teknik@example.se"]]
    session.rollback()
    clock.advance(minutes=5)
    said = _text(auth.post(f"{page}/filer", {"files": (io.BytesIO(build_docx("Karta")), "Karta.docx")},
                           form_url=page, content_type="multipart/form-data", follow_redirects=True))
    assert (f"Trafiknämnden och Miljönämnden har inte fått de 2 nya remisshandlingarna ”{HANDLING}” och "
            "”Karta.docx” och Tekniska nämnden har inte fått den nya remisshandlingen ”Karta.docx”, som har lagts till "
            "efter utskicket.") in said, said
    assert "3 remissinstanser har inte fått" not in said
    assert ("Skicka ändringen till Trafiknämnden, Miljönämnden och Tekniska nämnden under Utskick och svar: "
            "Trafiknämnden och Miljönämnden har inte fått de 2 nya") in said  # Nästa steg says them apart too
