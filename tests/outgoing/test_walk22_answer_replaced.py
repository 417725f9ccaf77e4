"""walk22 L1: "Instansen avstår" replaced a registered remissvar with one click, also from a tab opened before the
answer, with "Klart"; "Spara svaret" from an old tab overwrote a newer answer. The instans page's forms now carry
the answer as they showed it (base_token): a stale form is refused with the newer answer named and what was typed
kept, and on an answered instans "Instansen avstår" asks first, saying that Ångra does not bring the answer back."""
from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace

from remiss.remisser import service as remisser
from tests.outgoing.test_walk9_dates import _sent


def _html(response) -> str:
    """The page; the response closed (a streamed page keeps its request's database session until then)."""
    html = unescape(response.get_data(as_text=True))
    response.close()
    return html


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", _html(response)).split())


def _token(html: str) -> str:
    found = set(re.findall(r'name="base_token" value="([0-9a-f]+)"', html))
    assert len(found) == 1, found  # the answer form and the Avstår form carry the same
    return found.pop()


def _entry(session, remiss, entry_id) -> SimpleNamespace:
    """The entry as stored now, read and the test's transaction ended (so the app's next write is not blocked)."""
    session.expire_all()
    found = next(e for e in remisser.entries(session, remiss.id) if e.id == entry_id)
    values = SimpleNamespace(answer_status=found.answer_status, summary=found.summary, no_comments=found.no_comments)
    session.rollback()
    return values


def test_avstar_from_a_tab_opened_before_the_answer_is_refused_naming_the_answer(session, client, auth, clock):
    remiss, page, (trafik, _) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    old_tab = _html(client.get(url))  # tab B, still "Ej svarat": no question on its Avstår button
    assert 'data-confirmed="confirm_decline"' not in old_tab
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Trafiknämnden tillstyrker.",
                           "base_token": _token(_html(client.get(url)))}).status_code == 302  # tab A
    clock.advance(minutes=5)
    refused = auth.post(url, {"action": "decline", "note": "avstår enligt telefon", "base_token": _token(old_tab)})
    html = _html(refused)
    said = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert refused.status_code == 409
    # who registered the newer answer, and when (remiss.stale_form.changed_by)
    assert re.search(r"Observera: Att Trafiknämnden avstår är inte registrerat\. Sedan du öppnade sidan har ett svar "
                     r"från Trafiknämnden registrerats av Användare \d+ 4 december 2026 kl\. 16\.40: svaret 4 december "
                     r"2026 ”Trafiknämnden tillstyrker\.” Registrera ändå att Trafiknämnden avstår\? Svaret ersätts och "
                     r"räknas inte längre i panelen, exporten och sammanställningen\. Ångra tar inte tillbaka det: "
                     r"instansen blir ”Ej svarat”, och svaret finns bara kvar i historiken\.", said), said
    assert "Klart" not in said
    assert 'value="avstår enligt telefon"' in html  # what was typed is kept
    assert 'name="confirm_decline"' in html and "Ja, registrera att Trafiknämnden avstår" in said  # the box
    kept = _entry(session, remiss, trafik)
    assert kept.answer_status == "svarat" and kept.summary == "Trafiknämnden tillstyrker."

    # the box ticked on the page that came back: registered, and the message says what became of the answer
    done = auth.post(url, {"action": "decline", "note": "avstår enligt telefon", "base_token": _token(html),
                           "confirm_decline": "1"}, follow_redirects=True)
    assert ("Klart: Trafiknämnden avstår från att yttra sig. Det registrerade svaret (svaret 4 december 2026 "
            "”Trafiknämnden tillstyrker.”) är ersatt; det finns kvar i historiken.") in _text(done)
    assert _entry(session, remiss, trafik).answer_status == "avstar"


def test_avstar_on_an_answered_instans_asks_first_and_angra_does_not_bring_the_answer_back(session, client, auth,
                                                                                           clock):
    remiss, page, (trafik, _) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "no_comments": "1",
                           "summary": "Inga synpunkter, enligt brev."}).status_code == 302
    fresh = _html(client.get(url))
    # with JavaScript the dialog asks; its yes adds confirm_decline (web/asking.py)
    assert re.search(r'data-confirm="Trafiknämnden har svarat: svaret 4 december 2026 ”Inga synpunkter, enligt '
                     r'brev\.” är registrerat\. Registrera ändå att Trafiknämnden avstår\?[^"]*Ångra tar inte tillbaka '
                     r'det[^"]*" data-confirmed="confirm_decline"', fresh), fresh
    # without JavaScript (no yes): nothing done, the question beside the button
    asked = auth.post(url, {"action": "decline", "base_token": _token(fresh)})
    assert asked.status_code == 200
    asked_html = _html(asked)
    said = " ".join(re.sub(r"<[^>]+>", " ", asked_html).split())
    # the answer form beside it still shows the registered answer, not an emptied form
    assert 'name="answered_on" type="date" value="2026-12-04"' in asked_html
    assert ">Inga synpunkter, enligt brev.</textarea>" in asked_html
    assert ("Observera: Att Trafiknämnden avstår är inte registrerat: Trafiknämnden har svarat: svaret 4 december "
            "2026 ”Inga synpunkter, enligt brev.” är registrerat. Registrera ändå") in said
    assert "Kryssa i ”Ja, registrera att Trafiknämnden avstår” vid knappen om det ska registreras." in said
    assert _entry(session, remiss, trafik).answer_status == "svarat"
    assert auth.post(url, {"action": "decline", "base_token": _token(fresh), "confirm_decline": "1"}
                     ).status_code == 302
    # Ångra makes it "Ej svarat"; the answer is not back (as the question said), only the history has it
    assert auth.post(url, {"action": "reopen"}).status_code == 302
    entry = _entry(session, remiss, trafik)
    assert entry.answer_status == "ej_svarat" and entry.summary == ""
    assert "Inga synpunkter, enligt brev." in _text(client.get(page))  # Historik


