"""h-queue24: the missiv that still waits in the Utkorg follows the remiss.

1. A remisshandling added, or Förläng remisstid, while the missiv waits in the Utkorg: the queued mail is made anew,
   so it carries the new file and svarsdag, and no notice of a change goes to an instans that has received nothing
   (old code: the mail went out with the old files and date, followed by "Förlängd remisstid" about a missiv it
   had never had). Once the missiv was e-mailed, the notice is sent as before.
2. When the nämnd's missiv template cannot make the missiv at that moment: no 500, the change is saved, the queued
   missiv is held back (never sent out of date) and the page, the Utkorg, the history and the API say why in
   Swedish and what to do; "Skicka igen" in the Utkorg never sends it as it was; "Skapa missivet på nytt" after
   the template is put right sends it.
3. An instans whose missiv could not be e-mailed is not "inte svarat" in the sammanställning, the panel, the start
   page or the API: it is counted apart as "missivet kunde inte e-postas".
"""
from __future__ import annotations

import io
import json
from html import unescape
from datetime import date, timedelta
from typing import NamedTuple

from docx import Document
from sqlmodel import select

from remiss.auth.models import Role
from remiss.outgoing.service.remisstid import EXTENSION_KIND
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.drafting.test_templates import build_docx, upload
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_h_out23_missiv_failed import refusing_smtp
from tests.outgoing.test_h_out23_queued_missiv import _csrf, _docx_text, _json, _missiv_of, _text
from tests.outgoing.test_walk9_dates import TODAY, _sent, _world
from tests.support.factories import make_user

HANDLING = "Bullerutredning 2026.docx"


def _rid(page: str) -> int:
    return int(page.rsplit("/", 1)[1])


def _add_handling(auth, page: str):
    data = build_docx("Bullerutredning för Öster", "Mätpunkter och resultat.")
    return auth.post(f"{page}/filer", {"files": (io.BytesIO(data), HANDLING)}, form_url=page,
                     content_type="multipart/form-data", follow_redirects=True)


class Row(NamedTuple):
    id: int
    status: str
    last_error: str
    payload: str


def _rows(session, rid: int, kind: str = "outgoing_missiv") -> list[Row]:
    """The outbox rows as plain values, the read ended (SQLite has one writer: the sweep must be able to write)."""
    session.expire_all()
    found = [Row(r.id, r.status, r.last_error, r.payload) for r in session.exec(
        select(OutboxMessage).where(OutboxMessage.remiss_id == rid, OutboxMessage.kind == kind)
        .order_by(OutboxMessage.id)).all()]
    session.rollback()
    return found


def _files(message) -> list[str]:
    return [part.get_filename() for part in message.iter_attachments()]


def _api(client, rid: int) -> dict:
    return _json(client.get(f"/api/v1/remisser/{rid}"))


def test_a_remisshandling_added_while_the_missiv_waits_goes_out_with_it(session, client, auth, clock, runner, smtp):
    remiss, page, _ = _sent(session, client, auth, clock)  # the missiv waits in the Utkorg
    rid = _rid(page)
    clock.advance(minutes=2)
    said = _text(_add_handling(auth, page))
    assert ("Filen är sparad. Missivet till Trafiknämnden och Miljönämnden låg i utkorgen och var inte skickat: det "
            "är gjort om från remissen som den är nu, så de får de ändrade uppgifterna när det e-postas.") in said
    assert "Missivet i utkorgen gjordes om" in said  # the history
    assert [w["code"] for w in _api(client, rid)["warnings"]] == []
    # the Utkorg's rows carry the new file (old code: the missiv and no handling)
    assert all(HANDLING in [a["filename"] for a in json.loads(r.payload)["attachments"]] for r in _rows(session, rid))

    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)  # through a real SMTP server
    assert sorted(r for rcpts, _ in mailed for r in rcpts) == ["miljo@example.se", "trafik@example.se"]
    for _, message in mailed:
        assert HANDLING in _files(message), _files(message)
        assert HANDLING in message.get_body(("plain",)).get_content()  # "Bifogat finns missivet och …"
        assert "Bullerutredning 2026" in _docx_text(_missiv_of(message))  # the missiv lists its handlingar
    session.rollback()

    # once e-mailed, a further file does not touch what was sent: the existing behaviour stays
    clock.advance(minutes=5)
    later = _text(auth.post(f"{page}/filer", {"files": (io.BytesIO(build_docx("Karta")), "Karta.docx")},
                            form_url=page, content_type="multipart/form-data", follow_redirects=True))
    # the sentence is only the history's line of the first file now, no message of this one
    assert "Filen är sparad." in later and later.count("det är gjort om från remissen som den är nu") == 1
    assert all("Karta.docx" not in r.payload for r in _rows(session, rid))
    assert run_sweep(runner, smtp, clock.now + _minutes(5)) == []


