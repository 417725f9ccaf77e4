"""walk31, the utgående side walked again (start page, Nästa steg, anstånd and förlängning, svarsstatus.csv,
sammanställning, Utkorg):

#5: a sammanställd remiss only waiting for answers was counted and listed under "Utgående remisser att sköta" ("det
som ska avslutas …") while Att göra's "Väntar på svar" said there was nothing to do: it is not counted there.

#6: Nästa steg's wait words ignored the count: "kommer svaret in" for two instanser, "svaren … dem" for one.
"""
from __future__ import annotations

from tests.outgoing.test_walk19_outgoing import _answer, _compile, _sent, _text
from tests.outgoing.test_walk29b_outgoing import _section


def test_a_compiled_remiss_only_waiting_is_not_work_to_see_to(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _compile(auth, rid)  # the svarstid runs to 26 februari 2027, past the start page's three weeks
    start = _text(client.get("/"))
    assert "Väntar på svar (1)" in _section(start, 'id="h-att-registrera"', "</section>")
    utgaende = _section(start, 'id="h-utskick"', "</section>")
    # old code: "Utgående remisser att sköta (1)", the remiss listed as "svaren är sammanställda"
    assert "Utgående remisser att sköta (0)" in utgaende, utgaende
    assert "Lekplatsprogram" not in utgaende
    assert "1 utgående remiss med senare svarsdag visas inte här" in utgaende, utgaende


def test_the_wait_words_count_the_instanser_waited_for(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _compile(auth, rid)
    step = _section(_text(client.get(f"/remisser/{rid}")), "Nästa steg", "</p>")
    # old code: "… (svarstiden går ut …): kommer svaret in, sammanställ svaren igen; avsluta ärendet först därefter
    # eller när tiden för svaret har gått ut." – for two instanser
    assert ("Svaren är sammanställda. Vänta på svar från Ungdomsrådet och Funktionshinderrådet (svarstiden går ut "
            "26 februari 2027 kl. 12.00): kommer ett svar in, sammanställ svaren igen; avsluta ärendet först när "
            "svaren har kommit in eller tiden för dem har gått ut.") in step, step
    assert _answer(auth, rid, entries["Ungdomsrådet"], summary="Bra.").status_code == 302
    _compile(auth, rid)
    step = _section(_text(client.get(f"/remisser/{rid}")), "Nästa steg", "</p>")
    assert ("Svaren är sammanställda. Vänta på svar från Funktionshinderrådet (svarstiden går ut 26 februari 2027 kl. "
            "12.00): kommer svaret in, sammanställ svaren igen; avsluta ärendet först därefter eller när tiden för "
            "svaret har gått ut.") in step, step
