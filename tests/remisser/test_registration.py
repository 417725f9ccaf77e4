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
    "confirm_past_deadline": "1",  # 2010's letter, registered in 2026 (the warning: test_a_past_deadline_…)
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
        # The register of remissinstanser (whom we send outgoing remisser to) did not grow: an incoming
        # remiss's sändlista is whom the remittent sent it to, kept on the remiss alone.
        assert s.exec(select(Organisation)).all() == []
        assert {e.organisation_id for e in entries} == {None}
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


def test_a_date_and_no_deadline_ticked_together_ask_which_holds(client, auth, session, db):
    """walk8 finding 11: the tick was silently ignored and the date saved."""
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id, "deadline_on": "2027-05-05", "no_deadline": "1"}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Välj ett av dem: ta bort datumet eller krysset." in page
    assert 'value="2027-05-05"' in page and 'name="no_deadline" value="1" checked' in page
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []
    assert auth.post("/remisser/ny", {**form, "no_deadline": ""}).status_code == 302
    with db.transaction() as s:
        remiss_id = s.exec(select(Remiss)).one().id
    edit = auth.post(f"/remisser/{remiss_id}/andra", {**form, "no_deadline": "1"}, form_url=f"/remisser/{remiss_id}/andra")
    assert edit.status_code == 400 and "Välj ett av dem" in edit.get_data(as_text=True)


def test_a_past_deadline_is_asked_about_and_everything_typed_is_kept(client, auth, session, db, clock):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    form = {**SEED_000_FORM, "namnd_id": namnd.id}
    del form["confirm_past_deadline"]
    response = auth.post("/remisser/ny", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Sista svarsdagen har redan passerat" in html
    assert "Sista svarsdag är 31 mars 2010 kl. 12.00, som redan har varit." in html
    assert 'name="confirm_past_deadline"' in html and 'name="confirm_duplicate"' not in html
    for typed in ("KS-IOF-2010-00015", "Förslag till ny IoF-plan", "2010-03-31", "Patrik Kronholm",
                  "Stadsdelsfullmäktige Västra Innerstaden", "SDF 30/3-10"):
        assert typed in html, typed
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []
    # Today's deadline is not past; ticking the box registers a late one.
    today = {**form, "deadline_on": clock.now.date().isoformat(), "title": "I dag", "sender_dnr": "KS-1"}
    assert auth.post("/remisser/ny", today).status_code == 302
    assert auth.post("/remisser/ny", {**form, "confirm_past_deadline": "1"}).status_code == 302
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 2


def test_the_duplicate_check_while_typing(client, auth, session, db):
    """The API the form's script asks: the same remittent's diarienummer or title, forgivingly, with links."""
    namnd, other, _, _ = _world(session)
    hidden_user = make_user(session, role=Role.registrator, namnder=[other], email="annan@malmo.se")
    reader = make_user(session, role=Role.handlaggare, namnder=[namnd], email="las@malmo.se")
    session.commit()
    auth.login("sekr@malmo.se")
    first = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id}).headers["Location"]
    url = "/api/v1/remisser/mojliga-dubbletter"
    for query in ({"sender_dnr": "ks-iof-2010-15"}, {"sender_dnr": "KS IOF 2010/00015", "title": "Något annat"},
                  {"title": "FÖRSLAG TILL NY IOF PLAN"}, {"title": "förslag till ny iof-plan."},
                  {"title": "Remiss av förslag till ny IoF-plan"}, {"title": "Remiss angående Förslag till ny IoF-plan"},
                  {"title": "Remiss: Förslag till ny IoF-plan"}):
        items = client.get(url, query_string=query).get_json()["items"]
        assert [item["url"] for item in items] == [first], query
        assert items[0]["our_dnr"] == "LB 2026/0001" and items[0]["title"] == SEED_000_FORM["title"]
    for query in ({"sender_dnr": "KS-IOF-2010-00016"}, {"title": "Förslag till ny IoF-plan 2"}, {}, {"title": "x" * 5000}):
        assert client.get(url, query_string=query).get_json() == {"items": [], "said": ""}, query
    auth.logout()
    auth.login("annan@malmo.se")  # another nämnd's registrator does not learn of it
    assert client.get(url, query_string={"sender_dnr": "KS-IOF-2010-00015"}).get_json() == {"items": [], "said": ""}
    auth.logout()
    auth.login("las@malmo.se")
    assert client.get(url, query_string={"title": "x"}).status_code == 403
    assert hidden_user.id and reader.id


def test_a_missiv_already_registered_is_warned_about_at_once(client, auth, session, db):
    namnd, _, _, _ = _world(session)
    auth.login("sekr@malmo.se")
    first = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": namnd.id}).headers["Location"]
    cases = json.loads(Path("/work/shared/cases/seed-cases.json").read_text(encoding="utf-8"))
    text = next(c for c in cases if c["id"] == "IOF-2010")["missiv_text"]
    response = auth.post("/remisser/ny/missiv", {"text": text}, form_url="/remisser/ny/missiv")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    live = html[html.index('id="duplicate-live"'):]
    live = live[:live.index("</fieldset>")]
    assert "Kan redan vara registrerad:" in live and f'href="{first}"' in live
    assert "</strong> en remiss med samma diarienummer" in live  # kind_words.counted, as the API's "said"


def test_every_field_error_of_the_register_form_says_fel(client, auth, session, db):
    """walk13b finding 9: the Ansvarig nämnd error read only "Fältet måste fyllas i." to a screen reader."""
    import re

    _world(session)
    auth.login("sekr@malmo.se")
    response = auth.post("/remisser/ny", {**SEED_000_FORM, "namnd_id": "", "title": ""}, form_url="/remisser/ny")
    body = response.get_data(as_text=True)
    errors = dict(re.findall(r'<p class="field-error" id="e-([a-z_]+)">(.*?)</p>', body, re.S))
    assert response.status_code == 400 and {"namnd_id", "title"} <= set(errors)
    assert all(text.startswith('<span class="visually-hidden">Fel: </span>') for text in errors.values()), errors
    assert "<title>Fel – Registrera remiss – Remiss</title>" in body
