"""walk31, the utgående side walked again (start page, Nästa steg, anstånd and förlängning, svarsstatus.csv,
sammanställning, Utkorg):

#5: a sammanställd remiss only waiting for answers was counted and listed under "Utgående remisser att sköta" ("det
som ska avslutas …") while Att göra's "Väntar på svar" said there was nothing to do: it is not counted there.

#6: Nästa steg's wait words ignored the count: "kommer svaret in" for two instanser, "svaren … dem" for one.

#4: an anstånd passed by a later förlängning for all still stood in the instans page's header ("anstånd till 12 mars
2027") next to the table's later svarsdag: the header gives the svarsdag that holds now.

#11: svarsstatus.csv gave a Svarsdag som gäller for an instans that had answered (its anstånd's), where the page
says "har svarat": it gives none, as the page (the one missed, for a late answer).

#10: the panel's line about a förlängning kept saying that its notices were put in the Utkorg after a later
förlängning or the answer had superseded them there, unsent: it says which were not sent, and why.

#9: "Observera: Sammanställningen är äldre än svaret från …" stood twice on the page an answer after the
sammanställning went back to (a flash, and the panel): once.

#8: the Utkorg said "Ersatt av senare" of a notice the instans's answer made unneeded, though nothing later replaced
it: "Behövs inte – har svarat" ("– avstår").
"""
from __future__ import annotations

import csv
import io

from tests.conftest import Auth
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk19_outgoing import _answer, _compile, _sent, _text
from tests.outgoing.test_walk26_compile_anstand import _grant
from tests.outgoing.test_walk29_extended_after_compiling import _extend
from tests.outgoing.test_walk29b_outgoing import _section
from tests.outgoing.test_walk30_outdated_notices import _extend as _extend_to, _world
from tests.outgoing.test_walk12b_extension import at


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


def _csv(client, rid) -> dict[str, tuple[str, str, str]]:
    """name → (Status, Svarsdag som gäller, Klockslag) from svarsstatus.csv."""
    rows = list(csv.reader(io.StringIO(client.get(f"/remisser/{rid}/utskick/svarsstatus.csv").data
                                       .decode("utf-8-sig")), delimiter=";"))
    at = [rows[0].index(c) for c in ("Status", "Svarsdag som gäller", "Klockslag")]
    return {row[0]: tuple(row[i] for i in at) for row in rows[1:]}


def test_the_export_gives_no_svarsdag_for_an_instans_that_has_answered(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    _grant(auth, rid, entries["Pensionärsrådet"])  # anstånd to 12 March 2027
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    table = _section(_text(client.get(f"/remisser/{rid}")), "<caption>Remissinstanser och svar</caption>", "</table>")
    assert "har svarat</td>" in table
    # old code: ("Svarat", "2027-03-12", "") – the anstånd's svarsdag, as if an answer were still due
    assert _csv(client, rid) == {"Pensionärsrådet": ("Svarat", "", ""),
                                 "Ungdomsrådet": ("Ej svarat", "2027-02-26", "12:00"),
                                 "Funktionshinderrådet": ("Ej svarat", "2027-02-26", "12:00")}


def _lead(client, rid, entry_id) -> str:
    return _section(_text(client.get(f"/remisser/{rid}/utskick/instanser/{entry_id}")), '<p class="lead">', "</p>")


def test_the_instans_header_gives_the_svarsdag_that_holds_after_a_forlangning(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    ung, pen = entries["Ungdomsrådet"], entries["Pensionärsrådet"]
    _grant(auth, rid, ung)  # anstånd to 12 March 2027
    _grant(auth, rid, pen)
    assert "· anstånd till 12 mars 2027" in _lead(client, rid, ung)
    assert _answer(auth, rid, pen, summary="Välkommet.").status_code == 302
    assert "Remisstiden är förlängd till 16 april 2027 kl. 12.00" in _text(_extend(auth, rid))
    lead = _lead(client, rid, ung)
    # old code: "· anstånd till 12 mars 2027", while the table said 16 april 2027 kl. 12.00
    assert ("· svarsdag 16 april 2027 kl. 12.00 – remisstiden är förlängd för alla, anståndet till 12 mars 2027 "
            "gäller inte längre") in lead, lead
    assert "· anstånd till" not in lead
    lead = _lead(client, rid, pen)  # answered: owes no svarsdag, as its row says "har svarat"
    assert "svar 5 december 2026" in lead and "anstånd" not in lead and "svarsdag" not in lead, lead


def test_the_forlangning_line_says_which_notices_were_never_sent(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))
    _extend_to(auth, remiss_id, "2027-03-15")  # a notice to each, in the Utkorg
    answer = auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}",
                       {"action": "answer", "answered_on": "2026-12-05", "summary": "Inga invändningar"})
    assert answer.status_code == 302
    _extend_to(auth, remiss_id, "2027-03-29")  # Malmö's first notice superseded by the second
    panel = _text(auth.client.get(f"/remisser/{remiss_id}"))
    first = _section(panel, "Den 5 december 2026 förlängdes remisstiden till 15 mars 2027", "</p>")
    # old code: only "… meddelandet lades i utkorgen för e-post till 2 remissinstanser som inte hade svarat."
    assert ("meddelandet lades i utkorgen för e-post till 2 remissinstanser som inte hade svarat; meddelandet till "
            "Lunds kommun skickades inte: Lunds kommun har svarat innan det skickades, så det behövs inte längre; "
            "meddelandet till Malmö stad skickades inte: ersatt av en senare förlängning av remisstiden till 29 mars "
            "2027 kl. 12.00 innan det skickades.") in first, first
    second = _section(panel, "förlängdes remisstiden till 29 mars 2027", "</p>")
    assert "skickades inte" not in second, second


def test_an_answer_after_the_sammanstallning_is_said_out_of_date_once(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _compile(auth, rid)
    url = f"/remisser/{rid}/utskick/instanser/{entries['Ungdomsrådet']}"
    page = _text(auth.post(url, {"action": "answer", "answered_on": "2026-12-05", "summary": "Bra."}, form_url=url,
                           follow_redirects=True))
    assert "Svaret från Ungdomsrådet är registrerat." in page
    said = "Observera:</span> Sammanställningen är äldre än svaret från Ungdomsrådet – sammanställ igen."
    assert page.count(said) == 1, page  # old code: twice, in a flash and in the panel


def test_the_utkorg_says_a_notice_the_answer_made_unneeded_is_not_needed(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))
    _extend_to(auth, remiss_id, "2027-03-15")  # a notice to each, in the Utkorg
    assert auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}",
                     {"action": "answer", "answered_on": "2026-12-05", "summary": "Bra"}).status_code == 302
    assert auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Malmö stad']}",
                     {"action": "decline", "note": ""}).status_code == 302
    admin = Auth(app.test_client())
    admin.login("admin@kommun.example")
    rows = {}
    for email in ("registrator@lund.example", "registrator@malmo.example"):
        page = _text(admin.client.get(f"/admin/utkorg?email={email}&status=superseded"))
        rows[email] = _section(page, 'data-label="Status">', "</td>")
    # old code: "Ersatt av senare" for both, though nothing later replaced them
    assert rows["registrator@lund.example"].startswith('data-label="Status">Behövs inte – har svarat<br>'), rows
    assert rows["registrator@malmo.example"].startswith('data-label="Status">Behövs inte – avstår<br>'), rows
    assert "Ersatt av senare" not in str(rows)
