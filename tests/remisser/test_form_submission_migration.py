"""Migration x001: the one-time tokens of the Registrera forms become rows of form_submission (they were files
in one host's file store). Up from the head before it and down again, on SQLite and PostgreSQL; a token is
claimed once per user."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from remiss.auth.models import Role
from remiss.db import Database, migrate
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import make_user

ROW = "INSERT INTO form_submission (user_id, token, created_at) VALUES (:u, :t, '2026-12-05 12:00:00')"


def test_x001_makes_the_table_of_claimed_forms_and_takes_it_away_again(empty_url):  # noqa: F811
    migrate(empty_url, "x001_form_submission-1")
    db = Database(empty_url)
    assert "form_submission" not in inspect(db.write_engine).get_table_names()
    with db.transaction() as s:
        user = make_user(s, role=Role.registrator, email="sekr@malmo.se").id
    db.dispose()
    assert migrate(empty_url, "x001_form_submission") == 1
    db = Database(empty_url)  # the app's engines: foreign keys on in SQLite too
    assert "form_submission" in inspect(db.write_engine).get_table_names()
    with db.transaction() as s:
        s.execute(text(ROW), {"u": user, "t": "a" * 32})
    with pytest.raises(IntegrityError), db.transaction() as s:  # the same form claimed twice
        s.execute(text(ROW), {"u": user, "t": "a" * 32})
    with db.transaction() as s:  # another user's form with the same token is his own
        other = make_user(s, role=Role.registrator, email="reg@malmo.se").id
        s.execute(text(ROW), {"u": other, "t": "a" * 32})
    with db.transaction() as s:  # a user who goes takes his claims along
        s.execute(text("DELETE FROM user_account WHERE id = :u"), {"u": user})
        assert s.execute(text("SELECT user_id FROM form_submission")).scalars().all() == [other]
    db.dispose()
    command.downgrade(alembic_config(empty_url), "x001_form_submission-1")
    engine = create_engine(empty_url)
    assert "form_submission" not in inspect(engine).get_table_names()
    engine.dispose()
