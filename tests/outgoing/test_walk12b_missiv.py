"""walk12b: the missiv and the remiss page agree with the form – "Missivets datum" dates the missiv and cannot lie
after the sista svarsdag (#7), and the page names the contact person the missiv names (#12)."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone
from html import unescape

from docx import Document
from sqlmodel import select

from remiss import files
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import missiv_doc
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)


def _docx_text(app, attachment) -> str:
    doc = Document(io.BytesIO(files.path_of(app.config["FILES_DIR"], attachment.storage_key).read_bytes()))
    parts = [doc] + [s.header for s in doc.sections] + [s.first_page_header for s in doc.sections]
    texts = []
    for part in parts:
        texts += [p.text for p in part.paragraphs]
        texts += [c.text for t in part.tables for r in t.rows for c in r.cells]
    return "\n".join(texts)


def _form(namnd, **extra):
    return {"title": "Remiss av förslag till trafikplan 2027", "namnd_id": str(namnd.id),
            "deadline_on": "2026-12-18", "deadline_time": "12.00", "new_instanser": "Miljönämnden; miljo@example.se",
            **extra}


def test_a_missiv_date_after_the_sista_svarsdag_is_refused_and_the_form_kept(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    refused = auth.post("/remisser/ny-utgaende", _form(namnd, letter_date="2026-12-21"))
    page = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Missivets datum 21 december 2026 ligger inte före sista svarsdagen 18 december 2026." in page)
    assert "Remiss av förslag till trafikplan 2027" in page  # what was typed is kept
    assert session.exec(select(Remiss).where(Remiss.direction == "utgaende")).first() is None


def test_the_missiv_carries_the_date_given_on_the_form(session, client, auth, clock, app):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    done = auth.post("/remisser/ny-utgaende", _form(namnd, letter_date="2026-12-02"))
    assert done.status_code == 302, unescape(done.get_data(as_text=True))
    session.expire_all()
    remiss = session.exec(select(Remiss).where(Remiss.direction == "utgaende")).one()
    assert remiss.letter_date == date(2026, 12, 2)
    with app.app_context():
        missiv = missiv_doc.generate_missiv(session, now=TODAY, principal=Principal.system(), remiss=remiss,
                                            files_dir=app.config["FILES_DIR"])
    text = _docx_text(app, missiv)
    assert "2026-12-02" in text or "2 december 2026" in text, text
    assert "2026-12-04" not in text and "4 december 2026" not in text  # not the day it was made


def test_the_page_names_the_contact_person_the_missiv_names(session, client, auth, clock, app):
    import re

    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    jesper = make_user(session, role=Role.handlaggare, namnder=[namnd], name="Jesper Lindkvist",
                       email="handlaggare@remiss.example")
    session.commit()
    auth.login(user.email)
    done = auth.post("/remisser/ny-utgaende", _form(namnd))  # Kontaktperson left empty
    assert done.status_code == 302
    session.expire_all()
    remiss = session.exec(select(Remiss).where(Remiss.direction == "utgaende")).one()
    remiss.handlaggare_id = jesper.id
    session.add(remiss)
    session.commit()
    with app.app_context():
        missiv = missiv_doc.generate_missiv(session, now=TODAY, principal=Principal.system(), remiss=remiss,
                                            files_dir=app.config["FILES_DIR"])
    session.commit()
    assert "Jesper Lindkvist, handlaggare@remiss.example" in _docx_text(app, missiv)
    page = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(f"/remisser/{remiss.id}").get_data(
        as_text=True))))
    assert "Kontaktperson Jesper Lindkvist (handläggaren) , handlaggare@remiss.example" in page
    assert "Kontaktperson –" not in page


def test_changing_the_missiv_date_to_after_the_sista_svarsdag_is_refused(session):
    import pytest

    from remiss.remisser import service as remisser
    from remiss.remisser.input import InputErrors, SandlistaItem
    from tests.support.factories import make_remiss

    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2026, 12, 18),
                         sandlista=[SandlistaItem("Miljönämnden", "miljo@example.se", "")])
    with pytest.raises(InputErrors) as refused:
        remisser.update(session, now=TODAY, principal=Principal.system(), remiss=remiss,
                        changes={"letter_date": date(2026, 12, 18)})
    assert refused.value.errors["letter_date"].startswith(
        "Missivets datum 18 december 2026 ligger inte före sista svarsdagen 18 december 2026.")
    remisser.update(session, now=TODAY, principal=Principal.system(), remiss=remiss,
                    changes={"letter_date": date(2026, 12, 3)})
    assert remiss.letter_date == date(2026, 12, 3)
