"""walk29b, the utgående side walked again (sändlista, answers, anstånd for one instans, förlängning for all,
sammanställning, closing):

B2: closing named the same instans more than once among the notices it stops in the Utkorg ("beskedet om anstånd
till Norr och meddelandet om förlängd remisstid till Norr, Söder, Norr och Söder"): each instans is named once.

B4: "Förläng remisstiden för alla" to exactly the moment an instans's anstånd ends called that anstånd later
("senare än den nya svarsdagen") and longer ("har redan ett längre anstånd"): it is the same time, and only a truly
later moment is said to be later.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html import unescape

from remiss.outgoing.service import anstand, closing, lifecycle, remisstid
from remiss.remisser import service as remisser
from tests.outgoing.conftest import run_sweep, sent_to_norr_and_soder
from tests.outgoing.test_walk19_outgoing import _sent, _text
from tests.outgoing.test_walk26_compile_anstand import _grant
from tests.outgoing.test_walk16_close import SYSTEM
from tests.support.factories import T0
from tests.support.pages import visible_text


def test_closing_names_each_instans_once_among_the_notices_it_stops(session, app, auth, client, clock, runner,
                                                                     smtp):
    remiss, user = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(days=2))
    run_sweep(runner, smtp, T0 - timedelta(days=2) + timedelta(minutes=5))  # the missiv went out
    remiss = session.get(type(remiss), remiss.id)
    norr, _ = remisser.entries(session, remiss.id)
    anstand.grant_extension(session, now=T0, principal=SYSTEM, remiss=remiss, entry=norr,
                            until_on=date(2027, 2, 12))
    with app.app_context():  # förlängd twice for all, past Norr's anstånd: every notice waits in the Utkorg
        for day in (date(2027, 2, 19), date(2027, 2, 26)):
            remisstid.general_extension(session, now=T0, principal=SYSTEM, remiss=remiss, until_on=day,
                                        until_time=None, files_dir=app.config["FILES_DIR"])
        lifecycle.compile_answers(session, now=T0, principal=SYSTEM, remiss=remiss, files_dir=app.config["FILES_DIR"])
    session.commit()
    rid = remiss.id
    session.close()
    clock.set(T0 + timedelta(minutes=1))
    auth.login(user.email)
    said = ("Meddelandena till Norr (beskedet om anstånd och meddelandet om förlängd remisstid) och Söder "
            "(meddelandet om förlängd remisstid)")
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>', page, re.S).group(0)
    # old code: "Beskedet om anstånd till Norr och meddelandet om förlängd remisstid till Norr, Söder, Norr och Söder"
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
