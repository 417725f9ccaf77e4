"""walk25b Z7: the mails to the instanser and the missiv's file name say who sends them, "Nämnd, Organisation –",
as the yttrande mail does (namnd.models.name_with_organisation): the missiv mail was "Remiss: Cykelplan för Öster
(SOFÖ 2026/0006)" with "Missiv SOFÖ 2026-0006.docx" attached, from "Remiss <remiss@localhost>" – a receiving
registrator could not see who sent it. Real SMTP, the real .docx reopened, the Handlingar list read."""
from __future__ import annotations

import io
import re
from datetime import date, time
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.namnd.models import Namnd
from remiss.outgoing.service import chasers, sending
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment, Remiss
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk12b_extension import at
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(app, session, clock, auth):
    clock.set(at(2026, 12, 5, 0, 30))
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", chase_workdays_before="5",
                       chase_workdays_after="2")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 0, 20),
                         title="Cykelplan för Öster", deadline_on=date(2026, 12, 18), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Kommunal", "kommunal@example.se", ""),
                                    SandlistaItem("Ungdomsrådet", "ungdom@example.se", "")])
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 0, 25), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    auth.login(user.email)
    ids, remiss_id = [e.id for e in remisser.entries(session, remiss.id)], remiss.id
    session.rollback()
    return remiss_id, ids


def _listed(html: str) -> list[str]:
    part = html[html.index('id="h-handlingar"'):]
    part = part[:part.index("</section>")]
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", li)).split()) for li in re.findall(r"<li>(.*?)</li>", part, re.S)]


def test_every_mail_to_the_instanser_and_the_missiv_file_name_the_sender(app, db, session, clock, auth, client,
                                                                         smtp, runner):
    remiss_id, (kommunal, _) = _world(app, session, clock, auth)
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
