"""Register the seed 000 remiss through the pages, assign it, move it, read its history."""
import json
from datetime import date, time
from pathlib import Path

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.models import Role
from remiss.outgoing.models import Organisation
from remiss.remisser.models import Remiss, SandlistaEntry
from tests.support.factories import SEED_000_SANDLISTA, make_namnd, make_user

SEED_000_FORM = {
    "title": "Förslag till ny IoF-plan",
    "direction": "inkommande",
    "kind": "remiss",
    "remittent": "Kommunstyrelsen",
    "sender_dnr": "KS-IOF-2010-00015",
    "received_on": "2010-01-26",
    "letter_date": "2010-01-22",
    "deadline_on": "2010-03-31",
    "deadline_time": "12.00",
    "answer_email": "stadskontoret@malmo.se",
    "copy_emails": "patrik.kronholm@malmo.se",
    "answer_address": "Kommunstyrelsen\nStadskontorets expedition\n205 80 Malmö",
    "contact_person": "Patrik Kronholm",
    "sandlista": "\n".join(SEED_000_SANDLISTA),
    "questions": "",
    "notes": "SDF 30/3-10. Svar till kansliet senast 11/3-10.",
}


def _world(session):
    namnd = make_namnd(session, name="Stadsdelsfullmäktige Limhamn/Bunkeflo", dnr_prefix="LB")
    other = make_namnd(session, name="Sociala resursnämnden", dnr_prefix="SRN")
    registrator = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@malmo.se")
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[namnd], name="G. Jodbäck",
                            email="g.jodback@malmo.se")
    session.commit()
    return namnd, other, registrator, handlaggare


def test_register_seed_000_and_follow_it(client, auth, session, db):
    namnd, _, registrator, handlaggare = _world(session)
    auth.login("sekr@malmo.se")
    response = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "KS-IOF-2010-00015" in page and "31 mars 2010 kl. 12.00" in page

    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        assert remiss.our_dnr == "LB 2026/0001"
        assert (remiss.deadline_on, remiss.deadline_time) == (date(2010, 3, 31), time(12, 0))
        assert (remiss.effective_deadline_on, remiss.effective_deadline_time) == (date(2010, 3, 31), time(12, 0))
        assert remiss.copy_emails == "patrik.kronholm@malmo.se"
        entries = s.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id)
                         .order_by(SandlistaEntry.position)).all()
        assert [e.name for e in entries] == SEED_000_SANDLISTA
        # The register of remissinstanser grew with the typed names.
        assert len(s.exec(select(Organisation)).all()) == 15
        remiss_id = remiss.id

    # Assign, then walk the statuses.
    url = f"/remisser/{remiss_id}"
    assert auth.post(f"{url}/tilldela", {"handlaggare_id": handlaggare.id}, form_url=url).status_code == 302
    for status in ["under_beredning", "klar_for_beslut", "beslutad", "besvarad"]:
        auth.post(f"{url}/status", {"status": status}, form_url=url)
    page = client.get(url).get_data(as_text=True)
    assert "Besvarad" in page and "G. Jodbäck" in page

    with db.transaction() as s:
        remiss = s.get(Remiss, remiss_id)
        assert remiss.status == "besvarad" and remiss.answered_at is not None
        events = s.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss_id).order_by(AuditEvent.id)).all()
        statuses = [json.loads(e.changes)["status"] for e in events if e.action == "status"]
        assert statuses == [["registrerad", "tilldelad"], ["tilldelad", "under_beredning"],
                            ["under_beredning", "klar_for_beslut"], ["klar_for_beslut", "beslutad"],
                            ["beslutad", "besvarad"]]
        assert all(e.user_id for e in events)
    # The history on the page names who did it.
    assert "Status ändrad" in page and "Registrerad" in page


def test_illegal_status_change_is_refused_with_a_message(client, auth, session, db):
    namnd, _, registrator, _ = _world(session)
    auth.login("sekr@malmo.se")
    response = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id})
    url = response.headers["Location"]
    response = auth.post(f"{url}/status", {"status": "besvarad"}, form_url=url, follow_redirects=True)
    assert "kan inte ändras från ”Registrerad” till ”Besvarad”" in response.get_data(as_text=True)
    with db.transaction() as s:
        assert s.exec(select(Remiss)).one().status == "registrerad"


