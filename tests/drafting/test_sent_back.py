"""Walk6: the handläggare is told when the granskare sends the draft back (a mail of its own kind with the comment,
muted only by her own choice, and "Tillbaka från granskning" on her start page); the next "Att granska" mail says
it is a new version answering the comment."""
from __future__ import annotations

import email
import re
from email.policy import default as default_policy
from pathlib import Path

import pytest

from remiss.auth.models import User
from tests.planning.helpers import at
from tests.planning.test_life_reads_true import TITLE, Life, _text

COMMENT = "Förtydliga svaret på fråga 2 och korta sammanfattningen."


@pytest.fixture
def life(app, db, clock, session):
    return Life(app, db, clock, session)


def _mails(app, runner, clock, before: set) -> dict[str, list]:
    assert runner.invoke(args=["reminders", "run", "--now", clock().isoformat()]).exit_code == 0
    found: dict[str, list] = {}
    for path in sorted(set(Path(app.config["MAIL_DIR"]).glob("*.eml")) - before):
        mail = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        found.setdefault(mail["To"], []).append((mail["Subject"], mail["X-Remiss-Kind"],
                                                 mail.get_body(("plain",)).get_content()))
    before |= set(Path(app.config["MAIL_DIR"]).glob("*.eml"))
    return found


def _start_section(life) -> str:
    html = life.page("handlaggare", "/")
    found = re.search(r'<section aria-labelledby="h-tillbaka">(.*?)</section>', html, re.S)
    return _text(found.group(1)) if found else ""


def test_a_draft_sent_back_reaches_its_handlaggare_and_the_new_version_says_so(life, app, runner, clock):
    seen: set = set()
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    assert _start_section(life) == ""
    _mails(app, runner, clock, seen)
    clock.set(at(2015, 9, 4, 10))
    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": COMMENT})
    # the start page: the mirror of Att granska
    section = _start_section(life)
    assert section.startswith("Tillbaka från granskning (1)") and life.dnr in section, section
    assert f"Kommentar från granskningen: {COMMENT}" in section
    mails = _mails(app, runner, clock, seen)
    [(subject, kind, body)] = mails["jesper@oster.se"]
    assert (subject, kind) == (f"[{life.dnr}] Tillbaka från granskningen: {TITLE}", "returned")
    assert "Granskaren har skickat tillbaka utkastet" in body and f"Kommentar från granskningen: {COMMENT}" in body
    # version 2, sent again: the granskare's mail says it answers the comment; the start row is gone
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv, förtydligad."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    assert _start_section(life) == ""
    [(subject, kind, body)] = _mails(app, runner, clock, seen)["chef@oster.se"]
    assert kind == "review" and f"Det är version 2, ändrad efter granskningens kommentar: ”{COMMENT}”" in body


def test_a_handlaggare_who_muted_the_kind_gets_no_mail_but_still_the_row(life, app, runner, clock):
    seen: set = set()
    with life.db.transaction() as s:
        user = s.get(User, life.handlaggare_id)
        user.muted_kinds = "returned"
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})
    _mails(app, runner, clock, seen)
    life.post("granskare", "/yttrande/lage", {"state": "utkast", "comment": COMMENT})
    assert [k for _, k, _ in _mails(app, runner, clock, seen).get("jesper@oster.se", [])] == []
    assert _start_section(life).startswith("Tillbaka från granskning (1)")


def test_a_review_queued_before_the_remiss_was_withdrawn_is_stopped(life, app, runner, clock, session):
    from remiss.reminders.models import OutboxMessage
    from remiss.reminders.schedule import CLOSED_REASON
    from sqlmodel import select

    seen: set = set()
    life.post("sekreterare", "/tilldela", {"handlaggare_id": str(life.handlaggare_id)})
    life.post("handlaggare", "/yttrande", {"sammanfattning": "Positiv."})
    _mails(app, runner, clock, seen)  # the assignment mail, sent
    life.post("handlaggare", "/yttrande/lage", {"state": "granskning"})  # queues "Att granska"
    life.post("sekreterare", "/status", {"status": "aterkallad", "note": "Remittenten drog tillbaka remissen.", "confirm": "1"})
    mails = _mails(app, runner, clock, seen)
    assert not any(kind == "review" for sent in mails.values() for _, kind, _ in sent), mails
    session.expire_all()
    [row] = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == life.rid,
                                                     OutboxMessage.kind == "review")).all()
    assert (row.status, row.last_error) == ("cancelled", CLOSED_REASON)
