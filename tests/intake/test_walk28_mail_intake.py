"""walk28 Z6 and Z7: a mailed missiv from a nämnd of our own kommun, dropped on the form or read into the Inkorg.

Z6: the remittent was "Malmö stad" (the kommun) although the letter came from Kulturnämnden, a nämnd of the kommun
the app's nämnder belong to. Z7: the form left Inkom empty for an uploaded .eml, while the Inkorg takes its Date.
"""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from email.message import EmailMessage

from sqlmodel import select

from remiss.intake.models import IntakeBatch
from remiss.intake.reading import ReadLimits
from remiss.intake.service import inbox
from tests.intake.letters import missiv_docx
from tests.intake.test_files import upload
from tests.intake.test_paste_seed000 import input_value, world
from tests.unit.test_missiv_own_kommun import KULTUR

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOW = datetime(2026, 12, 6, 23, 10, tzinfo=timezone.utc)  # 7 December in Stockholm, as in the walk


def kultur_mail(date: str = "Mon, 30 Nov 2026 23:14:00 +0100") -> bytes:
    """The walk's /tmp/h-walk28-missiv.eml: a short cover note, the missiv as an attached .docx."""
    message = EmailMessage()
    message["From"] = "Anna Andersson <anna.andersson@malmo.se>"
    message["To"] = "registrator@oster.malmo.se"
    message["Subject"] = "Remiss"
    if date:
        message["Date"] = date
    message["Message-ID"] = "<walk28-1@malmo.se>"
    message.set_content("Hej,\n\nHär kommer en remiss från oss, se bifogat missiv.\n\nVänliga hälsningar\nAnna")
    major, minor = DOCX.split("/")
    message.add_attachment(missiv_docx(KULTUR.splitlines()), maintype=major, subtype=minor,
                           filename="Missiv biblioteksplan.docx")
    return bytes(message)


def test_the_form_reads_an_eml_from_our_own_kulturnamnden(client, auth, session, db, clock):
    clock.set(NOW)
    world(session)  # a nämnd of Malmö stad (tests.support.factories.make_namnd)
    auth.login("sekr@malmo.se")
    response = upload(auth, [(io.BytesIO(kultur_mail()), "Remiss.eml")])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert input_value(page, "remittent") == "Kulturnämnden"
    assert "remittenten antas vara kommunen" not in page
    # Z7: the mail's Date on the Stockholm clock (23.14 +01 on 30 November), not empty (= today, 7 December)
    assert input_value(page, "received_on") == "2026-11-30"
    assert 'id="ev-received_on">Hämtat från: ”E-postmeddelandets datum: 30 november 2026 kl. 23.14”' in page


def test_the_form_takes_the_mails_day_on_the_stockholm_clock(client, auth, session, db, clock):
    clock.set(NOW)
    world(session)
    auth.login("sekr@malmo.se")
    # 23.30 UTC on 1 December is 00.30 on 2 December in Stockholm
    response = upload(auth, [(io.BytesIO(kultur_mail("Tue, 01 Dec 2026 23:30:00 +0000")), "Remiss.eml")])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert input_value(page, "received_on") == "2026-12-02"


def test_a_mail_without_a_date_leaves_inkom_to_the_person(client, auth, session, db, clock):
    clock.set(NOW)
    world(session)
    auth.login("sekr@malmo.se")
    response = upload(auth, [(io.BytesIO(kultur_mail(date="")), "Remiss.eml")])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert input_value(page, "received_on") == ""
    with db.transaction() as s:
        assert "received_on" not in json.loads(s.exec(select(IntakeBatch)).one().evidence)


def test_the_inkorg_reads_the_same_mail_alike(session, db, app, tmp_path):
    world(session)
    with db.transaction() as s:
        message, new = inbox.receive(s, now=NOW, raw=kultur_mail(), files_dir=str(tmp_path),
                                     limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        values, evidence = json.loads(message.form_values), json.loads(message.evidence)
    assert new
    assert values["remittent"] == "Kulturnämnden"
    assert values["received_on"] == "2026-11-30"
    assert evidence["received_on"] == "E-postmeddelandets datum: 30 november 2026 kl. 23.14"


def test_the_api_reads_our_own_kulturnamnden_as_the_form_does(api, tmp_path):
    """Z6 for POST /api/v1/missiv/parse: the install's organisations go to the parser, as on the form and the Inkorg
    (the JSON's keys are the same; only the remittent is right)."""
    by_text = api(json={"text": KULTUR})
    assert by_text.status_code == 200, by_text.get_json()
    assert by_text.get_json()["remittent"] == "Kulturnämnden"
    by_file = api(data={"file": (io.BytesIO(kultur_mail()), "Remiss.eml")}, content_type="multipart/form-data")
    assert by_file.status_code == 200, by_file.get_json()
    assert by_file.get_json()["remittent"] == "Kulturnämnden"


def test_parse_missiv_takes_the_own_organisation_as_an_option(runner, tmp_path):
    """Z6 for `remiss parse-missiv`: without a database it knows no organisation unless told (--organisation)."""
    path = tmp_path / "Remiss.eml"
    path.write_bytes(kultur_mail())
    told = runner.invoke(args=["parse-missiv", "--organisation", "Malmö stad", str(path)])
    assert told.exit_code == 0, told.output
    assert json.loads(told.output)["remittent"] == "Kulturnämnden"
    untold = runner.invoke(args=["parse-missiv", str(path)])
    assert json.loads(untold.output)["remittent"] != "Kulturnämnden"
