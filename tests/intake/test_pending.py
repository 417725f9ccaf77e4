"""Pending uploads: the schema matches the model, old batches and their files are cleaned up."""
import io
from datetime import timedelta
from pathlib import Path

from sqlalchemy import inspect
from sqlmodel import select

from remiss.intake.models import IntakeBatch
from tests.intake.letters import promemoria_pdf
from tests.intake.test_files import upload
from tests.intake.test_paste_seed000 import world


def test_migrated_schema_matches_model(db):
    columns = {c["name"]: c for c in inspect(db.write_engine).get_columns("intake_batch")}
    assert set(columns) == set(IntakeBatch.__table__.columns.keys())
    for column in IntakeBatch.__table__.columns:
        assert columns[column.name]["nullable"] == column.nullable, column.name
    indexes = {i["name"] for i in inspect(db.write_engine).get_indexes("intake_batch")}
    assert {i.name for i in IntakeBatch.__table__.indexes} <= indexes


def stored_files(app) -> list[Path]:
    return [p for p in Path(app.config["FILES_DIR"]).rglob("*") if p.is_file()]


def test_cleanup_removes_old_batches_and_files(client, auth, session, db, app, runner, clock):
    world(session)
    auth.login("sekr@malmo.se")
    assert upload(auth, [(io.BytesIO(promemoria_pdf()), "Promemoria.pdf")], text="Remiss").status_code == 302
    assert len(stored_files(app)) == 2  # the pasted missiv is kept as a file too
    result = runner.invoke(args=["intake-cleanup", "--now", (clock.now + timedelta(hours=23)).isoformat()])
    assert "0 ej registrerade" in result.output and len(stored_files(app)) == 2
    result = runner.invoke(args=["intake-cleanup", "--now", (clock.now + timedelta(hours=25)).isoformat()])
    assert "1 ej registrerad inläsning borttagen." in result.output, result.output
    assert stored_files(app) == []
    with db.transaction() as s:
        assert s.exec(select(IntakeBatch)).all() == []


def test_start_over_discards_the_batch(client, auth, session, db, app):
    world(session)
    auth.login("sekr@malmo.se")
    form_url = upload(auth, [(io.BytesIO(promemoria_pdf()), "Promemoria.pdf")], text="Remiss").headers["Location"]
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/kasta", form_url=form_url)
    assert response.status_code == 302
    assert stored_files(app) == []
    page = client.get(form_url).get_data(as_text=True)
    assert "Förifyllt från missivet" not in page and "Börja från missivet" in page
