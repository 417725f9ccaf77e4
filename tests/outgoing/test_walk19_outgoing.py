"""walk19, the utgående side: "Inga synpunkter" together with synpunkter is refused (G2); a changed frågeställning
makes the saved sammanställning out of date on the page, in the API and on the start page (G7); "Avsluta ärendet"
asks first while the svarstid runs and instanser have not answered, and the API closes and says so (G13)."""
from __future__ import annotations

import re
from datetime import date, datetime, time
from html import unescape

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import sending
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user

SENT = datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)
TODAY = datetime(2026, 12, 5, 10, 0, tzinfo=STOCKHOLM)
A, B = "Hur bra är förslaget?", "Vilka lekytor saknas i ert område?"
NAMES = ("Pensionärsrådet", "Ungdomsrådet", "Funktionshinderrådet")


def _sent(session, app, auth, clock, swept: bool = True):
    """An utgående remiss with svarstid to 26 februari 2027 kl. 12.00, sent to three råd (swept: its missiv e-mailed
    by a sweep, else left in the Utkorg); a registrator logged in. (remiss id, {name: entry id}, {question: id})"""
    clock.set(SENT)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=SENT, title="Lekplatsprogram",
                         deadline_on=date(2027, 2, 26), deadline_time=time(12, 0), questions=[A, B],
                         sandlista=[SandlistaItem(n, f"{n[:4].lower()}@malmo.example", "") for n in NAMES])
    with app.app_context():
        sending.send(session, now=SENT, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    rid = remiss.id
    entries = {e.name: e.id for e in remisser.entries(session, rid)}
    questions = {q.text: q.id for q in remisser.questions_of(session, rid)}
    session.commit()
    session.close()
    # the missiv goes out (to MAIL_DIR): one still in the Utkorg is said by Avsluta's question (walk28 Z4)
    if swept:
        out = app.test_cli_runner().invoke(args=["reminders", "run", "--now", SENT.strftime("%Y-%m-%dT%H:%M")]).output
        assert "skickade: 3," in out, out
    clock.set(TODAY)
    auth.login(user.email)
    return rid, entries, questions


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def _answer(auth, rid, entry_id, **fields):
    url = f"/remisser/{rid}/utskick/instanser/{entry_id}"
    return auth.post(url, {"action": "answer", "answered_on": "2026-12-05", **fields}, form_url=url)


def compiled(session, app, auth, client, clock):
    """The remiss of _sent with Pensionärsrådet's answer (a summary and an answer to B) compiled, the sammanställning
    up to date: (remiss id, diarienummer). Shared with tests/outgoing/test_compilation_dated*.py."""
    rid, entries, qid = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.",
                   **{f"q_{qid[B]}": "Vid Lindängen."}).status_code == 302
    _compile(auth, rid)
    assert client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]["out_of_date"] is False
    dnr = session.get(Remiss, rid).our_dnr
    session.close()
    return rid, dnr