def test_spara_svaret_from_an_old_tab_does_not_overwrite_a_newer_answer(session, client, auth, clock):
    remiss, page, (_, miljo) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{miljo}"
    old_tab = _html(client.get(url))
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": _token(old_tab),
                           "summary": "Miljönämnden vill ha fler träd."}).status_code == 302  # tab A
    clock.advance(minutes=5)
    refused = auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "no_comments": "1",
                              "base_token": _token(old_tab)})  # tab B, opened before
    html = _html(refused)
    said = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert re.search(r"Observera: Svaret är inte sparat\. Sedan du öppnade sidan har ett svar från Miljönämnden "
                     r"registrerats av Användare \d+ 4 december 2026 kl\. 16\.40: svaret 4 december 2026 ”Miljönämnden "
                     r"vill ha fler träd\.” Det du skrev står kvar nedan: spara igen om det ska ersätta det som är "
                     r"registrerat nu\.", said), said
    assert "Klart" not in said
    assert re.search(r'name="no_comments" value="1"\s+checked', html)  # typed input kept
    entry = _entry(session, remiss, miljo)
    assert entry.summary == "Miljönämnden vill ha fler träd." and not entry.no_comments
    # saving again from the page that came back (it carries the answer it named) replaces it
    again = auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "no_comments": "1",
                            "base_token": _token(html)}, follow_redirects=True)
    assert "Klart: Svaret från Miljönämnden är registrerat." in _text(again)
    assert _entry(session, remiss, miljo).no_comments


def test_angra_from_a_tab_opened_before_a_newer_answer_does_not_undo_it(session, client, auth, clock):
    """Ångra (reopen) from an old tab undid whatever stood, also an answer registered in another tab after the page
    was opened. It now carries the answer it showed (base_token) and is refused as the other stale forms are."""
    remiss, page, (trafik, _) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    assert auth.post(url, {"action": "decline", "note": "Avstår enligt telefon."}).status_code == 302
    old_tab = _html(client.get(url))  # shows the avstår, with Ångra
    assert 'value="reopen"' in old_tab
    clock.advance(minutes=5)
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Trafiknämnden tillstyrker.",
                           "base_token": _token(_html(client.get(url)))}).status_code == 302  # tab A
    clock.advance(minutes=5)
    refused = auth.post(url, {"action": "reopen", "base_token": _token(old_tab)})  # tab B: Ångra
    html = _html(refused)
    said = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert refused.status_code == 409
    assert re.search(r"Observera: Ångra är inte gjort\. Sedan du öppnade sidan har ett svar från Trafiknämnden "
                     r"registrerats av Användare \d+ 4 december 2026 kl\. 16\.45: svaret 4 december 2026 ”Trafiknämnden "
                     r"tillstyrker\.” Tryck Ångra igen om det ska tas bort\.", said), said
    kept = _entry(session, remiss, trafik)
    assert kept.answer_status == "svarat" and kept.summary == "Trafiknämnden tillstyrker."
    # Ångra on the page that came back (it carries the answer it named) undoes it
    assert auth.post(url, {"action": "reopen", "base_token": _token(html)}).status_code == 302
    assert _entry(session, remiss, trafik).answer_status == "ej_svarat"


def test_a_stale_form_is_said_in_its_own_page_not_through_the_session(session, client, auth, clock):
    """K4: the refusal was flashed: stored in the session cookie and read back by the same page, so the response
    rewrote the cookie and could drop (or carry to another page) another request's message when two raced. It is
    now said in the page alone; the cookie is left as it was."""
    remiss, page, (_, miljo) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{miljo}"
    old_tab = _html(client.get(url))
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": _token(old_tab),
                           "summary": "Miljönämnden vill ha fler träd."}).status_code == 302
    _html(client.get(url))  # the flash of the save is shown and gone
    refused = auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Flik B.",
                              "base_token": _token(old_tab)})
    assert refused.status_code == 409
    assert not [h for h in refused.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert "Observera: Svaret är inte sparat." in _text(refused)
    assert "Svaret är inte sparat" not in _text(client.get(url))  # said once, in its own page
