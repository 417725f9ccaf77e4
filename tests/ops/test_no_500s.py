"""Issue 19, item 7: inputs that gave a 500 or a broken response, each tried with the exact input that broke it."""
from __future__ import annotations

import email
import io
from datetime import timedelta
from email.policy import default as default_policy

import openpyxl
import pytest
from sqlmodel import select
from werkzeug.http import parse_options_header

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.files import portable_name
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.outgoing.service import sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.local_smtp import start_smtp

TITLE_WITH_BREAKS = "Remiss om kulturstrategi\r\nBcc: spion@example.se"


@pytest.fixture
def reader(db):
    session = db.session(write=False)
    yield session
    session.close()


@pytest.fixture
def world(session, clock):
    namnd = make_namnd(session)
    admin = make_user(session, role=Role.admin)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                         sandlista=[SandlistaItem("Kommunal", "k@example.se", "Fack")])
    token = create_api_token(session, now=clock(), user=admin, name="t")
    session.commit()
    return {"admin": admin, "remiss": remiss.id, "token": token}


def _patch(client, world, body: str):
    return client.open(f"/api/v1/remisser/{world['remiss']}", method="PATCH", data=body,
                       content_type="application/json", headers={"Authorization": f"Bearer {world['token']}"})


def test_json_nested_deeper_than_the_decoder_goes_is_a_400(client, world):
    response = _patch(client, world, "[" * 100_000 + "]" * 100_000)  # RecursionError escaped get_json(silent=True)
    assert response.status_code == 400
    assert response.get_json()["errors"] == {"body": "JSON-innehållet är för djupt nästlat."}


def test_a_lone_surrogate_in_a_saved_field_is_a_400_naming_the_field(client, world, reader):
    response = _patch(client, world, '{"title": "Remiss \\ud800", "notes": {"a": ["ok", "x\\udfff"]}}')
    assert response.status_code == 400  # was UnicodeEncodeError from the database driver
    errors = response.get_json()["errors"]
    assert set(errors) == {"title", "notes"} and "surrogattecken" in errors["title"]
    assert reader.get(Remiss, world["remiss"]).title.startswith("Remiss ")  # nothing saved


@pytest.mark.parametrize("dnr", [
    "KN 2026/1\r\nX-Evil: 1",  # werkzeug refused the header: a 500
    "KN €2026/1",  # not Latin-1: the server aborted the response after its status line
])
@pytest.mark.parametrize("path, name", [("utskick/svarsstatus.csv", "Svarsstatus {}.csv"),
                                        ("utskick/svarsstatus.xlsx", "Svarsstatus {}.xlsx"),
                                        ("utskick/sammanstallning.docx", "Remissammanställning {}.docx")])
def test_downloads_named_after_an_odd_diarienummer(client, auth, session, world, dnr, path, name):
    remiss = session.get(Remiss, world["remiss"])
    remiss.our_dnr = dnr
    session.add(remiss)
    session.commit()
    auth.login(world["admin"].email)
    response = client.get(f"/remisser/{world['remiss']}/{path}")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    disposition.encode("latin-1")  # what a WSGI server can write
    assert "\r" not in disposition and "\n" not in disposition
    kind, params = parse_options_header(disposition)  # werkzeug reads filename* (RFC 5987) as the filename
    shown = name.format(dnr)  # issue 20: "Remissammanställning SOFÖ 2026-0008.docx", the prefix kept
    # a name every system can save: "/" and ":" as "-" (remiss.files.portable_name), the line break a space
    assert kind == "attachment" and params["filename"] == portable_name(shown)
    assert "/" not in params["filename"] and ":" not in params["filename"]
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii() and fallback.endswith(name[-5:].lstrip("}"))
    if path.endswith(".xlsx"):
        assert openpyxl.load_workbook(io.BytesIO(response.data)).active.max_row >= 1


def test_export_with_an_out_of_range_namnd_id(client, auth, world):
    auth.login(world["admin"].email)
    response = client.get("/remisser/export.csv?namnd_id=1e20")
    assert response.status_code in (200, 400), response.status_code
    assert "Ett oväntat fel" not in response.get_data(as_text=True)


@pytest.mark.parametrize("moment", ["0001-01-01", "9999-12-31T23:59"])
def test_reminders_run_with_a_moment_outside_the_years_says_so(runner, moment):
    result = runner.invoke(args=["reminders", "run", "--now", moment])  # 0001-01-01: OverflowError, a traceback
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), repr(result.exception)
    assert "år 1900–2199" in result.output


@pytest.fixture
def relay(app):
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((sorted(envelope.rcpt_tos), email.message_from_bytes(envelope.content,
                                                                                  policy=default_policy)))
            return "250 OK"

    controller = start_smtp(Handler())
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{controller.port}"
    yield received
    controller.stop()


def test_a_title_with_line_breaks_does_not_stop_the_missiv_mail(app, session, reader, runner, relay, clock, world):
    remiss = session.get(Remiss, world["remiss"])
    remiss.title = TITLE_WITH_BREAKS  # as the API saved it
    session.add(remiss)
    sent = sending.send(session, now=clock(), principal=Principal.system(), remiss=remiss,
                        files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    assert sent.mailed == 1
    moment = (clock() + timedelta(minutes=5)).astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")
    result = runner.invoke(args=["reminders", "run", "--now", moment])
    assert result.exit_code == 0, result.output
    assert "misslyckade (ger upp): 0, försök som misslyckades (görs om): 0" in result.output, result.output
    [(rcpts, message)] = [m for m in relay if m[1]["X-Remiss-Kind"] == "outgoing_missiv"]
    assert rcpts == ["k@example.se"]  # not the Bcc the title tried to add
    assert message["Subject"] is not None and "Remiss om kulturstrategi Bcc: spion@example.se" in message["Subject"]
    assert message["Bcc"] is None
    [row] = reader.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv")).all()
    assert row.status == "sent"