def _compile(auth, rid):
    # the dialog confirmed (instanser that have not answered: the question, tests/outgoing/test_compile_asks.py)
    assert auth.post(f"/remisser/{rid}/utskick/sammanstall", {"confirm_compile": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302


def _todo(client) -> str:
    page = unescape(client.get("/").get_data(as_text=True))
    section = page[page.index('id="h-att-registrera"'):]
    return " ".join(section[:section.index("</section>")].split())


def test_inga_synpunkter_with_answers_is_refused_on_the_page_and_in_the_api(session, app, auth, client, clock):
    rid, entries, qid = _sent(session, app, auth, clock)
    entry = entries["Pensionärsrådet"]
    refused = _answer(auth, rid, entry, no_comments="1", summary="Pensionärsrådet välkomnar programmet.",
                      **{f"q_{qid[A]}": "Positivt: fler bänkar behövs.", f"q_{qid[B]}": "Lekytor saknas vid Lindängen."})
    page = _text(refused)
    # Old code: "Klart: Svaret från Pensionärsrådet är registrerat.", and the sammanställning said "Inga
    # synpunkter: Pensionärsrådet." right above Pensionärsrådet's synpunkter.
    assert refused.status_code == 400
    assert ("Inga synpunkter: ”Inga synpunkter” och svar på frågorna säger emot varandra. Har instansen synpunkter, "
            "ta bort krysset i ”Inga synpunkter”; annars ta bort texten.") in page
    # nothing typed is lost: the tick, the summary and both answers are in the form again
    assert re.search(r'id="f-no_comments" name="no_comments" value="1" checked', page)
    assert "Pensionärsrådet välkomnar programmet." in page and "Positivt: fler bänkar behövs." in page
    assert "Lekytor saknas vid Lindängen." in page
    assert remisser.entries(session, rid)[0].answer_status == "ej_svarat"
    session.close()

    token = csrf_token(client, f"/remisser/{rid}")
    api = client.post(f"/api/v1/remisser/{rid}/sandlista/{entry}/answer", headers={"X-CSRFToken": token},
                      json={"no_comments": True, "other_comments": "Bra förslag.", "answers": {str(qid[A]): "Ja."}})
    assert api.status_code == 400
    assert api.json["errors"]["no_comments"].startswith(
        "”Inga synpunkter” och svar på frågorna och övriga synpunkter säger emot varandra.")

    # "Inga synpunkter" with a short summary (the mail that said so) is one answer
    assert _answer(auth, rid, entry, no_comments="1", summary="Vi har inga synpunkter.").status_code == 302
    detail = client.get(f"/api/v1/remisser/{rid}").json["sandlista_status"]["entries"]
    assert [(e["name"], e["answer_status"], e["no_comments"]) for e in detail][0] == (
        "Pensionärsrådet", "svarat", True)


def test_a_changed_question_makes_the_sammanstallning_out_of_date_everywhere(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    url = f"/remisser/{rid}/andra"
    done = auth.post(url, {"questions": f"{A}\nVilka lekytor saknas i ert stadsområde?"}, form_url=url)
    assert done.status_code == 302, _text(done)

    page = _text(client.get(f"/remisser/{rid}"))
    # Old code: "Svaren är sammanställda: publicera remissvaren … och avsluta ärendet.", out_of_date false, and the
    # start page offered "Avsluta ärendet" for a sammanställning quoting the old question.
    said = "Frågeställningarna har ändrats efter sammanställningen – sammanställ igen."
    # … and the svarstid still runs for two: compile again, then wait for them (walk29b B5: "Publicera sedan …")
    assert said in page and (f"{said} Vänta sedan på svar från Ungdomsrådet och Funktionshinderrådet (svarstiden går "
                             "ut 26 februari 2027 kl. 12.00): kommer ett svar in, sammanställ svaren igen") in page
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["questions_changed"], part["changed_since"], part["message"]) == (
        True, True, [], said)
    todo = _todo(client)
    assert f"Sammanställ svaren igen: {dnr}" in todo and "frågeställningarna har ändrats efter sammanställningen" in todo
    assert "Avsluta ärendet" not in todo

    _compile(auth, rid)  # compiled again with the new wording: up to date
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["questions_changed"], part["message"]) == (False, False, "")
    # up to date, but the svarstid runs and two have not answered: wait for them, not "Avsluta ärendet" (walk26 W5)
    assert f"Vänta på svar från Ungdomsrådet och Funktionshinderrådet: {dnr}" in _todo(client)


def test_closing_while_the_svarstid_runs_asks_and_the_api_says_so(session, app, auth, client, clock):
    rid, entries, qid = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _compile(auth, rid)
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>', page, re.S).group(0)
    # Old code: no question at all; the case closed at once and the two råd's answers could not be registered.
    assert ('data-confirm="Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 remissinstanser '
            'har inte svarat. Avslutas ärendet nu kan svaren inte registreras. Avsluta ärendet ändå?"') in form
    # walk20 H11: the confirmation is added by the dialog when the user says yes, never sent by the page itself
    # (old code: a hidden early_ok=1, so without JavaScript the case closed with no question)
    assert 'data-confirmed="early_ok"' in form and 'name="early_ok"' not in form
    # a post without the confirmation (the button without JavaScript) closes nothing and asks on the page
    refused = auth.post(f"/remisser/{rid}/utskick/avsluta", {}, form_url=f"/remisser/{rid}", follow_redirects=True)
    asked = unescape(refused.get_data(as_text=True))
    assert ("Ärendet avslutades inte: Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 "
            "remissinstanser har inte svarat. Avslutas ärendet nu kan svaren inte registreras. Kryssa i ”Avsluta "
            "ärendet ändå” vid knappen om ärendet ska avslutas ändå.") in _text(refused)
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>', asked, re.S).group(0)
    assert "data-confirm" not in form  # the question is on the page now, with its box
    assert ("Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 remissinstanser har inte "
            "svarat. Avslutas ärendet nu kan svaren inte registreras. Avsluta ärendet ändå?</p>") in form
    assert re.search(r'<input type="checkbox" id="f-confirm_close" name="confirm_close" value="1"[^>]*> '
                     r'Avsluta ärendet ändå</label>', form)
    assert session.get(Remiss, rid).status == "sammanstalld"
    session.close()
    # the box left unticked: asked again, nothing closed
    auth.post(f"/remisser/{rid}/utskick/avsluta", {}, form_url=f"/remisser/{rid}?avsluta=fraga")
    assert session.get(Remiss, rid).status == "sammanstalld"
    session.close()
    # ticked: closed, and then opened again (by hand) for the rest of the test
    done = auth.post(f"/remisser/{rid}/utskick/avsluta", {"confirm_close": "1"},
                     form_url=f"/remisser/{rid}?avsluta=fraga", follow_redirects=True)
    assert "Ärendet är avslutat." in _text(done) and session.get(Remiss, rid).status == "avslutad"
    session.close()
    reopen = auth.post(f"/remisser/{rid}/status", {"status": "sammanstalld"}, form_url=f"/remisser/{rid}")
    assert reopen.status_code == 302 and session.get(Remiss, rid).status == "sammanstalld"
    session.close()

    url = f"/remisser/{rid}/utskick/instanser/{entries['Ungdomsrådet']}"
    assert auth.post(url, {"action": "decline"}, form_url=url).status_code == 302
    _compile(auth, rid)
    token = csrf_token(client, f"/remisser/{rid}")
    # the API closed without a question before; it still does (changed only by adding) and says what it cut off
    api = client.patch(f"/api/v1/remisser/{rid}", json={"status": "avslutad"}, headers={"X-CSRFToken": token})
    assert api.status_code == 200 and api.json["status"] == "avslutad", api.json
    assert [(w["code"], w["message"]) for w in api.json["warnings"] if w["code"] == "avslutad_fore_svaren"] == [(
        "avslutad_fore_svaren",
        "Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 1 remissinstans har inte svarat. "
        "Avslutas ärendet nu kan svaret inte registreras. Ärendet kan öppnas igen genom att status ändras till "
        "Sammanställd.")]
    reopened = client.patch(f"/api/v1/remisser/{rid}", json={"status": "sammanstalld"},
                            headers={"X-CSRFToken": token})
    assert reopened.status_code == 200 and reopened.json["status"] == "sammanstalld", reopened.json
    # with "confirm_close": true the client has said it knows: closed, and nothing to warn about
    closed = client.patch(f"/api/v1/remisser/{rid}", json={"status": "avslutad", "confirm_close": True},
                          headers={"X-CSRFToken": token})
    assert closed.status_code == 200 and closed.json["status"] == "avslutad"
    assert "avslutad_fore_svaren" not in [w["code"] for w in closed.json.get("warnings", [])]


def test_closing_after_the_svarstid_asks_nothing(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))
    _compile(auth, rid)
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>',
                     unescape(client.get(f"/remisser/{rid}").get_data(as_text=True)), re.S).group(0)
    assert "data-confirm" not in form
    auth.post(f"/remisser/{rid}/utskick/avsluta", {}, form_url=f"/remisser/{rid}")
    assert session.get(Remiss, rid).status == "avslutad"


