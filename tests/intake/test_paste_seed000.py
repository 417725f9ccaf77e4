"""Paste the seed 000 missiv, check the prefilled form and its evidence, then register it."""
import html
import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

from sqlmodel import select

from remiss.auth.models import Role
from remiss.intake.models import IntakeBatch
from remiss.remisser.models import Attachment, Remiss, SandlistaEntry
from tests.support.factories import SEED_000_SANDLISTA, make_namnd, make_user

CASES = Path("/work/shared/cases/seed-cases.json")
SEED_000 = next(c for c in json.loads(CASES.read_text(encoding="utf-8")) if c["id"] == "IOF-2010")["missiv_text"]


def input_value(page: str, name: str) -> str:
    """Return the (unescaped) value of the input or textarea called name."""
    match = re.search(rf'<input id="f-{name}" name="{name}" type="[a-z]+" value="([^"]*)"', page)
    if match is None:
        match = re.search(rf'<textarea id="f-{name}" name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no field {name}"
    return html.unescape(match.group(1))


def world(session):
    namnd = make_namnd(session, name="Stadsdelsfullmäktige Limhamn/Bunkeflo", dnr_prefix="LB")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@malmo.se")
    make_user(session, role=Role.registrator, namnder=[namnd], email="annan@malmo.se")
    session.commit()
    return namnd


def paste(auth, text: str, files=None):
    data = {"text": text}
    if files:
        data["files"] = files
    return auth.post("/remisser/ny/missiv", data, form_url="/remisser/ny/missiv",
                     content_type="multipart/form-data")


def test_registration_page_offers_the_missiv_step(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    page = client.get("/remisser/ny").get_data(as_text=True)
    assert 'action="/remisser/ny/missiv"' in page and "Klistra in missivets text" in page


def test_paste_seed_000_prefills_form_with_evidence_and_registers(client, auth, session, db, clock):
    clock.set(datetime(2010, 1, 28, 9, 0, tzinfo=timezone.utc))  # two days after the letter arrived
    namnd = world(session)
    auth.login("sekr@malmo.se")
    response = paste(auth, SEED_000)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    form_url = response.headers["Location"]
    assert form_url.startswith("/remisser/ny?missiv=")
    page = client.get(form_url).get_data(as_text=True)

    assert input_value(page, "sender_dnr") == "KS-IOF-2010-00015"
    assert input_value(page, "deadline_on") == "2010-03-31"
    assert input_value(page, "deadline_time") == "12.00"  # Swedish style (walk29 A8)
    assert input_value(page, "letter_date") == "2010-01-22"
    remittent = input_value(page, "remittent")
    assert "Kommunstyrelsen" in remittent and "Stadskontoret" in remittent
    assert input_value(page, "contact_person") == "Patrik Kronholm"
    assert input_value(page, "title") == "Förslag till ny IoF-plan"
    assert input_value(page, "sandlista").splitlines() == SEED_000_SANDLISTA
    # Each prefilled field shows the words it came from.
    assert re.search(r"id=\"ev-deadline_on\">Hämtat från: ”[^”]*tillhanda senast 2010-03-31 kl 12.00”", page)
    assert 'id="ev-sender_dnr">Hämtat från: ”Ärendet, med vårt Dnr KS-IOF-2010-00015”' in page
    assert 'id="ev-contact_person"' in page and 'id="ev-sandlista"' in page
    # The parser's warning about the handwritten internal deadline is shown.
    assert "Ett internt svarsdatum (2010-03-11)" in page
    # Nothing is saved yet.
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []

    values = {name: input_value(page, name) for name in
              ("title", "remittent", "sender_dnr", "deadline_on", "deadline_time", "letter_date", "contact_person",
               "sandlista", "questions", "answer_email", "copy_emails", "received_on")}
    token = form_url.split("=", 1)[1]
    values.update(direction="inkommande", kind="remiss", namnd_id=namnd.id, intake_token=token,
                  missiv_text=html.unescape(re.search(r'name="missiv_text" value="([^"]*)"', page).group(1)))
    response = auth.post(form_url, values, form_url=form_url)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        assert remiss.sender_dnr == "KS-IOF-2010-00015" and str(remiss.deadline_time) == "12:00:00"
        assert "Handläggande tjänsteman på stadskontoret är Patrik Kronholm" in remiss.missiv_text
        entries = s.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id)).all()
        assert len(entries) == 15
        assert s.exec(select(IntakeBatch)).all() == []  # the pending batch is consumed
        # Inkom is our stamp on the letter, not the day it was registered
        assert remiss.received_on == date(2010, 1, 26)
        # the pasted missiv is the first remisshandling, as it was pasted
        first = s.exec(select(Attachment).where(Attachment.remiss_id == remiss.id).order_by(Attachment.id)).first()
        assert (first.filename, first.purpose) == ("Missiv.txt", "remisshandling")
    assert client.get(f"/filer/{first.id}").data.decode("utf-8") == SEED_000


def test_inkom_is_read_from_the_received_stamp_with_its_evidence(client, auth, session, clock):
    clock.set(datetime(2010, 2, 3, 9, 0, tzinfo=timezone.utc))  # registered a week after it arrived
    world(session)
    auth.login("sekr@malmo.se")
    page = client.get(paste(auth, SEED_000).headers["Location"]).get_data(as_text=True)
    assert input_value(page, "received_on") == "2010-01-26"
    assert 'id="ev-received_on">Hämtat från: ”2010 -01- 26”' in page
    # a missiv without a stamp leaves Inkom empty: registration then takes today
    page = client.get(paste(auth, "Remiss om X\nSvar senast 2010-03-31.").headers["Location"]).get_data(as_text=True)
    assert input_value(page, "received_on") == "" and 'id="ev-received_on"' not in page


def test_pending_batch_belongs_to_its_user(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    form_url = paste(auth, SEED_000).headers["Location"]
    auth.logout()
    auth.login("annan@malmo.se")
    page = client.get(form_url).get_data(as_text=True)
    assert input_value(page, "sender_dnr") == "" and "Förifyllt från missivet" not in page


def test_empty_paste_keeps_page_with_swedish_message(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    response = paste(auth, "   ")
    assert response.status_code == 400
    assert "Klistra in missivets text eller välj en eller flera filer." in response.get_data(as_text=True)
