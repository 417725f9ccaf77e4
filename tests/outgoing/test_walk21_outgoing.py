"""walk21, the utgående side. J3: while the missiv waits in the Utkorg (a mail outage), Nästa steg said "Vänta på
svaren" and every row "Skickad … med e-post". J5: after "Sammanställ svaren" an instans added to the sändlista was
"Inte skickad än" and the flash said "skicka remissen", with no button to do it; the avslutad case offered "Skapa
missivet på nytt". J6: a new svarstid after compiling pointed to a form no longer on the page. J7: the Sammanställ and
Avsluta questions counted "1 remissinstans har inte svarat" where the page said "2 utan svar", and were headed Fel."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

from remiss.clock import STOCKHOLM
from remiss.reminders import outbox, policy
from remiss.remisser.models import Attachment, Remiss
from sqlmodel import select
from tests.outgoing.test_walk9_dates import TODAY, _world
from tests.outgoing.test_walk19_outgoing import compiled

DOWN = "e-posten går inte att skicka just nu (sedan 4 december 2026 kl. 16.40)"
HELD = (f"Missivet till trafik@example.se och miljo@example.se väntar i utkorgen sedan 4 december 2026 kl. 16.45: "
        f"{DOWN}, så det är inte skickat. Administratören ser felet under Utkorg.")
NOT_SENT = "har inte fått remissen: svaren är sammanställda, så remissen skickas inte till fler remissinstanser."


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _sweep(runner, moment) -> str:
    return runner.invoke(args=["reminders", "run", "--now", moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")],
                         catch_exceptions=False).output


def _panel(client, rid) -> str:
    page = _text(client.get(f"/remisser/{rid}"))
    return page[page.index("Utskick och svar"):]


def test_while_the_missiv_waits_in_the_utkorg_nothing_says_it_was_sent(app, session, client, auth, clock, runner,
                                                                       tmp_path):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=TODAY.date() + timedelta(days=56))  # beyond the start's 3 weeks
    rid = remiss.id
    outbox.enqueue(session, now=TODAY, key="annan:1", recipient_email="annan@example.se", kind=policy.ASSIGNED,
                   due_at=TODAY - timedelta(minutes=5), subject="Tilldelad", payload={}, remiss_id=rid)
    session.commit()
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    app.config["MAIL_DIR"] = str(blocker / "mail")  # the file mailer cannot write: a real outage
    assert "går inte att skicka" in _sweep(runner, TODAY)
    clock.advance(minutes=5)
    auth.login(user.email)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302

    shown = _text(client.get(page))
    # Old code: "Nästa steg: Vänta på svaren; påminnelser går ut enligt nämndens inställning." and each row
    # "4 december 2026 med e-post"
    assert f"Nästa steg: {HELD}" in shown
    assert "Vänta på svaren" not in shown
    table = shown[shown.index("Remissinstanser och svar"):shown.index("Ladda ned remissammanställning")]
    assert "med e-post" not in table
    assert shown.count("i utkorgen (inte skickat)") == 2
    start = _text(client.get("/"))  # the sekreterare's start page names it (it was not listed at all)
    assert "0 av 2 har svarat; missivet i utkorgen (inte skickat)" in start
    api = client.get(f"/api/v1/remisser/{rid}").json["sandlista_status"]["entries"]
    assert [e["missiv_mail"] for e in api] == ["pending", "pending"]
    assert all(e["sent_at"] for e in api)  # the shape kept: sent when queued, as before

    blocker.unlink()  # mail can be sent again: the next sweep sends, and the page says it went
    clock.advance(minutes=1)
    _sweep(runner, clock.now)
    assert len(list(Path(app.config["MAIL_DIR"]).glob("*.eml"))) == 3  # the two missiv and the other mail
    shown = _text(client.get(page))
    assert "Nästa steg: Vänta på svaren; påminnelser går ut enligt nämndens inställning." in shown
    assert "i utkorgen (inte skickat)" not in shown and shown.count("4 december 2026 med e-post") == 2
    assert "missivet i utkorgen" not in _text(client.get("/"))
    api = client.get(f"/api/v1/remisser/{rid}").json["sandlista_status"]["entries"]
    assert [e["missiv_mail"] for e in api] == ["sent", "sent"]


def test_once_compiled_an_added_instans_is_said_not_to_be_sent_and_no_missiv_is_made(session, app, auth, client,
                                                                                     clock):
    rid, _ = compiled(session, app, auth, client, clock)
    url = f"/remisser/{rid}/andra"
    saved = _text(auth.post(url, {"sandlista": "Pensionärsrådet\nUngdomsrådet\nFunktionshinderrådet\nKulturnämnden;"
                                                " kultur@malmo.example"}, form_url=url, follow_redirects=True))
    # Old code: "Kulturnämnden har inte fått remissen än: skicka remissen, så får den det nya missivet." – no button
    assert f"Ändringarna är sparade. Kulturnämnden {NOT_SENT}" in saved
    assert "skicka remissen" not in saved and "Inte skickad än" not in saved
    assert f"Nästa steg: Kulturnämnden {NOT_SENT} Sändlistan har ändrats efter sammanställningen" in saved
    panel = _panel(client, rid)
    assert f"Kulturnämnden {NOT_SENT}" in panel
    assert "Skapa missivet" not in panel and "Skicka remissen" not in panel
    warning = next(w for w in client.get(f"/api/v1/remisser/{rid}").json["warnings"]
                   if w["code"] == "remissen_ej_skickad_till")
    assert warning["message"] == f"Kulturnämnden {NOT_SENT}" and warning["link_text"] == "Utskick och svar"
    page = f"/remisser/{rid}"
    made = _text(auth.post(f"{page}/utskick/missiv", {}, form_url=page, follow_redirects=True))
    assert ("Missivet skapades inte: svaren är sammanställda, så remissen skickas inte till fler remissinstanser."
            in made)
    sent = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True))
    assert "Remissen skickades inte: Svaren är sammanställda, så remissen skickas inte till fler" in sent

    closed = _text(auth.post(f"{page}/utskick/avsluta", {"confirm_close": "1"}, form_url=page,
                             follow_redirects=True))
    assert "Ärendet är avslutat." in closed
    panel = _panel(client, rid)
    # Old code: "Inte skickad än till: Kulturnämnden." and "Skapa missivet på nytt", which replaced the missiv
    assert ("Kulturnämnden har inte fått remissen: ärendet är avslutat, så remissen skickas inte längre." in panel)
    assert "Inte skickad än" not in panel and "Skapa missivet" not in panel
    missivs = len(session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                        Attachment.purpose == "missiv")).all())
    session.rollback()
    refused = _text(auth.post(f"{page}/utskick/missiv", {}, form_url=page, follow_redirects=True))
    assert "Missivet skapades inte: ärendet är avslutat, så remissen skickas inte längre." in refused
    assert len(session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                     Attachment.purpose == "missiv")).all()) == missivs


def test_after_compiling_the_svarstid_is_given_where_the_message_says_and_refused_once_closed(session, app, auth,
                                                                                              client, clock):
    rid, _ = compiled(session, app, auth, client, clock)
    url, page = f"/remisser/{rid}/andra", f"/remisser/{rid}"
    said = _text(auth.post(url, {"deadline_on": "2027-03-26"}, form_url=url))
    assert "ge mer tid med ”Förläng remisstiden för alla” på remissens sida" in said
    panel = _panel(client, rid)
    # Old code: the form the message points to was gone once Sammanställd
    assert "Förläng remisstiden för alla" in panel and "Förläng och meddela" in panel
    assert ("Svaren är redan sammanställda: en ny svarsdag gör sammanställningen inaktuell (svarstiden har ändrats), "
            "så sammanställ svaren igen efteråt.") in panel
    assert auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-03-12", "confirm_extension": "1"},
                     form_url=page).status_code == 302
    shown = _text(client.get(page))
    # the instanser got more time: wait for them, then compile again (walk29 A1: "– sammanställ igen." at once)
    assert ("Nästa steg: Svarstiden har ändrats efter sammanställningen. Vänta på svar från Ungdomsrådet och "
            "Funktionshinderrådet (svarstiden går ut 12 mars 2027): sammanställ svaren igen när") in shown

    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    assert auth.post(f"{page}/utskick/avsluta", {"confirm_close": "1"}, form_url=page).status_code == 302
    refused = auth.post(url, {"deadline_on": "2027-03-26"}, form_url=url)
    said = _text(refused)
    assert ("Ärendet är avslutat, så svarstiden ändras inte längre: de 3 remissinstanserna har fått sista "
            "svarsdag 12 mars 2027. Ett svar som kommer in ändå kan registreras när ärendet har öppnats igen (ändra status "
            "för hand till Sammanställd).") in said
    assert "Förläng remisstiden för alla" not in said and "Förläng remisstiden för alla" not in _panel(client, rid)
    assert 'value="2027-03-26"' in refused.get_data(as_text=True)  # the date typed is kept
    session.expire_all()
    assert session.get(Remiss, rid).effective_deadline_on.isoformat() == "2027-03-12"


def test_the_compile_and_close_questions_count_as_the_page_does(session, app, auth, client, clock):
    rid, _ = compiled(session, app, auth, client, clock)
    url = f"/remisser/{rid}/andra"
    assert auth.post(url, {"sandlista": "Pensionärsrådet\nUngdomsrådet\nFunktionshinderrådet\nKulturnämnden"},
                     form_url=url).status_code == 302
    counted = ("Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 remissinstanser har inte "
               "svarat och 1 har inte fått remissen.")
    # Kulturnämnden, added after the sammanställning, was never sent the remiss: not one of those asked (walk28 Z12)
    assert "1 av 3 har svarat, 1 har inte fått remissen, 2 utan svar" in _text(client.get("/"))
    page = f"/remisser/{rid}"
    recompiled = _text(auth.post(f"{page}/utskick/sammanstall", {}, form_url=page, follow_redirects=True))
    # Old code: "… 12.00, och 2 remissinstanser har inte svarat." (no days, the unsent one not counted)
    assert f"Observera: Svaren sammanställdes inte: {counted} Kryssa i" in recompiled
    assert f"{counted} Sammanställa svaren ändå?" in recompiled and "Fel:" not in recompiled
    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    closing = _text(auth.post(f"{page}/utskick/avsluta", {}, form_url=page, follow_redirects=True))
    # Old code: "… 12.00 (83 dagar kvar), och 2 remissinstanser har inte svarat."
    assert (f"Observera: Ärendet avslutades inte: {counted} Avslutas ärendet nu kan svaren inte registreras."
            in closing)
    assert f"{counted} Avslutas ärendet nu kan svaren inte registreras. Avsluta ärendet ändå?" in closing
    assert "Fel:" not in closing


def test_an_extension_after_compiling_promises_no_missiv_and_one_after_closing_says_why(session, app, auth, client,
                                                                                      clock):
    """walk21b K1: Förläng while Sammanställd said the instans not sent the remiss would get the new day "när
    remissen skickas" – it will not be sent. K2: Förläng from a tab opened before Avsluta got the answers' refusal
    ("svar, avstår och anstånd ändras inte längre") and the date and skäl typed were gone."""
    rid, _ = compiled(session, app, auth, client, clock)
    url, page = f"/remisser/{rid}/andra", f"/remisser/{rid}"
    auth.post(url, {"sandlista": "Pensionärsrådet\nUngdomsrådet\nFunktionshinderrådet\nKulturnämnden;"
                                 " kultur@malmo.example"}, form_url=url)
    said = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-03-12", "confirm_extension": "1"},
                           form_url=page, follow_redirects=True))
    assert "Remisstiden är förlängd till 12 mars 2027." in said
    assert f"Kulturnämnden {NOT_SENT}" in said and "när remissen skickas" not in said

    assert auth.post(f"{page}/utskick/avsluta", {"confirm_close": "1"}, form_url=page).status_code == 302
    refused = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-03-26", "reason": "Sent skäl",
                                                              "confirm_extension": "1"},
                              form_url=page, follow_redirects=True))
    assert ("Remisstiden förlängdes inte. Ärendet är avslutat, så svarstiden ändras inte längre: de 3 "
            "remissinstanserna har fått sista svarsdag 12 mars 2027.") in refused
    assert "Det du skrev sparades inte: ny sista svarsdag 2027-03-26, skäl ”Sent skäl”." in refused
    assert "avstår och anstånd" not in refused
    session.expire_all()
    assert session.get(Remiss, rid).effective_deadline_on.isoformat() == "2027-03-12"
