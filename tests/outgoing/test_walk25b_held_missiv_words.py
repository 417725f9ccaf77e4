"""walk25b Z1, Z2, Z8: an utgående remiss whose missiv is held back (the nämnd's missiv template cannot make it anew).

Nobody has got the remiss, so Nästa steg says the missiv is held and what to do – never "Alla har svarat: sammanställ
svaren." – and the panel does not say "0 av 0 har svarat". The held missiv is "hålls kvar" everywhere (panel, rows,
start page, API `missiv_held`), not an e-mail that failed, and its long reason is said once for both instanser.
Made anew by a good template, the flash speaks of the one missiv of the remiss, as the panel and the history do, and
the panel says it waits in the Utkorg since it was made anew, not since the discarded mail. Real .docx templates,
the real local SMTP server."""
from __future__ import annotations

import io
import re

from remiss.calendar.swedish import format_date_time
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_h_out23_queued_missiv import _text
from tests.outgoing.test_h_queue24_queued_missiv import _api, _minutes
from tests.outgoing.test_held_missiv_new_template import GOOD, _held

# the instanser named with their address, one list (session 27, walk26b X8)
REASON = "hålls kvar, så de har inte fått remissen: missivet kunde inte göras om efter en ändring av remissen"
BOTH = "Missivet till Trafiknämnden (trafik@example.se) och Miljönämnden (miljo@example.se) "


def _next_step(page: str) -> str:
    found = re.search(r"Nästa steg: (.*?)(?: Översikt Utskick och svar|$)", page)
    assert found, page[:3000]
    return found.group(1)


def test_z1_nobody_is_said_to_have_answered_while_the_missiv_is_held(session, client, auth, clock, smtp):
    rid, nid, page = _held(session, client, auth, clock)
    shown = _text(client.get(page))

    step = _next_step(shown)
    assert "Alla har svarat" not in shown, step  # old code: "Nästa steg: Alla har svarat: sammanställ svaren."
    assert REASON in step and "Byt mall under Dokumentmallar" in step and "”Skapa missivet på nytt”" in step, step
    # the panel: no "0 av 0 har svarat (0 %)"
    assert "0 av 0 har svarat" not in shown
    assert "Utskick och svar Ingen remissinstans har fått remissen än" in shown
    start = _text(client.get("/"))
    assert "ingen remissinstans har fått remissen än; " in start and "0 av 0" not in start, start[:4000]


def test_z2_a_held_missiv_is_held_not_failed_and_said_once(session, client, auth, clock, smtp):
    rid, nid, page = _held(session, client, auth, clock)
    shown = _text(client.get(page))
    assert BOTH + REASON in _next_step(shown)
    # the panel: "hålls kvar", not "kunde inte e-postas", in one line naming both (session 27: and not again in
    # "Missivet hålls kvar till Trafiknämnden och Miljönämnden: de räknas inte …")
    panel = shown.split("Utskick och svar", 2)[2].split("Antal per status", 1)[0]
    assert BOTH + REASON in panel and panel.count("Miljönämnden") == 1, panel
    assert "kunde inte e-postas" not in shown
    # the long reason once for both, not once per instans (old code: "Missivet till trafik@… hålls kvar: …" and
    # again "Missivet till miljo@… hålls kvar: …" word for word)
    assert "Missivet till Miljönämnden (miljo@example.se) " + REASON.replace(" de ", " den ") not in shown
    assert "hålls kvar (inte skickat)" in shown  # the rows

    # the start page and the API say the same
    start = _text(client.get("/"))
    assert ("ingen remissinstans har fått remissen än; missivet till 2 remissinstanser hålls kvar: mallen för "
            "missiv kan inte göra det (se remissen)") in start, start[:4000]
    assert "kunde inte e-postas" not in start and "0 av 0" not in start
    status = _api(client, rid)["sandlista_status"]
    assert (status["asked"], status["missiv_failed"], status["missiv_held"]) == (0, 2, 2)
    assert {(e["missiv_mail"], e["missiv_held"]) for e in status["entries"]} == {("failed", True)}  # additive
    entry_id = status["entries"][0]["id"]
    entry_page = _text(client.get(f"/remisser/{rid}/utskick/instanser/{entry_id}"))
    assert "Missivet hålls kvar i utkorgen: mallen för missiv kan inte göra det" in entry_page, entry_page[:3000]


def test_z8_a_remade_held_missiv_is_one_missiv_waiting_since_it_was_made(session, client, auth, clock, runner,
                                                                          smtp):
    rid, nid, page = _held(session, client, auth, clock)
    clock.advance(minutes=7)
    uploaded = _text(auth.post(f"/namnder/{nid}/mallar", {"kind": "missiv", "file": (io.BytesIO(GOOD),
                                                                                       "Öster missiv 2.docx")},
                               content_type="multipart/form-data", follow_redirects=True))
    assert "Missivet som hölls kvar har gjorts om och skickas: " in uploaded, uploaded[:3000]
    assert "2 missiv" not in uploaded
    made = _text(client.get(page))
    assert (f"Missivet till trafik@example.se och miljo@example.se väntar i utkorgen sedan "
            f"{format_date_time(clock.now)}") in made, _next_step(made)
    assert "Missivet i utkorgen gjordes om av" in made  # the history
    status = _api(client, rid)["sandlista_status"]
    assert (status["missiv_failed"], status["missiv_held"]) == (0, 0)
    assert {(e["missiv_mail"], e["missiv_held"]) for e in status["entries"]} == {("pending", False)}
    assert len(run_sweep(runner, smtp, clock.now + _minutes(3))) == 2
