"""walk25b Z7: the mails to the instanser and the missiv's file name say who sends them, "Nämnd, Organisation –",
as the yttrande mail does (namnd.models.name_with_organisation): the missiv mail was "Remiss: Cykelplan för Öster
(SOFÖ 2026/0006)" with "Missiv SOFÖ 2026-0006.docx" attached, from "Remiss <remiss@localhost>" – a receiving
registrator could not see who sent it. Real SMTP, the real .docx reopened, the Handlingar list read."""
from __future__ import annotations

import io
import re
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.namnd.models import Namnd
from remiss.outgoing.service import chasers
from remiss.remisser.models import Attachment, Remiss
from tests.outgoing.conftest import at, run_sweep, sent_to_kommunal_and_ungdom



def _listed(html: str) -> list[str]:
    part = html[html.index('id="h-handlingar"'):]
    part = part[:part.index("</section>")]
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", li)).split()) for li in re.findall(r"<li>(.*?)</li>", part, re.S)]


def test_every_mail_to_the_instanser_and_the_missiv_file_name_the_sender(app, db, session, clock, auth, client,
                                                                         smtp, runner):
    remiss_id, (kommunal, _) = sent_to_kommunal_and_ungdom(app, session, clock, auth, namnd_name="Stadsområdesnämnd Öster",
                                                          title="Cykelplan för Öster")
    remiss = session.get(Remiss, remiss_id)
    namnd = session.get(Namnd, remiss.namnd_id)
    sender = "Stadsområdesnämnd Öster, Malmö stad"  # the factory's organisation
    dnr = remiss.our_dnr
    session.rollback()

    mailed = run_sweep(runner, smtp, clock.now)
    assert len(mailed) == 2
    file_name = f"{sender} – missiv {dnr.replace('/', '-')}.docx"
    for _, mail in mailed:
        assert mail["Subject"] == f"{sender} – Remiss: {remiss.title} ({dnr})", mail["Subject"]
        [part] = [p for p in mail.iter_attachments()]
        assert part.get_filename() == file_name
        assert remiss.title in "\n".join(p.text for p in Document(io.BytesIO(part.get_content())).paragraphs)
        assert f"Bifogat finns missivet: {file_name}." in mail.get_body(("plain",)).get_content()

    # the kept copy among the handlingar has the very name the instanser got
    session.expire_all()
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id,
                                                 Attachment.purpose == "missiv")).all()
    assert [a.filename for a in kept] == [file_name]
    assert any(line.startswith(file_name) for line in _listed(client.get(f"/remisser/{remiss_id}").get_data(
        as_text=True))), _listed(client.get(f"/remisser/{remiss_id}").get_data(as_text=True))
    session.rollback()

    page = f"/remisser/{remiss_id}"
    auth.post(f"{page}/utskick/instanser/{kommunal}",
              {"action": "grant_extension", "until_on": "2027-01-08", "until_time": "15.00"})
    auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-01-04", "until_time": "12.00",
                                             "reason": "Flera har bett om mer tid.", "confirm_extension": "1"},
              form_url=page)
    told = {m["Subject"] for _, m in run_sweep(runner, smtp, at(2026, 12, 5, 0, 31))}
    assert told == {f"{sender} – Anstånd: {remiss.title} ({dnr})",
                    f"{sender} – Förlängd remisstid: {remiss.title} ({dnr})"}, told

    # a påminnelse before the svarsdag (5 arbetsdagar before 4 January: 22 December) says who reminds
    session.rollback()
    assert runner.invoke(args=["outgoing", "chasers", "--now", "2026-12-22T08:05"]).exit_code == 0
    chased = [m for _, m in run_sweep(runner, smtp, at(2026, 12, 22, 8, 5)) if m["X-Remiss-Kind"] == chasers.KIND]
    assert chased and all(m["Subject"].startswith(f"{sender} – Påminnelse: remissen ") for m in chased), \
        [m["Subject"] for m in chased]
