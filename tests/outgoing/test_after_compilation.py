"""After the answers are compiled: no "dagar kvar", no group label nobody chose, and the public page tells
who answered (even when the answer itself is not published) from who did not."""
from __future__ import annotations

import io
from datetime import date, datetime

from docx import Document

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing import present
from remiss.outgoing.service import answers, lifecycle, publication, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def test_compiled_remiss_without_groups_reads_true_here_and_on_the_public_page(session, app):
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 11, 2),
                         deadline_on=date(2027, 1, 29), deadline_time=None, questions=["Fråga?"],
                         sandlista=[SandlistaItem("Norr", "norr@example.se", ""),
                                    SandlistaItem("Kultur", "kultur@example.se", ""),
                                    SandlistaItem("Söder", "soder@example.se", "")])
    files_dir = app.config["FILES_DIR"]
    with app.app_context():
        sending.send(session, now=at(2026, 12, 4), principal=SYSTEM, remiss=remiss, files_dir=files_dir, base_url="")
    norr, kultur, _ = remisser.entries(session, remiss.id)
    question = remisser.questions_of(session, remiss.id)[0]
    answers.register_answer(session, now=at(2026, 12, 4), principal=SYSTEM, remiss=remiss, entry=norr,
                            data=AnswerData(date(2026, 12, 4), answers={question.id: "Vi tillstyrker."},
                                            summary="Positiva.", other_comments="Tack."),
                            files_dir=files_dir, max_bytes=1)
    answers.decline(session, now=at(2026, 12, 4), principal=SYSTEM, remiss=remiss, entry=kultur,
                    answered_on=date(2026, 12, 4))
    with app.app_context():
        kept = lifecycle.compile_answers(session, now=at(2026, 12, 4, 10), principal=SYSTEM, remiss=remiss,
                                         files_dir=files_dir)
    assert present.days_left(remiss, at(2026, 12, 4, 10)) == "svaren är sammanställda"  # not "56 dagar kvar"

    from remiss import files
    text = "\n".join(p.text for p in Document(io.BytesIO(files.path_of(files_dir, kept.storage_key).read_bytes()))
                     .paragraphs)
    assert "Norr" in text and "Vi tillstyrker." in text
    assert "Övriga remissinstanser" not in text  # no groups were defined, so none is named

    publication.publish(session, now=at(2026, 12, 4, 11), principal=SYSTEM, remiss=remiss,
                        attachment_ids=[kept.id], intro="")
    said = {e["name"]: e["said"] for e in present.public_page(session, remiss.id)["entries"]}
    assert said == {"Norr": "Har svarat (svaret publiceras inte här)", "Kultur": "Avstår från att yttra sig",
                    "Söder": "Har inte svarat"}
