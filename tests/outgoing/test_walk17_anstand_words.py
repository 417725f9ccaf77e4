"""walk17 F17: the sammanställning wrote "anstånd beviljat till 12 februari 2027" without the "kl. 12.00" every other
place shows, and the anstånd form's refusal did not name the sista svarsdag it must run past."""
from __future__ import annotations

import io
from datetime import date, time
from html import unescape

from docx import Document

from remiss.outgoing import compilation
from remiss.outgoing.service import answers
from remiss.remisser import service as remisser
from tests.outgoing.test_walk12b_chasers import SYSTEM, _sent_remiss, at


def test_the_sammanstallning_writes_the_anstand_with_its_time(app, session, smtp, runner, client, auth):
    remiss = _sent_remiss(app, session, smtp, runner)  # sista svarsdag 18 december 2026 kl. 12.00
    [kommunal] = [e for e in remisser.entries(session, remiss.id) if e.name == "Kommunal"]
    answers.grant_extension(session, now=at(2026, 12, 10), principal=SYSTEM, remiss=remiss, entry=kommunal,
                            until_on=date(2027, 2, 12), until_time=time(12, 0))
    session.commit()
    data = compilation.render(session, now=at(2026, 12, 11), principal=SYSTEM, remiss=remiss)
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Kommunal (anstånd beviljat till 12 februari 2027 kl. 12.00)" in texts, texts


def test_a_too_early_anstand_is_refused_naming_the_deadline(app, session, smtp, runner):
    remiss = _sent_remiss(app, session, smtp, runner)
    [kommunal] = [e for e in remisser.entries(session, remiss.id) if e.name == "Kommunal"]
    try:
        answers.grant_extension(session, now=at(2026, 12, 10), principal=SYSTEM, remiss=remiss, entry=kommunal,
                                until_on=date(2026, 12, 18), until_time=time(15, 0))
    except answers.InputErrors as exc:
        said = unescape(" ".join(exc.errors.values()))
    else:
        raise AssertionError("granted")
    assert said == ("Anståndet måste gå ut efter remissens sista svarsdag, 18 december 2026 kl. 12.00: "
                    "välj en senare dag."), said
