"""Walk6: the tjänsteskrivelse frozen at the expediering was dated the expediering day, eight days after the nämnd
decided on it, yet said "föreslås besluta". It is the proposal: dated the day its text was finished, never after
the beslut."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.documents.fields import format_date
from remiss.drafting import dispatch
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.drafting.generate import read
from remiss.drafting.models import GeneratedDocument
from tests.drafting.conftest import header_text, open_docx, record

WRITTEN = datetime(2015, 9, 1, 8, 0, tzinfo=timezone.utc)


def _frozen(session, remiss_id, kind, files):
    doc = session.exec(select(GeneratedDocument).where(GeneratedDocument.remiss_id == remiss_id,
                                                       GeneratedDocument.kind == kind,
                                                       GeneratedDocument.frozen)).one()
    return read(files, doc)


def test_the_frozen_tjansteskrivelse_is_dated_when_written_and_the_yttrande_when_sent(session, w):
    remiss = w["remiss"]
    save(session, now=WRITTEN, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=WRITTEN, principal=w["h"], remiss=remiss, new="granskning")
    # approved (back-registered) after the meeting of 24 September that decided on it
    late = datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc)
    change_state(session, now=late, principal=w["g"], remiss=remiss, new="godkand")
    record(session, w, at=late, omedelbar_justering=True, confirm_before_approval=True)
    dispatch.expediera(session, now=late, principal=w["r"], remiss=remiss, files_dir=w["files"])
    tjanst = _frozen(session, remiss.id, "tjansteskrivelse", w["files"])
    assert f"Datum\n{format_date(date(2015, 9, 1))}" in header_text(tjanst), header_text(tjanst)
    assert any("föreslås besluta" in p.text for p in open_docx(tjanst).paragraphs)
