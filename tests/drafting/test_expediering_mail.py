"""Expediering e-mails the frozen yttrande to the remittent, with copies, once, through the outbox."""
from __future__ import annotations

import io
import re
import shutil
from datetime import datetime, timezone

import docx
from pypdf import PdfReader
from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.drafting.models import GeneratedDocument
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.drafting.conftest import decide
from tests.drafting.test_flow import draft_form


def expediera(auth, rid: int, **kwargs):
    """Press Expediera on the remiss page."""
    return auth.post(f"/remisser/{rid}/yttrande/expediera", {"confirm_expediera": "1"},  # the question's yes
                     form_url=f"/remisser/{rid}", **kwargs)


def sweep(runner, moment: str):
    """Run the reminders sweep at a Stockholm time, as cron does; it must finish."""
    result = runner.invoke(args=["reminders", "run", "--now", moment])
    assert result.exit_code == 0, result.output
    return result


def rattelse_in_granskning(auth, runner, clock, rid: int, sammanfattning: str) -> None:
    """Expediera the yttrande and mail it; on 12 October 2015 begin a rättelse of it ("Fel årtal."), save it with
    this sammanfattning and send it to granskning, all on the pages."""
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    expediera(auth, rid)
    sweep(runner, "2015-09-24T18:30")
    clock.set(datetime(2015, 10, 12, 9, 0, tzinfo=timezone.utc))
    assert auth.post(f"{url}/rattelse", {"comment": "Fel årtal."}, form_url=page).status_code == 302
    assert auth.post(url, draft_form(rid, sammanfattning=sammanfattning), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302


def approve_and_decide_rattelse(auth, rid: int) -> None:
    """Approve the rättelse in granskning and record its delegationsbeslut of 12 October 2015: it may be expedierad."""
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, None, decided_by="delegat", delegat="Andreas Konstantinides, ordförande",
                  meeting_on="2015-10-12", paragraf="").status_code == 302


def test_expedierat_yttrande_is_mailed_with_the_docx_to_the_remittent_and_copies_once(
        world, decided, auth, client, reader, runner, smtp):
    rid = decided(copy_emails="registrator@kultur.malmo.se; kulturkansli@malmo.se, arkiv@malmo.se")
    response = expediera(auth, rid, follow_redirects=True)
    assert ("e-postas inom några minuter till kulturkansli@malmo.se med kopia till registrator@kultur.malmo.se, "
            "arkiv@malmo.se" in response.get_data(as_text=True))
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.besvarad  # closed, and the mail still goes

    for moment in ("2015-09-24T18:30", "2015-09-24T19:00", "2015-09-25T09:00"):  # the sweep, several times
        sweep(runner, moment)
    reader.rollback()
    mails = smtp.of_kind("yttrande_expedierat")
    assert len(mails) == 1
    rcpts, message = mails[0]
    assert rcpts == ["arkiv@malmo.se", "kulturkansli@malmo.se", "registrator@kultur.malmo.se"]
    assert message["To"] == "kulturkansli@malmo.se"
    assert message["Cc"] == "registrator@kultur.malmo.se, arkiv@malmo.se"
    our_dnr = world["remiss"].our_dnr
    subject = message["Subject"]
    # the ärendemening mid-sentence: "Yttrande över remiss angående …", no capital after "över" (walk11 finding 18)
    title = world["remiss"].title
    assert title.startswith("Remiss ")
    assert subject.startswith("KN-2015-1050 Stadsområdesnämnd Öster, Malmö stad – Yttrande över remiss ")
    assert "r" + title[1:] in subject and our_dnr in subject
    body = message.get_body(("plain",)).get_content()
    assert "Stadsområdesnämnd Öster" in body and our_dnr in body and "Sabina Vendela Dethorey" in body
    # the job title mid-sentence in lower case (walk8 finding 17)
    assert "besvaras av Sabina Vendela Dethorey, utvecklingssamordnare, sabina.dethorey@malmo.se." in body
    attachment, *pdfs = list(message.iter_attachments())  # "i både word- och pdf-format", as missiv ask
    assert attachment.get_filename() == "Stadsområdesnämnd Öster, Malmö stad – yttrande KN-2015-1050.docx"
    assert "Word- och PDF-format" in body
    if shutil.which("soffice"):
        [pdf] = pdfs
        assert pdf.get_filename() == "Stadsområdesnämnd Öster, Malmö stad – yttrande KN-2015-1050.pdf"
        root = PdfReader(io.BytesIO(pdf.get_content())).trailer["/Root"]
        assert pdf.get_content_type() == "application/pdf"
        assert "/StructTreeRoot" in root and root["/Lang"] == "sv-SE"  # tagged and Swedish for screen readers
    else:
        assert pdfs == [] and "PDF-versionen kunde inte skapas" in body
    frozen = reader.exec(select(GeneratedDocument).where(GeneratedDocument.frozen,
                                                         GeneratedDocument.kind == "yttrande")).one()
    data = attachment.get_content()
    assert data == client.get(f"/remisser/{rid}/dokument/arkiv/{frozen.id}.docx").data
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Stadsområdesnämnd Öster ställer sig positiva till förslaget." in text

    [row] = reader.exec(select(OutboxMessage).where(OutboxMessage.kind == "yttrande_expedierat")).all()
    assert row.status == "sent" and row.remiss_id == rid and row.message_id == message["Message-ID"]
    [logged] = reader.exec(select(AuditEvent).where(AuditEvent.remiss_id == rid,
                                                    AuditEvent.action == "yttrande_mail")).all()
    assert "kulturkansli@malmo.se" in logged.note and "arkiv@malmo.se" in logged.note


