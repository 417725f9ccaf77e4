"""The yttrande as it was sent is archived at expediering: the PDF made once, stored, attached to the mail as it
is, and offered on the remiss page ("Expedierat yttrande (arkiverat)") and in the API; a later template of the
nämnd changes nothing of it. One LibreOffice conversion in all (ARCHIVE_SENT_PDF is off in other tests)."""
from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from docx import Document
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.documents.pdf import soffice_path
from remiss.documents.render import default_template
from remiss.drafting import decision as decisions
from remiss.drafting import mailing, namnd_templates
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import ArchivedDocument
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user

pytestmark = pytest.mark.skipif(soffice_path() is None, reason="needs LibreOffice (soffice)")


def _decided(session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    h = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@oster.se")
    g = make_user(session, role=Role.granskare, namnder=[namnd], email="g@oster.se")
    r = make_user(session, role=Role.registrator, namnder=[namnd], email="r@oster.se")
    admin = make_user(session, role=Role.admin, email="admin@oster.se")
    clock.set(at(2026, 11, 16))  # the yttrande is approved before the meeting of 19 November that decides on it
    remiss = make_remiss(session, namnd=namnd, by=r, now=clock(), handlaggare_id=h.id, title="Kulturstrategi 2027",
                         answer_email="kulturkansli@malmo.se", deadline_on=date(2026, 12, 18))
    ph, pg, pr = (Principal.of(session, u) for u in (h, g, r))
    save(session, now=clock(), principal=ph, remiss=remiss, raw={"sammanfattning": "Nämnden är positiv."})
    change_state(session, now=clock(), principal=ph, remiss=remiss, new="granskning")
    change_state(session, now=clock(), principal=pg, remiss=remiss, new="godkand")
    clock.set(at(2026, 11, 23))
    decisions.record_decision(session, now=clock(), principal=pr, remiss=remiss, decided_by="namnd",
                              meeting_on=date(2026, 11, 19), paragraf="§ 142", omedelbar_justering=True)
    token = create_api_token(session, now=clock(), user=r, name="test")
    pa = Principal.of(session, admin)
    session.commit()
    return namnd, remiss.id, pa, {"Authorization": f"Bearer {token}"}


def _new_template() -> bytes:
    """The shipped yttrande template with a line of its own: the nämnd's next version."""
    doc = Document(io.BytesIO(default_template("yttrande")))
    doc.add_paragraph("Ny mall från och med 2027.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_sent_pdf_is_archived_mailed_as_it_is_and_outlives_a_new_template(app, client, auth, session, clock):
    namnd, rid, admin, headers = _decided(session, clock)
    app.config["ARCHIVE_SENT_PDF"] = True
    auth.login("r@oster.se")
    r = auth.post(f"/remisser/{rid}/yttrande/expediera", {"confirm_expediera": "1"}, form_url=f"/remisser/{rid}")
    assert r.status_code == 302

    session.rollback()
    [row] = session.exec(select(ArchivedDocument).where(ArchivedDocument.remiss_id == rid)).all()
    kept = (app.config["FILES_DIR"] + "/" + row.storage_key)
    archived = open(kept, "rb").read()
    assert archived.startswith(b"%PDF") and hashlib.sha256(archived).hexdigest() == row.sha256
    assert (row.kind, row.rattelse, row.version_number) == ("yttrande", 0, 1)

    # the mail attaches these very bytes: composed from the archive, not converted again
    [mail] = session.exec(select(OutboxMessage).where(OutboxMessage.kind == mailing.KIND)).all()
    message = mailing.compose(session, mail, config=app.config, now=clock())
    [pdf] = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert pdf.get_content() == archived and pdf.get_filename() == row.filename

    # the nämnd's template changes after the expediering
    namnd_templates.upload(session, now=clock(), principal=admin, namnd=namnd, kind="yttrande",
                           filename="yttrande-2027.docx", data=_new_template(), max_bytes=5 * 1024 * 1024)
    session.commit()
    clock.advance(days=30)

    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    link = f"/remisser/{rid}/arkiv/{row.id}"
    # no sweep has sent the mail: the archive says expedierat, not "skickat", beside "väntar i utkorgen" (walk20 H8)
    assert "Yttrandet väntar i utkorgen sedan" in page and "Det är inte skickat ännu." in page
    assert f'<a href="{link}">Expedierat yttrande (arkiverat)</a>' in page
    assert "exakt det som expedierades)" in page and "Expedierat yttrande arkiverat" in page  # Handlingar, history
    assert "Skickat yttrande" not in page and "exakt det som skickades" not in page
    download = client.get(link)
    assert download.status_code == 200 and download.mimetype == "application/pdf" and download.data == archived
    body = client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    [entry] = body["archived"]
    assert entry["label"] == "Expedierat yttrande (arkiverat)" and entry["url"] == link
    assert entry["sha256"] == hashlib.sha256(archived).hexdigest() and entry["version"] == 1
    assert client.get(f"/remisser/{rid}/arkiv/{row.id + 1}").status_code == 404