def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def test_forlang_remisstid_while_the_missiv_waits_makes_it_anew_instead_of_a_notice(session, client, auth, clock,
                                                                                    runner, smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    rid = _rid(page)
    clock.advance(minutes=2)
    # the question says it before anything is done (old code: "Meddelandet läggs i utkorgen … till 2 remissinstanser")
    asked = unescape(client.get(page).get_data(as_text=True))  # the question is the button's data-confirm
    assert ("Förlänga remisstiden för alla? Missivet till Trafiknämnden och Miljönämnden ligger kvar i utkorgen: det "
            "görs om med den nya svarsdagen, och inget meddelande skickas om något de inte har fått. Det går inte att "
            "ångra.") in asked
    said = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-02-12", "confirm_extension": "1"},
                           form_url=page, follow_redirects=True))
    assert ("Remisstiden är förlängd till 12 februari 2027. Missivet till Trafiknämnden och Miljönämnden låg i "
            "utkorgen och var inte skickat: det är gjort om med den nya svarsdagen, så de får inget meddelande om "
            "förlängningen utan det nya datumet i missivet när det e-postas.") in said
    assert "Meddelandet läggs i utkorgen" not in said
    # the history and the panel's line of the extension say the same
    assert ("ingen fick meddelandet med e-post; missivet till Trafiknämnden och Miljönämnden låg i utkorgen och var "
            "inte skickat: det är gjort om med den nya svarsdagen i stället för ett meddelande") in said
    assert _rows(session, rid, EXTENSION_KIND) == []  # no notice queued
    detail = _api(client, rid)
    assert detail["deadline_in_force"].startswith("2027-02-12") and detail["warnings"] == []

    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)
    assert sorted(r for rcpts, _ in mailed for r in rcpts) == ["miljo@example.se", "trafik@example.se"]
    assert all(m["X-Remiss-Kind"] == "outgoing_missiv" for _, m in mailed)
    for _, message in mailed:
        assert "12 februari 2027" in message.get_body(("plain",)).get_content()
        text = _docx_text(_missiv_of(message))
        assert "12 februari 2027" in text and "29 januari 2027" not in text, text
    session.rollback()

    # once e-mailed, a further extension is a notice to send, as before
    clock.advance(minutes=5)
    again = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-02-26", "confirm_extension": "1"},
                            form_url=page, follow_redirects=True))
    assert "Meddelandet läggs i utkorgen och e-postas inom några minuter till 2 remissinstanser." in again
    assert "låg i utkorgen" not in again.split("Remisstiden är förlängd till 26 februari 2027.")[1][:300]
    assert len(_rows(session, rid, EXTENSION_KIND)) == 2


# Quotes question 5: the upload check warns (its example has five), the remiss has fewer, so it fails for it.
BROKEN = build_docx("Missiv {{ diarienummer }} {{ datum }} {{ titel }}", "Svara senast {{ sista_svarsdag }} till "
                    "{{ svar_till_epost }}", "{%p for f in fragor %}", "{{ f }}", "{%p endfor %}",
                    "Särskilt: {{ fragor[4].upper() }}")


def _put_broken_template_in_use(session, auth, client, rid: int) -> int:
    nid = session.get(Remiss, rid).namnd_id
    session.rollback()
    assert upload(auth, nid, "missiv", BROKEN, filename="Öster missiv.docx").status_code == 302
    return nid