def test_status_by_hand_to_avslutad_asks_at_a_checkbox(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    _compile(auth, rid)
    url = f"/remisser/{rid}/status"
    asked = auth.post(url, {"status": "avslutad"}, form_url=f"/remisser/{rid}")
    page = _text(asked)
    assert asked.status_code == 400
    assert ("Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 3 remissinstanser har inte "
            "svarat. Avslutas ärendet nu kan svaren inte registreras. Kryssa i ”Avsluta ärendet ändå” och ändra "
            "status igen om ärendet ska avslutas ändå.") in page
    assert re.search(r'<input type="checkbox" id="status-confirm" name="confirm" value="1"[^>]*> *'
                     r'<label for="status-confirm">Avsluta ärendet ändå</label>', page)
    assert session.get(Remiss, rid).status == "sammanstalld"
    session.close()
    auth.post(url, {"status": "avslutad", "confirm": "1"}, form_url=f"/remisser/{rid}")
    assert session.get(Remiss, rid).status == "avslutad"


def test_the_api_says_whose_sista_svarsdag_an_utgaende_remiss_has(session, app, auth, client, clock):
    """walk20 H7: the milestone spoke of the remittent's sista svarsdag, done when "yttrandet expedieras"."""
    rid, _, _ = _sent(session, app, auth, clock)
    milestone = client.get(f"/api/v1/remisser/{rid}").json["milestones"][0]
    # Old code: "Remittentens sista svarsdag: …" and "Sista svarsdag blir klar när yttrandet expedieras, …"
    assert (milestone["kind"], milestone["explanation"], milestone["not_by_hand"], milestone["status"]) == (
        "sista_svarsdag", "Remissinstansernas svarstid går ut fredag 26 februari 2027 kl. 12.00.",
        "Sista svarsdag blir klar när svaren sammanställs, inte för hand.", "open")
    _compile(auth, rid)  # what closes it, as not_by_hand says
    milestone = client.get(f"/api/v1/remisser/{rid}").json["milestones"][0]
    assert milestone["status"] == "done" and milestone["explanation"].startswith("Remissinstansernas svarstid")


def test_the_open_instanser_are_those_to_send_to_and_those_waited_for(session, app, auth, client, clock):
    """One rule for "answered or avstått" (lifecycle.ANSWERED): the panel's instanser still to be sent the remiss
    (lifecycle.unsent) and those waited for (lifecycle.unanswered) are the open instanser, split by the utskick."""
    from remiss.outgoing.service import lifecycle

    rid, entries, _ = _sent(session, app, auth, clock, swept=False)
    url = f"/remisser/{rid}/andra"
    assert auth.post(url, {"sandlista": "\n".join(NAMES + ("Kulturnämnden", "Miljönämnden"))},
                     form_url=url).status_code == 302
    added = {e.name: e.id for e in remisser.entries(session, rid)}
    session.close()
    for name, action in (("Miljönämnden", "decline"), ("Pensionärsrådet", "decline")):  # one before its utskick
        entry_url = f"/remisser/{rid}/utskick/instanser/{added[name]}"
        # the yes to "Registrera redan nu att … avstår?" (walk22 L6: asked before its utskick)
        assert auth.post(entry_url, {"action": action, "confirm_decline": "1"}, form_url=entry_url).status_code == 302
    page = " ".join(re.sub(r"<[^>]+>", " ", _text(client.get(f"/remisser/{rid}"))).split())
    # the missiv of the first utskick still waits in the Utkorg (no sweep here): said first (walk21 J3)
    assert ("Nästa steg: Missivet till pens@malmo.example, ungd@malmo.example och funk@malmo.example väntar i utkorgen "
            "sedan 1 december 2026 kl. 09.00: det är inte skickat ännu. Skicka remissen till Kulturnämnden, som inte har fått den än. "
            "Vänta sedan på svaren.") in page
    assert "Inte skickad än till: Kulturnämnden." in page
    # counted as the page counts them (walk21 J7): Kulturnämnden has not been sent it
    assert ('data-confirm="Svarstiden löper till 26 februari 2027 kl. 12.00 (83 dagar kvar), och 2 remissinstanser har '
            'inte svarat och 1 har inte fått remissen.' in unescape(client.get(f"/remisser/{rid}").get_data(as_text=True)))
    rows = remisser.entries(session, rid)
    assert [e.name for e in lifecycle.unsent(rows)] == ["Kulturnämnden"]  # not Miljönämnden, which avstår
    assert [e.name for e in lifecycle.unanswered(rows)] == ["Ungdomsrådet", "Funktionshinderrådet"]
