"""The missiv's "Vår referens" is the contact person it names (seed 003: "Vår referens Ivana Baukart"), not
whoever registered the remiss or pressed the button."""
from __future__ import annotations

import io
from datetime import date

from docx import Document

from remiss import files
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import missiv_doc
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user


def _all_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for section in doc.sections:
        for part in (section.header, section.first_page_header):
            parts += [p.text for p in part.paragraphs]
            parts += [c.text for t in part.tables for r in t.rows for c in r.cells]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_var_referens_is_the_named_contact_person(session, app):
    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], name="Sara Sekreterare")
    remiss = make_remiss(session, namnd=namnd, by=sara, direction="utgaende", deadline_on=date(2027, 1, 29),
                         contact_person="Ivana Baukart", contact_email="ivana.baukart@malmo.example",
                         sandlista=[SandlistaItem("Norr", "norr@example.se", "")])
    missiv = missiv_doc.generate_missiv(session, now=remiss.created_at, principal=Principal.of(session, sara),
                                        remiss=remiss, files_dir=app.config["FILES_DIR"])
    text = _all_text(files.path_of(app.config["FILES_DIR"], missiv.storage_key).read_bytes())
    assert "Ivana Baukart" in text and "ivana.baukart@malmo.example" in text
    assert "Sara Sekreterare" not in text
    assert missiv_doc.var_referens(remiss, sara)["namn"] == "Ivana Baukart"
    remiss.contact_person = ""
    assert missiv_doc.var_referens(remiss, sara)["namn"] == "Sara Sekreterare"  # no contact named: the officer
