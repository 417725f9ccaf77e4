"""The registrator's mailbox against a real dovecot: each mail a proposal in the Inkorg, fetched once."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from datetime import date, datetime, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.intake.mailbox import MailboxError, open_mailbox
from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from remiss.intake.scheduled import poll_mailbox
from remiss.remisser.models import Attachment, Remiss
from tests.intake import dovecot
from tests.intake.letters import eml_with_pdf, rk_pdf
from tests.intake.test_files import register
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_remiss, make_user

pytestmark = pytest.mark.skipif(not dovecot.available(), reason="dovecot-imapd saknas (.ci/run installerar det)")
POLLED = datetime(2024, 2, 13, 9, 0, tzinfo=timezone.utc)
DONE = "Remiss-inlästa"


@pytest.fixture
def imap():
    # Not under pytest's tmp root (mode 0700): dovecot's auth and mail processes run as other users.
    root = Path(tempfile.mkdtemp(prefix="remiss-dovecot-"))
    root.chmod(0o755)
    server = dovecot.start(root)
    yield server
    dovecot.stop(server)
    shutil.rmtree(root, ignore_errors=True)


def mail(subject: str, body: str, message_id: str) -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, "registrator@ju.example.se", "ks@malmo.se"
    message["Date"], message["Message-ID"] = "Mon, 12 Feb 2024 10:00:00 +0100", message_id
    message.set_content(body)
    return bytes(message)


def rk_remiss() -> bytes:
    raw = eml_with_pdf(rk_pdf())
    return raw.replace(b"Subject:", b"Message-ID: <rk-fi2024-00345@regeringskansliet.se>\nSubject:", 1)


EXTENSION = mail("VB: Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)", """Hej,

Vidarebefordrar för kännedom.

Remiss av promemorian Skärpta straff för vapenbrott

Justitiedepartementet har förlängt remisstiden. Remissvaren ska i stället ha kommit in till Justitiedepartementet \
senast den 30 april 2024. Ange diarienummer Ju2023/04567 i ämnesraden.