def test_bad_input_keeps_everything_typed(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    bad = {**SEED_000_FORM, "namnd_id": namnd.id, "title": "", "deadline_on": "2010-02-31",
           "deadline_time": "25.00", "answer_email": "inte en adress", "copy_emails": "a@b.se, fel"}
    response = auth.post("/remisser/ny", bad, form_url="/remisser/ny")
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ["Fältet måste fyllas i.", "Ange ett giltigt datum", "Ange klockslag",
                    "”inte en adress” är inte en giltig e-postadress", "”fel” är inte en giltig e-postadress"]:
        assert message in body
    # What was typed is still there.
    assert "KS-IOF-2010-00015" in body and "Stadsdelsfullmäktige Västra Innerstaden" in body
    assert 'aria-invalid="true"' in body and 'href="#f-title"' in body
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []


def test_manual_diarienummer_is_unique_and_series_skips_it(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    assert auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id,
                                      "our_dnr": "LB 2026/0001"}).status_code == 302
    again = {**SEED_000_FORM, "namnd_id": namnd.id, "confirm_duplicate": "1"}  # the same letter, registered again
    response = auth.post("/remisser/ny", {**again, "our_dnr": "LB 2026/0001"})
    assert response.status_code == 400 and "redan använt" in response.get_data(as_text=True)
    assert auth.post("/remisser/ny", again).status_code == 302
    with db.transaction() as s:
        assert sorted(r.our_dnr for r in s.exec(select(Remiss))) == ["LB 2026/0001", "LB 2026/0002"]


def test_upload_and_download_a_remisshandling(client, auth, session, db, app):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    url = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id}).headers["Location"]
    from io import BytesIO
    pdf = b"%PDF-1.4\n% remiss\n"
    response = auth.post(f"{url}/filer", {"files": (BytesIO(pdf), "Missivskrivelse.pdf")}, form_url=url,
                         content_type="multipart/form-data")
    assert response.status_code == 302
    with db.transaction() as s:
        from remiss.remisser.models import Attachment
        attachment = s.exec(select(Attachment)).one()
        assert attachment.filename == "Missivskrivelse.pdf" and attachment.size == len(pdf)
        # Stored outside the web root, under the configured files directory.
        assert Path(app.config["FILES_DIR"], attachment.storage_key).read_bytes() == pdf
    download = client.get(f"/filer/{attachment.id}")
    assert download.status_code == 200 and download.data == pdf
    assert "attachment" in download.headers["Content-Disposition"]
    # Refused types and sizes give a message, not a 500.
    response = auth.post(f"{url}/filer", {"files": (BytesIO(b"MZ..."), "virus.exe")}, form_url=url,
                         content_type="multipart/form-data", follow_redirects=True)
    assert "Filtypen .exe tas inte emot" in response.get_data(as_text=True)
    app.config["UPLOAD_MAX_BYTES"] = 10
    response = auth.post(f"{url}/filer", {"files": (BytesIO(b"x" * 11), "stor.pdf")}, form_url=url,
                         content_type="multipart/form-data", follow_redirects=True)
    assert "gränsen är" in response.get_data(as_text=True)


def test_the_same_letter_twice_is_questioned_with_a_link(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    first = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id}).headers["Location"]
    for changed in ({}, {"title": "En helt annan titel"}, {"sender_dnr": ""}, {"sender_dnr": SEED_000_FORM["sender_dnr"].lower(), "title": "Annat"}):
        response = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id, **changed})
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "Remissen kan redan vara registrerad" in html, changed
        assert f'href="{first}"' in html and 'name="confirm_duplicate"' in html
    assert auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id, "title": "Något annat",
                                      "sender_dnr": "KS-2099-1"}).status_code == 302
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 2


def test_a_deadline_is_required_unless_the_remiss_has_none(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "deadline_on": "", "deadline_time": ""}
    response = auth.post("/remisser/ny", form)
    assert response.status_code == 400 and "Ange sista svarsdag" in response.get_data(as_text=True)
    assert SEED_000_FORM["title"] in response.get_data(as_text=True)  # nothing typed is lost
    assert auth.post("/remisser/ny", {**form, "no_deadline": "1"}).status_code == 302
    typed = auth.post("/remisser/ny", {**form, "title": "Tangentbord", "sender_dnr": "X-1",
                                       "deadline_on": "11 januari 2027"})
    assert typed.status_code == 302
    with db.transaction() as s:
        assert s.exec(select(Remiss).where(Remiss.title == "Tangentbord")).one().deadline_on == date(2027, 1, 11)
