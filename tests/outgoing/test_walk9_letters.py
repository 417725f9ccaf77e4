"""walk9 findings 6, 9 and 12: a general extension offers letters for the instanser with only a postal address and
says who was not told by mail; the remissammanställning made while the svarstid runs says "ännu" and its date,
keeps an avstår comment and counts avstår; the missiv lists no remisshandlingar when there are none."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone
from html import unescape

from docx import Document
from sqlmodel import select

from remiss import files
from remiss.auth.models import Role
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment
from tests.outgoing.conftest import run_sweep
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026


def _text(app, attachment) -> str:
    doc = Document(io.BytesIO(files.path_of(app.config["FILES_DIR"], attachment.storage_key).read_bytes()))
    return "\n".join(p.text for p in doc.paragraphs)


def _sent(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 8), deadline_time=None,
                         title="Förslag till trafikplan för Öster", questions=["Vad tycker ni om cykelbanorna?"],
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", ""),
                                    SandlistaItem("Miljönämnden", "miljo@example.se", ""),
                                    SandlistaItem("Pensionärsrådet", "", ""),
                                    SandlistaItem("Cykelfrämjandet Malmö", "cykel@example.se", "")])
    rad = remisser.entries(session, remiss.id)[2]
    rad.postal_address, rad.own_address = "Box 1\n205 00 Malmö", True
    session.add(rad)
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    ids = [e.id for e in remisser.entries(session, remiss.id)]
    rid = remiss.id
    session.rollback()
    return rid, page, ids


def test_a_general_extension_offers_letters_for_post_and_names_who_was_not_mailed(session, client, auth, clock, app,
                                                                                 runner, smtp):
    rid, page, ids = _sent(session, client, auth, clock)
    clock.advance(minutes=5)  # the missiv e-mailed first: a missiv still in the Utkorg is made anew (h-queue24)
    run_sweep(runner, smtp, clock.now)
    clock.advance(minutes=55)
    today = auth.post(f"{page}/utskick/forlangning", {"until_on": "2026-12-04"}, form_url=page)
    assert today.status_code == 400
    assert "Den nya svarsdagen måste ligga efter i dag (4 december 2026)." in unescape(today.get_data(as_text=True))
    done = auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-01-29", "until_time": "12.00",
                                                     "confirm_extension": "1"},
                     form_url=page, follow_redirects=True)
    said = unescape(done.get_data(as_text=True))
    assert ("Remisstiden är förlängd till 29 januari 2027 kl. 12.00. Meddelandet läggs i utkorgen och e-postas inom "
            "några minuter till 3 remissinstanser. Pensionärsrådet har ingen e-postadress och har inte fått "
            "meddelandet: skriv ut brevet (”Brev om förlängd remisstid att skriva ut”) och skicka det per post.") in said
    # the panel's summary says the same, not that everyone was told
    assert ("meddelandet lades i utkorgen för e-post till 3 remissinstanser som inte hade svarat; brev att skriva "
            "ut och skicka per post till Pensionärsrådet.") in said
    letters = session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                    Attachment.purpose == "forlangningsbrev")).one()
    assert f"/filer/{letters.id}" in said
    text = _text(app, letters)
    assert text.startswith("Pensionärsrådet\nBox 1\n205 00 Malmö")
    assert "Meddelande om förlängd remisstid" in text and "förlängs till 29 januari 2027 kl. 12.00" in text
    assert "Trafiknämnden" not in text  # a letter only for the one without e-mail


def test_the_compilation_made_early_says_ännu_with_its_date_keeps_the_avstår_comment_and_counts_it(
        session, client, auth, clock, app):
    rid, page, (trafik, miljo, rad, cykel) = _sent(session, client, auth, clock)
    answered = auth.post(f"{page}/utskick/instanser/{trafik}", {"action": "answer", "answered_on": "2026-12-04",
                                                                 "summary": "Positiva till planen."},
                         form_url=f"{page}/utskick/instanser/{trafik}")
    assert answered.status_code == 302
    declined = auth.post(f"{page}/utskick/instanser/{miljo}",
                         {"action": "decline", "note": "avstår – inga miljöfrågor berörs"},
                         form_url=f"{page}/utskick/instanser/{miljo}")
    assert declined.status_code == 302
    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                 Attachment.purpose == "sammanstallning")).one()
    text = _text(app, kept)
    assert "Remissinstanser som ännu inte har svarat (per 4 december 2026)" in text
    assert "Pensionärsrådet" in text and "Cykelfrämjandet Malmö" in text
    assert "Miljönämnden – avstår – inga miljöfrågor berörs" in text
    assert ("Remissen skickades till 4 remissinstanser: 1 har svarat (25 procent), 1 avstår och 2 har ännu inte "
            "svarat.") in text


def test_the_compilation_after_the_svarstid_says_who_did_not_answer(session, client, auth, clock, app):
    from remiss.outgoing import compilation
    from remiss.remisser.models import Remiss

    rid, page, _ = _sent(session, client, auth, clock)
    context = compilation.context(session, now=datetime(2027, 1, 20, 9, tzinfo=timezone.utc),
                                  remiss=session.get(Remiss, rid))
    assert context["ej_svarat_rubrik"] == "Remissinstanser som inte har svarat"
    assert context["statistik"]["text"] == "Remissen skickades till 4 remissinstanser: ingen har svarat."


def test_the_missiv_lists_no_remisshandlingar_when_there_are_none_and_the_form_names_the_contact_default(
        session, client, auth, clock, app):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 29),
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", "")])
    session.commit()
    rid = remiss.id
    session.rollback()
    auth.login(user.email)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    missiv = session.exec(select(Attachment).where(Attachment.remiss_id == rid, Attachment.purpose == "missiv")).one()
    lines = _text(app, missiv).splitlines()
    assert "Remisshandlingar" not in lines and "Missiv" not in lines
    assert "Kontaktperson" in lines  # the rest is there
    session.rollback()
    form = unescape(client.get("/remisser/ny-utgaende").get_data(as_text=True))
    assert "Lämnas fältet tomt blir handläggaren kontaktperson, och innan någon är utsedd du själv" in form