def test_without_an_answer_address_nothing_is_mailed_and_the_user_is_told(decided, auth, reader):
    rid = decided(answer_email="")
    response = expediera(auth, rid, follow_redirects=True)
    assert "saknar svarsadress" in response.get_data(as_text=True)
    reader.rollback()
    assert reader.exec(select(OutboxMessage).where(OutboxMessage.kind == "yttrande_expedierat")).all() == []
    assert reader.exec(select(AuditEvent).where(AuditEvent.action == "yttrande_mail")).one().note.startswith(
        "Yttrandet e-postades inte")
    # walk6: the page goes on saying so after the flash, not "Inget mer att göra"
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    step = re.search(r'<p class="next-step">(.*?)</p>', page, re.S).group(1)
    assert "inte e-postat" in step and "på annat sätt" in step and "Inget mer att göra" not in step, step


def test_a_title_with_line_breaks_does_not_stop_the_yttrande_mail(decided, auth, runner, smtp):
    """Issue 19, item 7: the header refused the title, and the mail failed on every retry."""
    rid = decided(title="Remiss om kulturstrategi\r\nBcc: spion@example.se")
    assert expediera(auth, rid).status_code == 302
    result = sweep(runner, "2015-09-24T19:00")
    assert "misslyckade (ger upp): 0, försök som misslyckades (görs om): 0" in result.output, result.output
    [(rcpts, message)] = smtp.of_kind("yttrande_expedierat")
    assert "spion@example.se" not in rcpts and message["Bcc"] is None
    assert "remiss om kulturstrategi Bcc: spion@example.se" in message["Subject"]


def test_a_rattelse_is_reviewed_and_mailed_as_a_rattelse(decided, auth, reader, runner, smtp, clock):
    """The rättelse of a besvarad remiss: its review notice reaches the granskare and its mail says what it is."""
    rid = decided()
    rattelse_in_granskning(auth, runner, clock, rid, "Rättad sammanfattning.")
    sweep(runner, "2015-10-12T11:00")  # while the rättelse is in granskning
    approve_and_decide_rattelse(auth, rid)
    done = expediera(auth, rid, follow_redirects=True).get_data(as_text=True)
    assert "Rättelsen är expedierad" in done
    assert "Rättelsen läggs i utkorgen och e-postas inom några minuter till kulturkansli@malmo.se" in done
    reader.rollback()
    assert reader.get(Remiss, rid).status == RemissStatus.besvarad
    sweep(runner, "2015-10-12T12:00")

    reviews = [(rcpts, m) for rcpts, m in smtp.of_kind("review") if "marie.hendra@malmo.se" in rcpts]
    # the rättelse's, though the remiss was besvarad by then; the yttrande's own notice was stopped, as it was
    # approved and expedited before any sweep (truth16 F1). The rättelse's says what is to be reviewed, and went out
    # when the remiss was answered: no deadline left to put in a calendar
    assert len(reviews) == 1
    ((_, rattelse_notice),) = reviews
    notice = rattelse_notice.get_body(("plain",)).get_content()
    assert "En rättelse av det expedierade yttrandet har skickats till granskning." in notice
    assert "utkast till yttrande" not in notice and "rättelse" in rattelse_notice["Subject"]
    assert list(rattelse_notice.iter_attachments()) == []
    first, second = smtp.of_kind("yttrande_expedierat")
    assert "Rättelse" not in first[1]["Subject"]
    assert second[1]["Subject"].startswith("KN-2015-1050 Stadsområdesnämnd Öster, Malmö stad – Rättelse av yttrande över ")
    body = second[1].get_body(("plain",)).get_content()
    assert "Härmed översänds en rättelse av yttrandet" in body and "Rättelsen ersätter det yttrande som" in body
    # what was corrected, as typed when the rättelse was begun (walk11 finding 18)
    assert "Rättelsen gäller: Fel årtal." in body
    assert "Rättelsen finns bifogad i Word- och PDF-format" in body and "bifogat" not in body
    attachment = next(iter(second[1].iter_attachments()))
    assert attachment.get_filename() == "Stadsområdesnämnd Öster, Malmö stad – rättelse av yttrande KN-2015-1050.docx"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(attachment.get_content())).paragraphs)
    assert "Rättad sammanfattning." in text and "genom delegationsbeslut av Andreas Konstantinides" in text


def test_a_diarienummer_with_a_slash_gives_attachments_and_downloads_every_system_can_save(
        decided, auth, client, reader, runner, smtp):
    """Issue 17: "… yttrande KN2023/04578.docx" cannot be saved on Windows (nor any name with \\ / : * ? " < > |)."""
    rid = decided(sender_dnr="KN2023/04578")
    assert expediera(auth, rid).status_code == 302
    sweep(runner, "2015-09-24T19:00")
    [(_, message)] = smtp.of_kind("yttrande_expedierat")
    names = [a.get_filename() for a in message.iter_attachments()]
    assert names[0] == "Stadsområdesnämnd Öster, Malmö stad – yttrande KN2023-04578.docx"
    assert all(not set(n) & set('\\/:*?"<>|') for n in names)
    reader.rollback()
    frozen = reader.exec(select(GeneratedDocument).where(GeneratedDocument.frozen,
                                                         GeneratedDocument.kind == "yttrande")).one()
    disposition = client.get(f"/remisser/{rid}/dokument/arkiv/{frozen.id}.docx").headers["Content-Disposition"]
    assert "/" not in disposition.split("filename*")[0] and "%2F" not in disposition
    assert docx.Document(io.BytesIO(next(message.iter_attachments()).get_content())).paragraphs  # a real .docx
