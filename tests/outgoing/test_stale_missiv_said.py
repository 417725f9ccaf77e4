"""h-out22: "Skicka remissen" with a missiv made before the remiss changed makes a new one from the template and sends
it unread (missiv_doc.made_on_sending), but the question said nothing of it (only of a missiv not made at all,
walk21b K5), nor did the message after sending. Both now say it, and why the one made was out of date; so does the
question before "Skicka ändringen" (tests/outgoing/test_amendment_asks.py)."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html import unescape

from docx import Document

from remiss.auth.access import Principal
from remiss.remisser import attachments
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import TODAY, _world

MADE = "4 december 2026 kl. 16.40"  # TODAY in Stockholm, when the sekreterare made the missiv
ASKED = (f"Missivet är inaktuellt (remissen har ändrats efter att det skapades {MADE}): ett nytt skapas nu från "
         "standardmallen och skickas utan att någon har läst det. Skicka remissen nu?")
DONE = (f"Missivet var inaktuellt (remissen har ändrats efter att det skapades {MADE}), så ett nytt skapades nu från "
        "standardmallen; ingen har läst det.")


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _question(client, page: str) -> str:
    form = re.search(r'<form[^>]*utskick/skicka".*?</form>', unescape(client.get(page).get_data(as_text=True)), re.S)
    return re.search(r'data-confirm="([^"]*)"', form.group(0)).group(1)


def _missiv_text(mail) -> str:
    part = next(p for p in mail.iter_attachments() if " – missiv " in p.get_filename())
    return "\n".join(p.text for p in Document(io.BytesIO(part.get_content())).paragraphs)


def test_sending_an_out_of_date_missiv_says_a_new_one_is_made_unread(session, client, auth, clock, runner, smtp):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    assert "inaktuellt" not in _question(client, page)  # the missiv made is sent as it is: nothing to say
    session.rollback()

    clock.advance(minutes=5)  # the svarsdag moves after the missiv was made: it names the old one
    remisser.update(session, now=clock.now, principal=Principal.of(session, user),
                    remiss=session.get(Remiss, remiss.id), changes={"deadline_on": date(2027, 2, 12)})
    session.commit()
    assert _question(client, page).startswith("Remissen har inga remisshandlingar: remissinstanserna får bara "
                                              "missivet. " + ASKED)
    assert (f"Missivet är inaktuellt (remissen har ändrats efter att det skapades {MADE}): ett nytt missiv skapas "
            "när remissen skickas.") in _text(client.get(page))  # the panel's line above the button
    # the download beside it names the letter as it is, not "gällande" (walk22b M1)
    assert f"Ladda ned missivet (Word) inaktuellt missiv, skapat {MADE}" in _text(client.get(page))

    said = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True))
    assert "Remissen är skickad: missivet läggs i utkorgen" in said and DONE in said

    clock.advance(minutes=3)  # what the instanser get is the new missiv, with the new svarsdag
    mailed = run_sweep(runner, smtp, clock.now)
    assert len(mailed) == 2
    for _, mail in mailed:
        text = _missiv_text(mail)
        assert "12 februari 2027" in text and "29 januari 2027" not in text


def test_a_remisshandling_added_after_the_missiv_is_named_as_the_reason(session, client, auth, clock):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=TODAY.date() + timedelta(days=56))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    session.rollback()
    clock.advance(minutes=5)
    attachments.add(session, now=clock.now, principal=Principal.system(), remiss=session.get(Remiss, remiss.id),
                    filename="trafikplan.pdf", data=b"%PDF-1.4\n%plan\n",
                    files_dir=client.application.config["FILES_DIR"], max_bytes=10 ** 6)
    session.commit()
    assert _question(client, page).startswith(
        f"Missivet är inaktuellt (en remisshandling har lagts till efter att det skapades {MADE}): ett nytt skapas "
        "nu från standardmallen och skickas utan att någon har läst det. Skicka remissen nu?")


def test_a_missiv_not_made_is_said_made_after_sending_too(session, client, auth, clock):
    """walk21b K5 asked before; the message after sending now says it too."""
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=TODAY.date() + timedelta(days=56))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    said = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True))
    assert "Missivet skapades nu från standardmallen; ingen har läst det." in said
    assert "inaktuellt" not in said


def test_the_api_says_the_send_made_the_missiv_anew(session, client, auth, clock):
    from remiss.auth.service import create_api_token

    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
    token = create_api_token(session, now=clock.now, user=user, name="t")
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    session.rollback()
    clock.advance(minutes=5)
    remisser.update(session, now=clock.now, principal=Principal.of(session, user),
                    remiss=session.get(Remiss, remiss.id), changes={"deadline_on": date(2027, 2, 12)})
    session.commit()
    program = client.application.test_client()  # a program with a token, not the logged-in browser
    body = program.post(f"/api/v1/remisser/{remiss.id}/sandlista/send",
                        headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body.get("queued") == 2, body
    assert body["missiv_made_from"] == "standardmallen"
    assert body["missiv_stale"] == f"remissen har ändrats efter att det skapades {MADE}"
