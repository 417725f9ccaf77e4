"""walk9 findings 1 and 3: an outgoing remiss with a svarsdag that has passed is refused at registration (walk12b
#11: no "registrera ändå") and at "Skicka remissen"; an answer cannot be dated in the future, one dated before the utskick is asked
about, and the public page never shows an impossible date."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.auth.models import Role
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment, Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

API = "/api/v1/remisser"
TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm


def _world(session, deadline=date(2026, 11, 1)):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=deadline, deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", ""),
                                    SandlistaItem("Miljönämnden", "miljo@example.se", "")])
    session.commit()
    return namnd, user, remiss


def test_registering_with_a_passed_svarsdag_asks_first(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    form = {"title": "Förslag till trafikplan för Öster", "namnd_id": str(namnd.id), "deadline_on": "2026-11-01",
            "new_instanser": "Trafiknämnden; trafik@example.se"}
    asked = auth.post("/remisser/ny-utgaende", form)
    page = unescape(asked.get_data(as_text=True))
    assert asked.status_code == 400
    # said at the field and in the summary, with the rest of the form's errors (walk27 Y3)
    assert ("Sista svarsdag: Sista svarsdagen 1 november 2026 har redan passerat. Remissen är inte skickad än, och "
            "remissinstansen behöver tid att svara: ange ett datum efter i dag.") in page
    assert "Förslag till trafikplan för Öster" in page  # what was typed is kept
    assert session.exec(select(Remiss).where(Remiss.title == form["title"])).first() is None
    session.rollback()  # end the test's read, so the requests below can write (SQLite has one writer)
    today = auth.post("/remisser/ny-utgaende", dict(form, deadline_on="2026-12-04"))
    assert today.status_code == 400 and "Sista svarsdagen 4 december 2026 är i dag." in unescape(
        today.get_data(as_text=True))
    done = auth.post("/remisser/ny-utgaende", dict(form, deadline_on="2027-01-29"))
    assert done.status_code == 302
    session.expire_all()
    assert session.exec(select(Remiss).where(Remiss.title == form["title"])).first() is not None


def test_a_passed_svarsdag_is_not_offered_registrera_anda(session, client, auth, clock):
    """Walk12b #11: "Datumet stämmer – registrera ändå" made an utgående remiss that could never be sent nor get
    answers registered; the svarsdag must be moved after today, also when the old button's field is posted."""
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    form = {"title": "Förfluten", "namnd_id": str(namnd.id), "deadline_on": "2026-11-20",
            "new_instanser": "Kommunal; kansli@kommunal.se"}
    page = unescape(auth.post("/remisser/ny-utgaende", form).get_data(as_text=True))
    assert "registrera ändå" not in page and "skickats på annat sätt" not in page
    session.rollback()
    stale = auth.post("/remisser/ny-utgaende", dict(form, confirm_past_deadline="1"))
    assert stale.status_code == 400
    assert "Sista svarsdagen 20 november 2026 har redan passerat" in unescape(stale.get_data(as_text=True))
    session.expire_all()
    assert session.exec(select(Remiss).where(Remiss.title == "Förfluten")).first() is None


def test_sending_with_a_passed_svarsdag_is_refused_and_a_new_svarsdag_makes_a_new_missiv(session, client, auth,
                                                                                          clock, app):
    clock.set(TODAY)
    namnd, user, remiss = _world(session)
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "Sista svarsdagen 1 november 2026 har redan passerat" in shown
    assert 'action="/remisser/%d/utskick/skicka"' % remiss.id not in shown  # no button to press
    refused = auth.post(f"{page}/utskick/skicka", {}, form_url=page, follow_redirects=True)
    said = unescape(refused.get_data(as_text=True))
    assert "Remissen skickades inte: Sista svarsdagen 1 november 2026 har redan passerat" in said
    assert "Ändra sista svarsdagen under ”Ändra uppgifter” till ett datum efter i dag" in said
    session.expire_all()
    assert session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id)).all() == []
    assert session.get(Remiss, remiss.id).sent_at is None
    session.rollback()

    clock.advance(minutes=5)  # the sekreterare corrects the date; the missiv made earlier says 1 november
    fresh = session.get(Remiss, remiss.id)
    remisser.update(session, now=clock.now, principal=_principal(session, user), remiss=fresh,
                    changes={"deadline_on": date(2027, 1, 29)})
    session.commit()
    session.rollback()
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "ett nytt missiv skapas när remissen skickas" in shown
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    session.expire_all()
    sent = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                    OutboxMessage.kind == "outgoing_missiv")).all()
    assert len(sent) == 2 and all("29 januari 2027" in m.payload for m in sent)
    missiv = session.exec(select(Attachment).where(Attachment.remiss_id == remiss.id, Attachment.purpose == "missiv")
                          .order_by(Attachment.id.desc())).first()
    from remiss import files
    text = "\n".join(p.text for p in Document(io.BytesIO(
        files.path_of(app.config["FILES_DIR"], missiv.storage_key).read_bytes())).paragraphs)
    assert "29 januari 2027" in text and "1 november 2026" not in text
    assert all(missiv.storage_key in m.payload for m in sent)  # the new missiv is the one attached