def test_a_template_that_cannot_make_the_missiv_anew_holds_it_back_and_says_why(session, client, auth, clock, runner,
                                                                               smtp):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
    admin = make_user(session, role=Role.admin)
    rid, page, admin_email, user_email = remiss.id, f"/remisser/{remiss.id}", admin.email, user.email
    session.commit()
    auth.login(user_email)
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    clock.advance(minutes=1)
    nid = _put_broken_template_in_use(session, auth, client, rid)

    clock.advance(minutes=1)
    url = f"{page}/andra"
    edited = auth.post(url, {"questions": "Hur påverkas cyklisterna?\nVad kostar det?"}, form_url=url)
    assert edited.status_code == 302  # old code: 500 (RenderError out of rebuild_queued)
    said = _text(client.get(edited.headers["Location"]))
    assert "Ändringarna är sparade." in said
    assert ("Missivet till Trafiknämnden och Miljönämnden låg i utkorgen men kunde inte göras om från remissen som den "
            "är nu, så det hålls kvar och skickas inte med de gamla uppgifterna. Nämndens mall för missiv, version 1 "
            "(Öster missiv.docx), går inte att använda:") in said
    assert "hänvisar till fråga 5" in said and "Byt mall under Dokumentmallar" in said
    assert "Gör sedan om missivet med ”Skapa missivet på nytt” under Utskick och svar, så skickas det." in said
    # the panel, the row and the history say so; the button to make it anew is there
    # one line for both, not the same paragraph for each (walk25b Z2)
    assert ("Missivet till Trafiknämnden (trafik@example.se) och Miljönämnden (miljo@example.se) hålls kvar, så de "
            "har inte fått remissen: missivet kunde inte göras om efter en ändring av remissen") in said
    assert "Missivet i utkorgen hålls kvar av" in said and "Skapa missivet på nytt" in said
    # the change is saved; nothing typed is lost
    detail = _api(client, rid)
    assert [q["text"] for q in detail["sandlista_status"]["questions"]] == ["Hur påverkas cyklisterna?",
                                                                            "Vad kostar det?"]
    held = [w for w in detail["warnings"] if w["code"] == "missiv_halls_kvar"]
    assert held and held[0]["message"].startswith("Missivet till Trafiknämnden och Miljönämnden hålls kvar: "
                                                  "missivet kunde inte göras om"), detail["warnings"]
    assert {e["missiv_mail"] for e in detail["sandlista_status"]["entries"]} == {"failed"}
    assert all(e["reminders_planned"] == [] for e in detail["sandlista_status"]["entries"])  # not got it: none
    assert all(r.status == "failed" and r.last_error.startswith("Hålls kvar: ") for r in _rows(session, rid))

    # the API's PATCH as the form: saved (200, old code 500), the warning in its body
    patched = client.patch(f"/api/v1/remisser/{rid}", headers={"X-CSRFToken": _csrf(client, page)},
                           json={"questions": ["Hur påverkas cyklisterna?", "Vad kostar det?", "Något mer?"]})
    assert patched.status_code == 200, patched.get_json()
    assert "missiv_halls_kvar" in [w["code"] for w in _json(patched)["warnings"]]

    # a file and an extension with the same template: saved, said, no 500, and no notice
    clock.advance(minutes=1)
    filed = _text(_add_handling(auth, page))
    assert "Filen är sparad." in filed and "kunde inte göras om" in filed
    extended = auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-02-12", "confirm_extension": "1"},
                         form_url=page)
    assert extended.status_code == 302
    shown = _text(client.get(extended.headers["Location"]))
    assert "Remisstiden är förlängd till 12 februari 2027." in shown and "hålls kvar" in shown
    assert _rows(session, rid, EXTENSION_KIND) == []

    # no sweep sends the missiv out of date
    clock.advance(minutes=3)
    assert run_sweep(runner, smtp, clock.now) == []
    session.rollback()

    # the Utkorg says why; Skicka igen there makes it anew first, and while the template fails it stays held
    auth.logout()
    auth.login(admin_email)
    outbox = _text(client.get("/admin/utkorg?status=failed"))
    assert "Hålls kvar: missivet kunde inte göras om efter en ändring av remissen" in outbox
    row_id = _rows(session, rid)[0].id
    assert auth.post(f"/admin/utkorg/{row_id}/skicka-igen", {"confirm_resend": "1"},
                     form_url="/admin/utkorg?status=failed").status_code == 302
    assert next(r for r in _rows(session, rid) if r.id == row_id).status == "failed"
    assert run_sweep(runner, smtp, clock.now + _minutes(1)) == []
    auth.logout()

    # put right: the standard template, then Skapa missivet på nytt: it goes out with everything changed
    auth.login(user_email)
    assert auth.post(f"/namnder/{nid}/mallar/standard", {"kind": "missiv"},
                     form_url=f"/namnder/{nid}/mallar").status_code == 302
    clock.advance(minutes=5)
    made = _text(auth.post(f"{page}/utskick/missiv", {}, form_url=page, follow_redirects=True))
    assert ("Missivet är skapat. Missivet till Trafiknämnden och Miljönämnden låg i utkorgen och var inte skickat: "
            "det är gjort om från remissen som den är nu") in made
    assert "miljo@example.se hålls kvar" not in made  # the panel's line is gone (not the history)
    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)
    assert sorted(r for rcpts, _ in mailed for r in rcpts) == ["miljo@example.se", "trafik@example.se"]
    for _, message in mailed:
        text = _docx_text(_missiv_of(message))
        assert "Något mer?" in text and "12 februari 2027" in text and HANDLING in _files(message)
    session.rollback()
    entries = _api(client, rid)["sandlista_status"]["entries"]
    assert {e["missiv_mail"] for e in entries} == {"sent"}
    assert all(e["reminders_planned"] for e in entries)  # planned again once it went out