Med vänlig hälsning
Per Ek
Justitiedepartementet
""", "<forlangning-ju2023-04567@regeringskansliet.se>")
UNRELATED = mail("Lunch på fredag?", "Ska vi äta lunch på fredag klockan tolv?\n/Lisa", "<lunch@malmo.se>")


@pytest.fixture
def inbox_world(session, app, imap):
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Remiss av promemorian Skärpta straff för vapenbrott",
                             remittent="Justitiedepartementet", sender_dnr="Ju2023/04567",
                             deadline_on=date(2024, 3, 29))
    session.commit()
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER=DONE)
    for raw in (rk_remiss(), EXTENSION, UNRELATED):
        imap.deliver(raw)
    return namnd, registered


def messages(db) -> list[InboxMessage]:
    with db.transaction() as s:
        rows = s.exec(select(InboxMessage).order_by(InboxMessage.id)).all()
        s.expunge_all()
        return rows


def test_three_mails_give_two_proposals_and_one_merge_and_a_second_poll_nothing(app, db, imap, inbox_world):
    _, registered = inbox_world
    result = poll_mailbox(db, app.config, now=POLLED)
    assert (result.new, result.known) == (3, 0)
    rows = messages(db)
    assert [r.status for r in rows] == ["pending"] * 3
    by_subject = {r.subject: r for r in rows}
    rk = by_subject["VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"]
    extension = by_subject["VB: Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)"]
    unrelated = by_subject["Lunch på fredag?"]
    assert [r.match_remiss_id for r in rows if r.match_remiss_id] == [registered.id]  # the one merge suggestion
    assert extension.match_remiss_id == registered.id
    assert rk.match_remiss_id is None and unrelated.match_remiss_id is None  # the two proposals
    values = json.loads(rk.form_values)
    assert (values["sender_dnr"], values["deadline_on"], values["remittent"]) == \
        ("Fi2024/00345", "2024-05-15", "Finansdepartementet")
    assert "Fi2024/00345" in json.loads(rk.evidence)["sender_dnr"]  # the words each field was read from
    names = [f["filename"] for f in json.loads(rk.files)]
    assert names[0].endswith(".eml") and "Fi2024-00345 Remiss.pdf" in names and "Promemoria.pdf" in names
    assert rk.sent_at == datetime(2024, 2, 12, 9, 0, tzinfo=timezone.utc)
    assert imap.count("INBOX") == 0 and imap.count(DONE) == 3

    again = poll_mailbox(db, app.config, now=POLLED)
    assert (again.new, again.known) == (0, 0) and len(messages(db)) == 3

    imap.deliver(UNRELATED)  # the same Message-ID again, e.g. sent twice
    third = poll_mailbox(db, app.config, now=POLLED)
    assert (third.new, third.known) == (0, 1) and len(messages(db)) == 3 and imap.count("INBOX") == 0


def test_the_sekreterare_registers_merges_and_dismisses(client, auth, app, db, session, clock, imap, inbox_world):
    namnd, registered = inbox_world
    clock.set(POLLED)
    poll_mailbox(db, app.config, now=POLLED)
    rows = {r.subject: r for r in messages(db)}
    auth.login("sekr@malmo.se")
    page = client.get("/inkorg").get_data(as_text=True)
    assert "3 meddelanden att hantera" in page
    # "Förlängning av …" once the parser gives extension_to (remiss.missiv, issue 21); the match either way
    assert "Finns redan: " in page and registered.our_dnr in page
    start = client.get("/").get_data(as_text=True)
    assert 'href="/inkorg"' in start  # the menu item, with what waits there, and a line on Att göra
    assert re.search(r'href="/inkorg"[^>]*>Inkorg <span class="menu-count">\(3\)</span></a>', start)
    assert "3 meddelanden väntar i inkorgen" in start
    # the lunch mail is no remiss: said so in the list, and dismissing it comes first on its page
    assert page.count("Ser inte ut som en remiss") == 1
    assert page.find("Lunch på fredag?") > page.find("Sänkt skatt")  # listed last, though fetched with the others
    lunch = client.get(f"/inkorg/{rows['Lunch på fredag?'].id}").get_data(as_text=True)
    assert "Ser inte ut som en remiss." in lunch
    assert lunch.find("Avvisa – det är ingen remiss") < lunch.find("Registrera som ny remiss")

    rk = rows["VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"]
    item = client.get(f"/inkorg/{rk.id}").get_data(as_text=True)
    assert "Fi2024/00345" in item and "15 maj 2024" in item and "Registrera som ny remiss" in item
    response = auth.post(f"/inkorg/{rk.id}/registrera", form_url=f"/inkorg/{rk.id}")
    assert response.status_code == 302 and "/remisser/ny?missiv=" in response.headers["Location"]
    form_url = response.headers["Location"]
    form = client.get(form_url).get_data(as_text=True)
    assert "Förifyllt från missivet" in form
    assert register(auth, form, form_url, namnd.id).status_code == 302
    with db.transaction() as s:
        new = s.exec(select(Remiss).where(Remiss.sender_dnr == "Fi2024/00345")).one()
        files = sorted(a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == new.id)))
        assert any(f.endswith(".eml") for f in files) and "Fi2024-00345 Remiss.pdf" in files
        assert s.get(InboxMessage, rk.id).status == "registered" and s.get(InboxMessage, rk.id).remiss_id == new.id

    extension = rows["VB: Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)"]
    item = client.get(f"/inkorg/{extension.id}").get_data(as_text=True)
    assert "För samman med" in item
    if extension.extension_to:  # the parser read the notice as one (remiss.missiv, issue 21)
        assert "allmän förlängning av remisstiden till 30 april 2024" in item
    response = auth.post(f"/inkorg/{extension.id}/sammanfor", {"remiss_id": registered.id, "extend": "1"},
                         form_url=f"/inkorg/{extension.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        assert s.get(InboxMessage, extension.id).status == "merged"
        kept = s.exec(select(Attachment).where(Attachment.remiss_id == registered.id)).all()
        assert [a.filename for a in kept] == [
            "VB Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023-04567).eml"]
        granted = s.exec(select(Extension).where(Extension.remiss_id == registered.id)).all()
        if extension.extension_to:
            assert [(e.is_general, e.granted_until_on) for e in granted] == [(True, date(2024, 4, 30))]
        else:
            assert granted == []

    unrelated = rows["Lunch på fredag?"]
    assert auth.post(f"/inkorg/{unrelated.id}/avvisa", form_url=f"/inkorg/{unrelated.id}").status_code == 302
    assert "Inkorgen är tom" in client.get("/inkorg").get_data(as_text=True)
    handled = client.get("/inkorg?visa=hanterade").get_data(as_text=True)
    assert "Avvisad" in handled and "Registrerad" in handled and "Sammanförd" in handled
    # decided once: a second click does nothing
    auth.post(f"/inkorg/{unrelated.id}/registrera", form_url=f"/inkorg/{unrelated.id}")
    assert messages(db)[2].status == "dismissed"


def test_the_inkorg_is_for_those_who_register(client, auth, session, app, db):
    namnd = world(session)
    make_user(session, role=Role.handlaggare, namnder=[namnd], email="hl@malmo.se")
    session.commit()
    auth.login("hl@malmo.se")
    assert client.get("/inkorg").status_code == 403
    assert 'href="/inkorg"' not in client.get("/").get_data(as_text=True)


def test_a_wrong_password_is_a_swedish_error(imap):
    with pytest.raises(MailboxError, match="Inloggningen i brevlådan som registrator misslyckades"):
        with open_mailbox(imap.url.replace("losen", "fel")):
            pass


def test_cli_polls_once_and_the_scheduler_lists_the_job(app, db, runner, imap, inbox_world):
    listing = runner.invoke(args=["scheduler", "--list"]).output
    assert "inbox-poll" in listing and "300" in listing
    first = runner.invoke(args=["inbox-poll"])
    assert first.exit_code == 0 and "Inkorgen: 3 nya meddelanden, 0 redan inlästa." in first.output
    assert "Inkorgen: 0 nya meddelanden, 0 redan inlästa." in runner.invoke(args=["inbox-poll"]).output
    app.config["IMAP_URL"] = ""
    unset = runner.invoke(args=["inbox-poll"])
    assert unset.exit_code != 0 and "REMISS_IMAP_URL" in unset.output
    assert "inbox-poll" not in runner.invoke(args=["scheduler", "--list"]).output


def test_merge_into_a_remiss_named_by_our_dnr_keeps_what_was_typed(client, auth, app, db, session, imap,
                                                                   inbox_world):
    namnd, registered = inbox_world
    poll_mailbox(db, app.config, now=POLLED)
    rk = {r.subject: r for r in messages(db)}["VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"]
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{rk.id}"
    response = auth.post(f"{url}/sammanfor", {"our_dnr": "LB 1999/9999"}, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Ingen remiss med diarienummer LB 1999/9999" in page
    assert 'value="LB 1999/9999"' in page
    response = auth.post(f"{url}/sammanfor", {"our_dnr": f" {registered.our_dnr} "}, form_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        names = {a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == registered.id))}
        assert {"Fi2024-00345 Remiss.pdf", "Promemoria.pdf"} <= names
        assert s.get(InboxMessage, rk.id).status == "merged"


def test_an_extension_notice_without_a_dnr_is_matched_by_its_title(session, db, app, tmp_path):
    """Real notices (missiv-dev.json, kind extension) often name the remiss but not its diarienummer."""
    from remiss.intake.service import inbox
    from remiss.intake.reading import ReadLimits
    from tests.support.factories import make_namnd

    namnd = make_namnd(session)
    registered = make_remiss(session, namnd=namnd, sender_dnr="Fi2017/01234", remittent="Finansdepartementet",
                             title="Remiss av SOU 2017:27 Vissa frågor inom fastighets- och stämpelskatteområdet")
    make_remiss(session, namnd=namnd, title="Remiss av SOU 2017:28 Något annat")
    session.commit()
    notice = mail("Remiss av SOU 2017:27 Vissa frågor inom fastighets- och stämpelskatteområdet",
                  "Enligt tidigare utskick var svarstiden för remissvaren satt till den 14 augusti 2017. Remisstiden "
                  "har förlängts. Remissvaren ska istället ha kommit in till Finansdepartementet senast den "
                  "15 september 2017.", "<sou-2017-27@regeringen.se>")
    with db.transaction() as s:
        message, new = inbox.receive(s, now=POLLED, raw=notice, files_dir=str(tmp_path),
                                      limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert new and message.match_remiss_id == registered.id


JULBORD = mail("Julbord fredag 18 december – anmälan senast 10 december", """Hej alla!

Välkomna till årets julbord fredag 18 december kl 17.00 i Stadshusets matsal.
Anmäl dig senast den 10 december till personal@kommunen.se.

Hälsningar
Anna Berg
Personalenheten
""", "<julbord@kommunen.se>")


def test_a_staff_mail_with_a_date_does_not_look_like_a_remiss(session, db, app, tmp_path):
    from remiss.intake.service import inbox
    from remiss.intake.reading import ReadLimits

    with db.transaction() as s:
        julbord, _ = inbox.receive(s, now=POLLED, raw=JULBORD, files_dir=str(tmp_path),
                                    limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        remiss, _ = inbox.receive(s, now=POLLED, raw=rk_remiss(), files_dir=str(tmp_path),
                                   limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert not inbox.looks_like_remiss(julbord)
        assert inbox.looks_like_remiss(remiss)
        assert inbox.pending_count(s) == 2
