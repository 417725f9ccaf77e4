"""walk10 findings 2, 7 and 11 on an outgoing remiss: no answer before the utskick and no missiv to an instans
that has answered or avstått; "Namn <e-post>" lines on a new remiss; the two letter links named apart."""
from __future__ import annotations

from datetime import date, datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm


def _world(session, clock, auth):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 15),
                         deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", ""),
                                    SandlistaItem("Miljönämnden", "miljo@example.se", ""),
                                    SandlistaItem("Kulturnämnden", "kultur@example.se", "")])
    session.commit()
    auth.login(user.email)
    ids, remiss_id = [e.id for e in remisser.entries(session, remiss.id)], remiss.id
    session.rollback()  # end the test's read, so the requests can write (SQLite has one writer)
    return remiss_id, ids


def test_an_answer_before_the_utskick_is_refused_on_the_page_and_in_the_api(session, client, auth, clock):
    remiss_id, (trafik, _, _) = _world(session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{trafik}"
    assert "Remissen är inte skickad än till Trafiknämnden" in unescape(client.get(url).get_data(as_text=True))
    page = auth.post(url, {"action": "answer", "answered_on": "2026-12-03", "summary": "Vi tillstyrker."})
    said = unescape(page.get_data(as_text=True))
    assert page.status_code == 400
    assert ("Remissen är inte skickad än, så Trafiknämnden kan inte ha svarat på den. Skicka remissen först och "
            "registrera sedan svaret.") in said
    assert "Vi tillstyrker." in said  # what was typed is kept
    api = client.post(f"/api/v1/remisser/{remiss_id}/sandlista/{trafik}/answer",
                      json={"answered_on": "2026-12-03", "summary": "Vi tillstyrker."},
                      headers={"X-CSRFToken": csrf_token(client, f"/remisser/{remiss_id}")})
    assert api.status_code == 400 and api.get_json()["field"] == "answer_status"
    assert api.get_json()["errors"]["answer_status"].startswith("Remissen är inte skickad än")
    session.expire_all()
    assert remisser.entries(session, remiss_id)[0].answer_status == "ej_svarat"


def test_sending_skips_an_instans_that_has_answered_or_avstatt(session, client, auth, clock):
    remiss_id, (trafik, miljo, kultur) = _world(session, clock, auth)
    entry = remisser.entries(session, remiss_id)[0]  # answered before the rule above existed
    entry.answer_status, entry.answered_on = "svarat", date(2026, 12, 3)
    session.add(entry)
    session.commit()
    session.rollback()
    page = f"/remisser/{remiss_id}"
    declined = auth.post(f"{page}/utskick/instanser/{miljo}", {"action": "decline", "note": "Avstår.",
                                                                      "confirm_decline": "1"})  # asked (walk22 L6)
    assert declined.status_code == 302  # an instans may say beforehand that it will not answer
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "kultur@example.se" in shown and "trafik@example.se." not in shown  # the question before sending
    sent = auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True)
    said = unescape(sent.get_data(as_text=True))
    assert "Trafiknämnden, Miljönämnden har redan svarat eller avstått och får inte missivet." in said
    session.expire_all()
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                     OutboxMessage.kind == "outgoing_missiv")).all()
    assert [m.recipient_email for m in mails] == ["kultur@example.se"]
    entries = {e.id: e for e in remisser.entries(session, remiss_id)}
    assert entries[trafik].sent_at is None and entries[miljo].sent_at is None
    assert entries[kultur].sent_at is not None
    assert session.get(Remiss, remiss_id).status == "skickad"


def test_a_new_instans_written_as_outlook_copies_it_gets_its_address(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    form = {"title": "Trafikplan för Öster", "namnd_id": str(namnd.id), "deadline_on": "2027-01-15",
            "new_instanser": "Trafiknämnden <trafik@example.se>\n\"Miljö, Malmö\" <miljo@example.se>; "
                             "Kultur <kultur@example.se>\nPensionärsrådet"}
    done = auth.post("/remisser/ny-utgaende", form)
    assert done.status_code == 302, unescape(done.get_data(as_text=True))
    session.expire_all()
    remiss = session.exec(select(Remiss).where(Remiss.title == form["title"])).one()
    assert [(e.name, e.email) for e in remisser.entries(session, remiss.id)] == [
        ("Trafiknämnden", "trafik@example.se"), ("Miljö, Malmö", "miljo@example.se"),
        ("Kultur", "kultur@example.se"), ("Pensionärsrådet", "")]


def test_a_new_instans_line_that_cannot_be_read_is_refused_naming_the_formats(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    form = {"title": "Trafikplan för Väster", "namnd_id": str(namnd.id), "deadline_on": "2027-01-15",
            "new_instanser": "Pensionärsrådet\nTrafiknämnden trafik@example.se"}
    refused = auth.post("/remisser/ny-utgaende", form)
    said = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Rad 2 (”Trafiknämnden trafik@example.se”) kunde inte läsas. Skriv en instans per rad: ”Namn”, "
            "”Namn; e-post”, ”Namn, e-post” eller ”Namn <e-post>”.") in said
    assert "Trafiknämnden trafik@example.se</textarea>" in said  # what was typed is kept
    session.expire_all()
    assert session.exec(select(Remiss).where(Remiss.title == form["title"])).first() is None


def test_the_two_letter_links_are_named_for_their_letters(session, client, auth, clock):
    from remiss.remisser.models import Attachment
    from tests.outgoing.test_walk9_letters import _sent as _sent_with_one_by_post

    rid, page, _ = _sent_with_one_by_post(session, client, auth, clock)
    clock.advance(hours=1)
    assert auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-01-29", "confirm_extension": "1"},
                     form_url=page).status_code == 302
    shown = unescape(client.get(page).get_data(as_text=True))
    files = {a.purpose: a.id for a in session.exec(select(Attachment).where(Attachment.remiss_id == rid))}
    assert f'<a href="/filer/{files["brev"]}">Brev med missivet att skriva ut (Word)</a>' in shown
    assert f'<a href="/filer/{files["forlangningsbrev"]}">Brev om förlängd remisstid att skriva ut (Word)</a>' in shown
    assert "Ladda ned breven att skriva ut" not in shown