def test_an_instans_whose_missiv_failed_is_counted_apart_not_as_not_answered(app, session, client, auth, clock,
                                                                             runner):
    with refusing_smtp(app, "trafik@example.se"):
        clock.set(TODAY)
        namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
        rid = remiss.id
        session.commit()
        auth.login(user.email)
        page = f"/remisser/{rid}"
        assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
        clock.advance(minutes=3)
        result = runner.invoke(args=["reminders", "run", "--now", "2026-12-04T16:43"])
        assert "misslyckade (ger upp): 1" in result.output, result.output
        session.rollback()

        # the panel: of those asked; the failed one apart, not among "Inte svarat än"
        shown = _text(client.get(page))
        assert "0 av 1 har svarat (0 %), 0 avstår." in shown  # old code: "0 av 2"
        assert "Inte svarat än: Miljönämnden." in shown
        assert ("Missivet kunde inte e-postas till Trafiknämnden: den räknas inte bland dem som har fått remissen "
                "förrän missivet har skickats.") in shown
        # the API counts it apart (added fields; "waiting" as it always was)
        counts = _api(client, rid)["sandlista_status"]
        assert (counts["asked"], counts["missiv_failed"], counts["waiting_asked"], counts["waiting"]) == (1, 1, 1, 2)

        # the start page's list says the same (old code: "0 av 2 har svarat; missivet kunde inte e-postas …")
        assert "0 av 1 har svarat; missivet kunde inte e-postas till 1 remissinstans (se utkorgen)" in _text(
            client.get("/"))
        # the question before Sammanställ svaren counts as the page does
        assert ("och 1 remissinstans har inte svarat och till 1 kunde missivet inte e-postas. Sammanställa svaren "
                "ändå?") in unescape(client.get(page).get_data(as_text=True))
        # the sammanställning, a real .docx: not "har inte svarat" for the one never asked
        assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
        data = client.get(f"{page}/utskick/sammanstallning.docx").get_data()
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        assert ("Remissen skickades till 1 remissinstans: ingen har svarat. Till 1 remissinstans kunde missivet inte "
                "e-postas, så den har inte fått remissen och räknas inte här.") in text, text
        assert "Trafiknämnden (missivet kunde inte e-postas, har inte fått remissen)" in text, text
        assert "Remissen skickades till 2 remissinstanser" not in text
