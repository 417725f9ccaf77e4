"""walk29b, the utgående side walked again (sändlista, answers, anstånd for one instans, förlängning for all,
sammanställning, closing):

B2: closing named the same instans more than once among the notices it stops in the Utkorg ("beskedet om anstånd
till Norr och meddelandet om förlängd remisstid till Norr, Söder, Norr och Söder"): each instans is named once.

B4: "Förläng remisstiden för alla" to exactly the moment an instans's anstånd ends called that anstånd later
("senare än den nya svarsdagen") and longer ("har redan ett längre anstånd"): it is the same time, and only a truly
later moment is said to be later.

B5: an instans answering after the sammanställning while another still had time made Nästa steg say "sammanställ
igen. Publicera sedan remissvaren och avsluta ärendet", and the start page and Att göra only "sammanställ igen": now
all three say to compile again, then wait for those still due until their svarsdag.

B7: a sammanställd remiss only waiting for answers was counted among the work in "Att registrera och avsluta", its
line ending "… – sammanställ igen sedan"; it is listed apart under "Väntar på svar". And an instans that had
answered showed the svarsdag of a later förlängning, as if it still owed an answer: it shows that it has answered.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from html import unescape

from remiss.clock import STOCKHOLM
from remiss.outgoing.service import anstand, closing, lifecycle, remisstid
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import run_sweep, sent_to_norr_and_soder
from tests.outgoing.test_walk19_outgoing import _answer, _compile, _sent, _text
from tests.outgoing.test_walk26_compile_anstand import _grant
from tests.outgoing.test_walk29_extended_after_compiling import _extend
from tests.outgoing.test_walk16_close import SYSTEM
from tests.support.factories import T0
from tests.support.pages import visible_text


def test_closing_names_each_instans_once_among_the_notices_it_stops(session, app, auth, client, clock, runner,
                                                                     smtp):
    remiss, user = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(days=2))  # the missiv waits
    remiss = session.get(type(remiss), remiss.id)
    norr, _ = remisser.entries(session, remiss.id)
    # Norr rang before the missiv went out and was granted an anstånd: both its notices wait in the Utkorg (a
    # later förlängning for all would supersede the besked, session 30 B3, so each instans has one notice of a kind)
    anstand.grant_extension(session, now=T0, principal=SYSTEM, remiss=remiss, entry=norr,
                            until_on=date(2027, 2, 12))
    with app.app_context():
        lifecycle.compile_answers(session, now=T0, principal=SYSTEM, remiss=remiss, files_dir=app.config["FILES_DIR"])
    session.commit()
    rid = remiss.id
    session.close()
    clock.set(T0 + timedelta(minutes=1))
    auth.login(user.email)
    said = "Meddelandena till Norr (missivet och beskedet om anstånd) och Söder (missivet)"
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>', page, re.S).group(0)
    # old code: "Missivet till Norr och Söder och beskedet om anstånd till Norr"
    assert f"{said} väntar i utkorgen och skickas inte när ärendet avslutas." in form, form
    done = visible_text(auth.post(f"/remisser/{rid}/utskick/avsluta", {"confirm_close": "1"},
                                  form_url=f"/remisser/{rid}", follow_redirects=True).get_data(as_text=True))
    assert f"Ärendet är avslutat. Planerade påminnelser är stoppade. {said} skickas inte." in done, done
    assert f"{said} stoppades i utkorgen" in done  # the history


def test_the_notices_of_one_kind_or_to_one_instans_are_said_together(session, app):
    remiss, _ = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(days=2))  # the missiv waits
    assert closing.notice_words(closing.waiting_answer_notices(session, remiss.id)) == "Missivet till Norr och Söder"
    assert closing.notice_words([("missivet", "Norr"), ("beskedet om anstånd", "Norr")]) == (
        "Missivet och beskedet om anstånd till Norr")
    assert closing.notice_words([("missivet", "Norr"), ("beskedet om anstånd", "Söder")]) == (
        "Missivet till Norr och beskedet om anstånd till Söder")


# B4: "Förläng remisstiden för alla" to the very moment an instans's anstånd ends


def _extend_to_anstand(session, app, auth, clock, *, confirmed: bool):
    rid, entries, _ = _sent(session, app, auth, clock)
    _grant(auth, rid, entries["Funktionshinderrådet"])  # anstånd to 12 March 2027 (a whole day), past 26 February
    page = f"/remisser/{rid}"
    return rid, page, _text(auth.post(f"{page}/utskick/forlangning", {
        "until_on": "2027-03-12", **({"confirm_extension": "1"} if confirmed else {})}, form_url=page,
        follow_redirects=True))


SAME = ("Funktionshinderrådet har anstånd till 12 mars 2027, samma tid som den nya svarsdagen, så dess svarsdag "
        "ändras inte och den får inget meddelande.")


def test_extending_to_the_moment_an_anstand_ends_asks_it_is_the_same_time(session, app, auth, client, clock):
    rid, page, asked = _extend_to_anstand(session, app, auth, clock, confirmed=False)
    # old code: "Funktionshinderrådet har anstånd till 12 mars 2027, senare än den nya svarsdagen, …"
    assert "Remisstiden är inte förlängd till 12 mars 2027" in asked and SAME in asked, asked[:4000]
    html = client.get(page).get_data(as_text=True)  # the dialog's question for exactly that date (static/app.js)
    variants = json.loads(unescape(re.search(r'data-confirm-after="([^"]*)"', html).group(1)))
    exact = [said for after, said, *kind in variants if after == "2027-03-12T23:59" and kind == ["="]]
    assert len(exact) == 1 and SAME in exact[0], variants
    later = [said for after, said, *kind in variants if after == "2027-03-12T23:59" and not kind]
    assert "Funktionshinderrådet har anstånd till 12 mars 2027 och får meddelandet, eftersom den nya svarsdagen " \
           "ligger senare." in later[0]  # a moment after it: told


def test_extending_to_the_moment_an_anstand_ends_says_it_is_the_same_time(session, app, auth, client, clock):
    rid, page, done = _extend_to_anstand(session, app, auth, clock, confirmed=True)
    assert "Remisstiden är förlängd till 12 mars 2027." in done, done[:4000]
    # old code: "Funktionshinderrådet (till 12 mars 2027) har redan ett längre anstånd och får inget meddelande"
    assert ("Funktionshinderrådet har redan anstånd till samma tid och får inget meddelande: dess svarsdag ändras "
            "inte.") in done, done[:4000]
    assert "längre" not in done[done.index("Remisstiden är förlängd"):][:600]
    assert "inte meddelade (har redan anstånd till samma tid): Funktionshinderrådet" in done  # the panel's line


# B5: an answer after the sammanställning while another instans still has time


def _section(page: str, start: str, end: str) -> str:
    part = page[page.index(start):]
    return part[:part.index(end)]


def test_a_late_answer_is_compiled_in_first_then_the_answers_still_due_are_waited_for(session, app, auth, client,
                                                                                        clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _grant(auth, rid, entries["Funktionshinderrådet"])  # anstånd to 12 March 2027, past the svarstid (26 February)
    _compile(auth, rid)
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))  # the svarstid is over; the anstånd runs
    assert _answer(auth, rid, entries["Ungdomsrådet"], summary="Sent men väl.",
                   answered_on="2027-03-01").status_code == 302
    dnr = session.get(Remiss, rid).our_dnr
    session.close()

    page = _text(client.get(f"/remisser/{rid}"))
    step = _section(page, "Nästa steg", "</p>")
    # old code: "Sammanställningen är äldre än svaret från Ungdomsrådet – sammanställ igen. Publicera sedan
    # remissvaren och avsluta ärendet." – while Funktionshinderrådet's anstånd ran
    assert ("Nästa steg:</strong> Sammanställningen är äldre än svaret från Ungdomsrådet – sammanställ igen. Vänta "
            "sedan på svar från Funktionshinderrådet (anstånd till 12 mars 2027): kommer svaret in, sammanställ "
            "svaren igen; avsluta ärendet först när svaret har kommit in eller tiden för svaret har gått ut."
            ) in step, step  # one instans: "svaret", not "svaren … dem" (walk31 #6)
    start = _text(client.get("/"))
    todo = _section(start, 'id="h-att-registrera"', "</section>")
    # old code: "… – ett svar har kommit in efter sammanställningen", not a word of the instans still due
    assert (f"Sammanställ svaren igen: {dnr} Lekplatsprogram</a> <span class=\"tag\">Sammanställd</span> <span "
            "class=\"muted\">– ett svar har kommit in efter sammanställningen; vänta sedan på svar från "
            "Funktionshinderrådet (anstånd till 12 mars 2027)</span>") in todo, todo
    assert "Att registrera och avsluta (1)" in todo  # work to do now
    utgaende = _section(start, 'id="h-utskick"', "</section>")
    # old code: "ett svar har kommit in efter sammanställningen – sammanställ igen"
    assert ("ett svar har kommit in efter sammanställningen – sammanställ igen, vänta sedan på svar från "
            "Funktionshinderrådet (anstånd till 12 mars 2027)") in utgaende, utgaende

    _compile(auth, rid)  # done: now only waiting, as it said
    assert ("Svaren är sammanställda. Vänta på svar från Funktionshinderrådet (anstånd till 12 mars 2027)"
            in _section(_text(client.get(f"/remisser/{rid}")), "Nästa steg", "</p>"))


# B7: the start page's Att registrera och avsluta, and an instans that has answered after a förlängning


def test_waiting_for_answers_is_not_counted_as_work(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _compile(auth, rid)
    assert "Remisstiden är förlängd till 16 april 2027 kl. 12.00" in _text(_extend(auth, rid))
    start = _text(client.get("/"))
    todo = _section(start, 'id="h-att-registrera"', "</section>")
    # old code: "Att registrera och avsluta (1)", and the line ended "… – sammanställ igen sedan"
    assert "Att registrera och avsluta (0)" in todo, todo
    assert "Väntar på svar (1)" in todo, todo
    assert ("Vänta på svar från Ungdomsrådet och Funktionshinderrådet: ") in todo
    assert ("– svarstiden går ut 16 april 2027 kl. 12.00; sammanställ sedan svaren igen (svarstiden har ändrats "
            "efter sammanställningen)</span>") in todo, todo
    assert "sammanställ igen sedan" not in todo


def test_an_answered_instans_owes_no_svarsdag_after_a_forlangning(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    assert "Remisstiden är förlängd till 16 april 2027 kl. 12.00" in _text(_extend(auth, rid))
    page = _text(client.get(f"/remisser/{rid}"))
    table = _section(page, "<caption>Remissinstanser och svar</caption>", "</table>")
    rows = {m.group(1): m.group(2) for m in re.finditer(r'instanser/\d+">([^<]+)</a>.*?</td> <td>[^<]*</td> <td>.*?'
                                                         r'</td> <td>([^<]*)</td>', table)}
    # old code: Pensionärsrådet's row showed "16 april 2027 kl. 12.00" as if it still owed an answer
    assert rows == {"Pensionärsrådet": "har svarat", "Ungdomsrådet": "16 april 2027 kl. 12.00",
                    "Funktionshinderrådet": "16 april 2027 kl. 12.00"}, table


def test_an_instans_that_answered_late_shows_the_svarsdag_it_missed(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))
    assert _answer(auth, rid, entries["Ungdomsrådet"], summary="Sent.", answered_on="2027-03-01").status_code == 302
    table = _section(_text(client.get(f"/remisser/{rid}")), "<caption>Remissinstanser och svar</caption>",
                     "</table>")
    assert ("inkom 1 mars 2027 <span class=\"flag\">efter svarstiden</span></td> <td>har svarat (svarsdag 26 "
            "februari 2027 kl. 12.00)</td>") in table, table
