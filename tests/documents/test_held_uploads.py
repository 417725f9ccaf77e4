"""remiss.documents.held_uploads on its own: a token brings back only its own form's files, and files left behind
by an abandoned form are swept after a day."""
from __future__ import annotations

import os
import time

from werkzeug.datastructures import MultiDict

from remiss import files
from remiss.documents import held_uploads

PDF = b"%PDF-1.4\n% x\n"


def test_a_token_brings_back_only_the_files_of_its_user_and_form(tmp_path):
    held, refused = held_uploads.hold_uploads(str(tmp_path), [("svar.pdf", PDF), ("fake.pdf", b"text")],
                                              max_bytes=1000)
    assert [h.filename for h in held] == ["svar.pdf"] and "fake.pdf är ingen PDF-fil" in refused[0]
    token = held_uploads.token_for("hemligt", user_id=7, scope="outgoing-answer:3", held=held)
    form = MultiDict([("held_token", token), ("keep_held", held[0].key)])
    assert held_uploads.from_form("hemligt", form, user_id=7, scope="outgoing-answer:3") == held
    assert held_uploads.from_form("hemligt", form, user_id=8, scope="outgoing-answer:3") == []
    assert held_uploads.from_form("hemligt", form, user_id=7, scope="outgoing-answer:4") == []
    assert held_uploads.from_form("annat", form, user_id=7, scope="outgoing-answer:3") == []
    unticked = MultiDict([("held_token", token)])
    assert held_uploads.from_form("hemligt", unticked, user_id=7, scope="outgoing-answer:3") == []
    assert held_uploads.contents(str(tmp_path), held) == [("svar.pdf", PDF)]
    held_uploads.release(str(tmp_path), held)
    assert held_uploads.contents(str(tmp_path), held) == []


def test_files_older_than_a_day_are_swept(tmp_path):
    old = held_uploads.hold(str(tmp_path), "gammal.pdf", PDF)
    path = files.path_of(str(tmp_path), old.key)
    day_ago = time.time() - held_uploads.MAX_AGE_SECONDS - 60
    os.utime(path, (day_ago, day_ago))
    new = held_uploads.hold(str(tmp_path), "ny.pdf", PDF)  # holding sweeps first
    assert not path.exists() and files.path_of(str(tmp_path), new.key).exists()
