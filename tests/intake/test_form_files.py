"""The registration form checks its files before anything is saved, and asks as little as it can."""
import io
from datetime import datetime, timezone

from sqlmodel import select

from remiss.remisser.models import Attachment, Remiss
from tests.intake.letters import rk_pdf
from tests.intake.test_files import encrypted_pdf
from tests.intake.test_paste_seed000 import input_value, paste, world
from tests.support.factories import make_namnd

FORM = {"title": "Remiss av promemorian Bättre tillsyn", "direction": "inkommande", "kind": "remiss",
        "remittent": "Finansdepartementet", "sender_dnr": "Fi2027/00001", "deadline_on": "2027-05-15",
        "notes": "Anteckning jag skrev"}
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=timezone.utc)


def post_form(auth, namnd_id, files, **extra):
    return auth.post("/remisser/ny", {**FORM, "namnd_id": namnd_id, "files": files, **extra},
                     form_url="/remisser/ny", content_type="multipart/form-data")


def test_a_program_named_pdf_is_refused_and_everything_typed_is_kept(client, auth, session, db, clock):
    clock.set(NOW)
    namnd = world(session)
    auth.login("sekr@malmo.se")
    response = post_form(auth, namnd.id, [(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "faktura.exe.pdf")])
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "faktura.exe.pdf är ingen PDF-fil – det verkar vara ett program" in body
    assert input_value(body, "title") == FORM["title"] and "Anteckning jag skrev" in body
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []


def test_a_file_over_the_limit_names_the_file_and_keeps_the_fields(client, auth, session, db, app, clock):
    clock.set(NOW)
    namnd = world(session)
    app.config["UPLOAD_MAX_BYTES"] = 3000
    auth.login("sekr@malmo.se")
    response = post_form(auth, namnd.id, [(io.BytesIO(rk_pdf() * 3), "stor.pdf")])
    body = response.get_data(as_text=True)
    assert response.status_code == 400  # not a bare 413 page
    assert "Filen stor.pdf är" in body and "gränsen är 2 kB" in body and "Välj en annan fil om den behövs" in body
    assert input_value(body, "title") == FORM["title"] and "Anteckning jag skrev" in body
    assert 'data-max-bytes="3000"' in body  # the browser checks the same limit before sending


def test_a_request_over_one_file_limit_reaches_the_form(app):
    # several files fit in one request; each is held to the per-file limit by the form itself
    assert app.config["MAX_CONTENT_LENGTH"] > 3 * app.config["UPLOAD_MAX_BYTES"]


def test_a_password_protected_pdf_is_kept_and_flagged(client, auth, session, db, clock):
    clock.set(NOW)
    namnd = world(session)
    auth.login("sekr@malmo.se")
    response = post_form(auth, namnd.id, [(io.BytesIO(encrypted_pdf()), "losenord.pdf")])
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "losenord.pdf är lösenordsskyddad" in page
    with db.transaction() as s:
        assert [a.filename for a in s.exec(select(Attachment))] == ["losenord.pdf"]


def test_the_namnd_is_remembered_and_a_past_deadline_is_confirmed_beside_its_question(client, auth, session, db,
                                                                                       clock):
    clock.set(NOW)
    namnd = world(session)
    other = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    from remiss.auth.models import Role
    from tests.support.factories import make_user

    make_user(session, role=Role.registrator, namnder=[namnd, other], email="tva@malmo.se")
    session.commit()
    auth.login("tva@malmo.se")
    page = client.get("/remisser/ny").get_data(as_text=True)
    assert '<option value="">Välj nämnd</option>' in page and " selected>" not in page.split("f-namnd_id")[1][:400]

    response = post_form(auth, other.id, [], deadline_on="2027-01-10")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Sista svarsdagen har redan passerat" in body
    box = body[body.find('id="error-summary"'):]
    assert 0 < box.find('name="confirm_all"') < box.find("<fieldset>")  # the button is in the question's box
    actions = body[body.rfind('<div class="actions">'):]
    assert actions.find('>Registrera</button>') < actions.find('name="confirm_all"')  # and beside Registrera
    response = post_form(auth, other.id, [], deadline_on="2027-01-10", confirm_all="1")
    assert response.status_code == 302

    # the next registration starts with the nämnd used last
    page = client.get(paste(auth, "Remiss av något annat. Svar senast den 1 juni 2027 till x@y.se.")
                      .headers["Location"]).get_data(as_text=True)
    assert f'<option value="{other.id}" selected>' in page


def test_a_good_file_chosen_with_a_refused_one_is_kept_for_the_next_submit(client, auth, session, db, clock):
    """walk16 #13: evil.exe and trafikplan.pdf chosen together; only evil.exe is refused and must go."""
    import re

    clock.set(NOW)
    namnd = world(session)
    auth.login("sekr@malmo.se")
    response = post_form(auth, namnd.id, [(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "evil.exe"),
                                          (io.BytesIO(rk_pdf()), "trafikplan.pdf")])
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "evil.exe" in body and "De andra filerna du valde är sparade" in body
    assert "Vald fil: trafikplan.pdf" in body
    token = re.search(r'name="held_token" value="([^"]+)"', body).group(1)
    key = re.search(r'name="keep_held" value="([^"]+)"', body).group(1)
    response = post_form(auth, namnd.id, [], held_token=token, keep_held=key)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        names = [a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == remiss.id))]
    assert names == ["trafikplan.pdf"]