def _principal(session, user):
    from remiss.auth.access import Principal
    return Principal.of(session, user)


def _sent(session, client, auth, clock):
    """The walk9 remiss, sent on 4 December 2026 with svarsdag 29 January 2027; the entries' ids."""
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    ids = [e.id for e in remisser.entries(session, remiss.id)]
    session.rollback()
    return remiss, page, ids


def test_an_answer_dated_in_the_future_is_refused_and_one_before_the_utskick_is_asked_about(session, client, auth,
                                                                                            clock):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    future = auth.post(url, {"action": "answer", "answered_on": "2027-06-01", "summary": "Positiva."})
    said = unescape(future.get_data(as_text=True))
    assert future.status_code == 400
    assert "Svaret kan inte ha kommit in i framtiden. Ange dagen då svaret kom in (senast i dag, 4 december 2026)." \
        in said
    assert "Positiva." in said  # kept
    early = auth.post(url, {"action": "answer", "answered_on": "2026-12-03", "summary": "Positiva."})
    said = unescape(early.get_data(as_text=True))
    assert early.status_code == 400
    assert "Svaret är daterat 3 december 2026, före utskicket 4 december 2026. Kontrollera datumet." in said
    assert 'name="confirm_date"' in said
    entry = remisser.entries(session, remiss.id)[0]
    assert entry.answer_status == "ej_svarat" and entry.answered_on is None
    session.rollback()
    confirmed = auth.post(url, {"action": "answer", "answered_on": "2026-12-03", "summary": "Positiva.",
                                "confirm_date": "1"}, follow_redirects=True)
    assert "före utskicket 4 december 2026, som du bekräftade" in unescape(confirmed.get_data(as_text=True))
    session.expire_all()
    assert remisser.entries(session, remiss.id)[0].answered_on == date(2026, 12, 3)
    session.rollback()
    token = _token(client, page)
    api = client.post(f"{API}/{page.rsplit('/', 1)[1]}/sandlista/{miljo}/answer",
                      json={"answered_on": "2027-06-01", "summary": "x"},
                      headers={"X-CSRFToken": token})
    assert api.status_code == 400 and "i framtiden" in api.get_json()["errors"]["answered_on"]


def _token(client, url):
    from tests.conftest import csrf_token
    return csrf_token(client, url)


def test_the_public_page_leaves_out_an_impossible_answer_date(session, client, auth, clock):
    from remiss.outgoing import present

    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)
    for entry in remisser.entries(session, remiss.id):  # dated before the checks existed: in the future, and early
        entry.answer_status, entry.answered_on = "svarat", (date(2027, 6, 1) if entry.id == trafik
                                                             else date(2026, 12, 3))
        session.add(entry)
    session.commit()
    ids = []
    data = b"%PDF-1.4\n%svar\n"
    for entry in remisser.entries(session, remiss.id):
        from remiss.auth.access import Principal
        from remiss.remisser import attachments
        ids.append(attachments.add(session, now=clock.now, principal=Principal.system(), remiss=remiss,
                                   filename=f"svar {entry.name}.pdf", data=data,
                                   files_dir=client.application.config["FILES_DIR"], max_bytes=10 ** 6,
                                   purpose="svar", sandlista_entry_id=entry.id).id)
    session.commit()
    assert auth.post(f"{page}/utskick/publicera", {"attachment_ids": ids}, form_url=page).status_code == 302
    shown = unescape(client.get(f"/remissvar/{remiss.id}").get_data(as_text=True))
    assert "inkom 1 juni 2027" not in shown and "inkom 3 december 2026" not in shown
    assert shown.count("Remissvar</td>") == 2  # each still says it answered, and its file is there
    context = present.public_page(session, remiss.id, today=date(2026, 12, 4))
    assert [e["said"] for e in context["entries"]] == ["Remissvar", "Remissvar"]


def test_a_text_file_named_pdf_is_refused_as_an_answer_and_as_a_remisshandling(session, client, auth, clock):
    remiss, page, (trafik, _) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    fake = auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Positiva.",
                           "files": (io.BytesIO("Det här är bara text.\n".encode()), "fake.pdf")},
                     content_type="multipart/form-data")
    said = unescape(fake.get_data(as_text=True))
    assert fake.status_code == 400
    assert ("PDF-filen kunde inte läsas: fake.pdf är ingen PDF-fil, fast namnet slutar på .pdf (filen har kanske "
            "bytt namn).") in said
    assert "Positiva." in said
    handling = auth.post(f"{page}/filer", {"files": (io.BytesIO(b"hej"), "Bilaga.docx")}, form_url=page,
                         content_type="multipart/form-data", follow_redirects=True)
    assert "Bilaga.docx är ingen Word-fil" in unescape(handling.get_data(as_text=True))
    assert session.exec(select(Attachment).where(Attachment.remiss_id == remiss.id,
                                                 Attachment.filename.in_(["fake.pdf", "Bilaga.docx"]))).all() == []
