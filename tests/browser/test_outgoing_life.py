"""An outgoing remiss's whole life in a real browser, from an incomplete register to a published
remissammanställning, as the nämndsekreterare (a registrator, not an admin) does it:

five instanser in the register, two without e-mail and one of them without any address; the sekreterare
fixes that address from the remiss page (no 403), the register changes an e-mail after the remiss was
created and the new one is used; sending mails three (to aiosmtpd, through the real outbox sweep) and makes
one Word file of two letters; one answer is an uploaded .eml, one comes late by post, one avstår, one gets
anstånd; the chasers go out through the real sweep to the one who has not answered only; the answers are
compiled (the kept Word file reopened), published, and the public page is read by an anonymous visitor.
"""
from __future__ import annotations

import io
import re
import time
from datetime import datetime, timezone
from email.message import EmailMessage

import pytest
from docx import Document
from sqlmodel import select

from tests.browser.conftest import LIVE, check_axe, check_axe_once
from tests.outgoing.conftest import Inbox
from tests.support.local_smtp import start_smtp

pytestmark = pytest.mark.browser
SEKRETERARE = "sekreterare@remiss.example"
TITLE = "Remiss om riktlinjer för lokala föreningsbidrag"
QUESTIONS = ["Delar ni bedömningen av bidragsnivåerna?", "Har ni synpunkter på ansökningstiderna?"]
# name, e-mail, postal address, group
REGISTER = [("Idrottsalliansen Öster", "idrott@forening.example", "", "Föreningar"),
            ("Kulturföreningen Ljuset", "ljuset@forening.example", "", "Föreningar"),
            ("Hyresgästföreningen Öster", "gammal@hyresgast.example", "", "Organisationer"),
            ("Scoutkåren Tallen", "", "", "Föreningar"),
            ("PRO Öster", "", "Box 12\n212 00 Malmö", "Organisationer")]
A, B, C, D, E = (r[0] for r in REGISTER)
NEW_EMAIL_C = "kansli@hyresgast.example"


def _messages(page) -> str:
    return page.locator(".messages").inner_text()


def _register_instanser() -> None:
    from remiss.outgoing.models import Organisation

    app = LIVE["app"]
    with app.extensions["remiss_db"].transaction() as session:
        from tests.browser.conftest import START
        for name, email, address, group in REGISTER:
            session.add(Organisation(name=name, email=email, postal_address=address, group_name=group,
                                     created_at=START))


def _change_register_email(name: str, email: str) -> None:
    """What an administrator's import does after the remiss was created."""
    from remiss.outgoing.models import Organisation

    with LIVE["app"].extensions["remiss_db"].transaction() as session:
        org = session.exec(select(Organisation).where(Organisation.name == name)).one()
        org.email = email
        session.add(org)


def _answer_eml() -> bytes:
    message = EmailMessage()
    message["From"] = "idrott@forening.example"
    message["To"] = "son.oster@remiss.example"
    message["Subject"] = "Svar på remiss"
    message["Date"] = "Wed, 10 Feb 2010 14:03:00 +0100"
    message.set_content("Idrottsalliansen tillstyrker förslaget men vill ha längre ansökningstider.")
    message.add_attachment(b"%PDF-1.4 remissvar", maintype="application", subtype="pdf",
                           filename="Remissvar Idrottsalliansen.pdf")
    return bytes(message)


def _entry_page(page, name: str) -> None:
    page.locator("#utskick").get_by_role("link", name=name, exact=True).click()
    page.wait_for_url(re.compile(r"/utskick/instanser/\d+"))
    check_axe_once(page)


def _sweep(moment: str) -> None:
    result = LIVE["app"].test_cli_runner().invoke(args=["reminders", "run", "--now", moment])
    assert result.exit_code == 0, result.output


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])


def test_outgoing_remiss_from_incomplete_register_to_published_sammanstallning(open_page):
    _register_instanser()
    page = open_page(SEKRETERARE)

    # 1. Register the remiss with the five instanser; it starts as Utkast.
    page.goto("/remisser/ny-utgaende")
    check_axe_once(page)
    page.get_by_label(re.compile("^Ärendemening")).fill(TITLE)
    page.get_by_label("Remitterande nämnd").select_option(label="Stadsområdesnämnd Öster")
    page.get_by_label(re.compile("^Sista svarsdag")).fill("2010-02-26")
    page.get_by_label("Frågeställningar").fill("\n".join(QUESTIONS))
    for name in (A, B, C, D, E):
        page.get_by_label(re.compile(f"^{name}")).check()
    page.get_by_role("button", name="Registrera").click()
    page.wait_for_url(re.compile(r"/remisser/\d+(#utskick)?$"))
    remiss_url = page.url.split("#")[0]
    rid = int(remiss_url.rstrip("/").split("/")[-1])
    head = page.locator(".page-head").inner_text()
    assert "Utkast" in head and "Nästa steg" in head
    assert "Tidplan" not in page.locator(".subnav").inner_text()  # no incoming tidplan on our own remiss
    assert "Allmän förlängning" not in page.locator("main").inner_text()
    panel = page.locator("#utskick")
    assert f"Adress saknas för {D}" in panel.inner_text()
    assert panel.get_by_role("button", name="Skicka remissen").count() == 0
    check_axe(page)

    # 2. The register changes C's address after the remiss was made: the sändlista shows the new one.
    _change_register_email(C, NEW_EMAIL_C)
    page.reload()
    assert NEW_EMAIL_C in page.locator("#utskick").inner_text()

    # 3. Fix D's address from the remiss page, as the sekreterare: saved here and in the register.
    page.locator("#utskick").get_by_role("link", name=D, exact=True).first.click()
    page.wait_for_url(re.compile(r"/utskick/instanser/\d+"))
    check_axe_once(page)
    page.get_by_label("Postadress").fill("Tallvägen 3\n212 34 Malmö")
    page.get_by_role("button", name="Spara adressen").click()
    assert f"Adressen till {D} är ändrad här och i registret." in _messages(page)
    panel = page.locator("#utskick")
    assert "Adress saknas" not in panel.inner_text()
    assert "3 med e-post, 2 per post" in panel.inner_text()

    # 4. Send: three mails in the outbox, one Word file of two letters; the remiss is Skickad.
    asked = []  # external mail goes at once: the page asks first, naming how many and to whom
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    panel.get_by_role("button", name="Skicka remissen").click()
    assert "missivet läggs i utkorgen och e-postas inom några minuter till 3 remissinstanser" in _messages(page)
    assert asked and ("Skicka remissen nu? Den läggs i utkorgen och e-postas inom några minuter till 3 "
                      "remissinstanser: ") in asked[0]
    assert "Skickad" in page.locator(".page-head").inner_text()
    panel = page.locator("#utskick")
    assert panel.get_by_role("button", name="Skicka remissen").count() == 0
    assert panel.inner_text().count("per post") >= 2
    with page.expect_download() as info:
        panel.get_by_role("link", name="Brev med missivet att skriva ut (Word)").click()
    letters = Document(info.value.path())
    text = "\n".join(p.text for p in letters.paragraphs)
    assert text.index(D) < text.index("Tallvägen 3") < text.index(E) < text.index("Box 12")
    assert text.count(TITLE) >= 2  # the missiv once per letter
    assert len(letters.sections) == 2  # each letter its own section, with its own header and pages (walk17 F17)
    check_axe(page)

    # The start page speaks of outgoing work: sent today with the svarstid a month ahead, nothing calls for
    # attention yet (outgoing.present.start_section), and the remiss is counted with a link to it in the diarium.
    # Until the sweep has sent it, the missiv waits in the Utkorg and the start page lists the remiss saying so
    # (walk21 J3: it said nothing while the missiv was not sent).
    page.goto("/")
    start = page.locator("main").inner_text()
    assert "missivet i utkorgen (inte skickat)" in start, start
    assert TITLE in page.request.get("/remisser?status=open&direction=utgaende").text()
    check_axe_once(page)

    # 5. The real sweep delivers the three missiv mails to aiosmtpd (C at the register's new address).
    inbox = Inbox()
    controller = start_smtp(inbox)
    app = LIVE["app"]
    old_smtp = app.config["SMTP_URL"]
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{controller.port}"
    try:
        _sweep("2010-01-28T09:00")
        ours = [(rcpts, m) for rcpts, m in inbox.messages if TITLE in str(m["Subject"])]
        assert sorted(r for rcpts, _ in ours for r in rcpts) == sorted(
            ["idrott@forening.example", "ljuset@forening.example", NEW_EMAIL_C])
        assert all(m["X-Remiss-Kind"] == "outgoing_missiv" for _, m in ours)
        assert "gammal@hyresgast.example" not in [r for rcpts, _ in inbox.messages for r in rcpts]
        # sent, with the svarstid a month ahead: nothing calls for attention, and the remiss is counted among
        # the outgoing remisser with a later svarsdag (earlier tests of the suite may have sent others)
        page.goto("/")
        start = page.locator("main").inner_text()
        later = re.search(r"(\d+) utgående remiss(?:er)? med senare svarsdag visas inte här", start)
        assert later and int(later.group(1)) >= 1, start

        # 6. Answers: A by an uploaded .eml, D by post after the deadline, E avstår, B gets anstånd. The app's day
        # moves to 1 March 2010, after the svarsdag: an answer cannot be dated after today (walk9).
        _move_clock(app, datetime(2010, 3, 1, 9, 0, tzinfo=timezone.utc))
        page.goto(remiss_url + "#utskick")
        _entry_page(page, A)
        page.locator("#f-files").set_input_files(files=[{"name": "svar-idrott.eml", "mimeType": "message/rfc822",
                                                         "buffer": _answer_eml()}])
        page.get_by_role("button", name="Spara svaret").click()
        assert f"Svaret från {A} är registrerat." in _messages(page)
        page.goto(remiss_url + "#utskick")
        _entry_page(page, D)
        page.get_by_label("Svaret inkom").fill("2010-03-01")
        page.get_by_label(re.compile("^1. " + QUESTIONS[0][:10])).fill("Scoutkåren delar bedömningen.")
        page.locator("#f-files").set_input_files(files=[{"name": "Svar Scoutkåren.pdf", "mimeType": "application/pdf",
                                                         "buffer": b"%PDF-1.4 scout"}])
        page.get_by_role("button", name="Spara svaret").click()
        assert "efter svarstiden" in _messages(page)
        page.goto(remiss_url + "#utskick")
        _entry_page(page, E)
        page.get_by_role("button", name="Instansen avstår").click()
        assert f"{E} avstår" in _messages(page)
        page.goto(remiss_url + "#utskick")
        _entry_page(page, B)
        page.get_by_label("Ny svarsdag").fill("2010-03-19")
        page.get_by_role("button", name="Bevilja anstånd").click()
        assert f"{B} har fått anstånd till 19 mars 2010" in _messages(page)
        panel = page.locator("#utskick")
        panel_text = panel.inner_text()
        assert "2 av 5 har svarat" in panel_text and "1 avstår" in panel_text
        assert f"{B}: anstånd till 19 mars 2010" in panel_text
        assert "10 februari 2010" in panel_text  # the answer's date from the .eml
        assert "påminnelser planerade" in panel_text

        # 7. Chasers through the real sweep, two workdays after the deadline: only C has neither answered nor
        # been given more time.
        before = len(inbox.messages)
        _sweep("2010-03-02T09:00")
        chased = [(rcpts, m) for rcpts, m in inbox.messages[before:] if m["X-Remiss-Kind"] == "outgoing_chaser"
                  and TITLE in str(m["Subject"])]
        assert chased and {r for rcpts, _ in chased for r in rcpts} == {NEW_EMAIL_C}
        assert any("svar saknas" in str(m["Subject"]) for _, m in chased)
        # ... and the sekreterare, who registered it, is told the morning after the svarstid ran out.
        told = [m for rcpts, m in inbox.messages[before:] if m["X-Remiss-Kind"] == "outgoing_deadline"
                and TITLE in str(m["Subject"])]
        assert [m["To"] for m in told] == [SEKRETERARE] and "2 av 5 har svarat" in str(told[0]["Subject"])
        body = told[0].get_body(("plain",)).get_content()
        # B's own anstånd still runs: named apart, not among the late ones (truth16 F26)
        assert f"Inte svarat än: {C}." in body and f"Har anstånd och har inte svarat än: {B} (till 19 mars 2010" in body
    except BaseException:
        _move_clock(app, None)
        raise
    finally:
        app.config["SMTP_URL"] = old_smtp
        controller.stop()
    try:
        _after_the_sweep(page, remiss_url, rid, open_page)
    finally:
        _move_clock(app, None)  # back to the running clock the other browser tests use


def _move_clock(app, moment):
    """Set the live app's running clock to run on from moment; None restores the clock it had."""
    clock = app.config["CLOCK"]
    if moment is None:
        clock.start, clock.origin = clock.saved
        clock.saved = None
        return
    clock.saved = getattr(clock, "saved", None) or (clock.start, clock.origin)
    clock.start, clock.origin = moment, time.monotonic()


def _after_the_sweep(page, remiss_url, rid, open_page):
    """Steps 8-10, on 1 March 2010: compile, publish and close, and the public page."""
    # 8. Compile: the remissammanställning is kept on the remiss; the file name keeps the diarienummer.
    page.goto(remiss_url + "#utskick")
    our_dnr = page.locator(".eyebrow").first.inner_text().split("·")[0].strip()
    assert our_dnr.startswith("SOFÖ")
    compile_asked: list[str] = []  # two instanser have not answered: the button asks first
    page.once("dialog", lambda dialog: (compile_asked.append(dialog.message), dialog.accept()))
    page.locator("#utskick").get_by_role("button", name="Sammanställ svaren").click()
    assert "Svaren är sammanställda" in _messages(page)
    assert compile_asked and "2 remissinstanser har inte svarat" in compile_asked[0]
    assert "Sammanställd" in page.locator(".page-head").inner_text()
    with page.expect_download() as info:
        page.locator("#utskick").get_by_role("link", name=re.compile("^Sparad sammanställning")).click()
    file_name = f"Remissammanställning {our_dnr.replace('/', '-')}.docx"  # a slash cannot be in a file name
    assert info.value.suggested_filename == file_name
    compiled = _docx_text(open(info.value.path(), "rb").read())
    assert QUESTIONS[0] in compiled and "Scoutkåren delar bedömningen." in compiled
    assert A in compiled and E in compiled  # E under those who avstod
    with page.expect_download() as info:
        page.locator("#utskick").get_by_role("link", name="Excel").click()
    from openpyxl import load_workbook
    assert info.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[D][7].date().isoformat() == "2010-03-01" and rows[D][8] == "Ja"  # a real date, flagged late
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]

    # 9. Publish the answers, then close the case. A raw e-mail answer is never pre-ticked (walk17 F18: every
    # header and address); the missiv is, and is left out here.
    form = page.locator("#publicering")
    assert not form.get_by_label(re.compile("^svar-idrott.eml")).is_checked()
    missiv = form.get_by_label(re.compile("missiv", re.I))
    assert missiv.count() >= 1
    for i in range(missiv.count()):
        assert missiv.nth(i).is_checked()
        missiv.nth(i).uncheck()
    form.get_by_role("button", name="Publicera").click()
    assert "Remissvaren är publicerade" in _messages(page)
    public_url = page.locator("#publicering").get_by_role("link", name="öppen sida utan inloggning").get_attribute("href")
    close_asked: list[str] = []  # B's anstånd still runs: the button asks first (walk19 G13)
    page.once("dialog", lambda dialog: (close_asked.append(dialog.message), dialog.accept()))
    page.locator("#utskick").get_by_role("button", name="Avsluta ärendet").click()
    assert "Ärendet är avslutat" in _messages(page)
    assert close_asked == [f"Svarstiden har gått ut, men {B} har anstånd till 19 mars 2010 (18 dagar kvar) och har "
                           "inte svarat. Avslutas ärendet nu kan svaret inte registreras. Avsluta ärendet ändå?"]
    assert "Avslutad" in page.locator(".page-head").inner_text()
    check_axe(page)

    # 10. The public page, as an anonymous visitor: the instanser and only the published files.
    visitor = open_page()
    visitor.goto(public_url)
    check_axe_once(visitor)
    main = visitor.locator("main").inner_text()
    for name in (A, B, C, D, E):
        assert name in main
    assert "Avstår från att yttra sig" in main
    assert "Remissvar Idrottsalliansen.pdf" in main and "Svar Scoutkåren.pdf" in main
    assert file_name in main
    assert "Missiv" not in main
    with visitor.expect_download() as info:
        visitor.get_by_role("link", name="Svar Scoutkåren.pdf").click()
    assert open(info.value.path(), "rb").read() == b"%PDF-1.4 scout"
    from remiss.remisser.models import Attachment
    with LIVE["app"].extensions["remiss_db"].transaction() as session:
        missiv = session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                       Attachment.purpose == "missiv")).first()
    assert visitor.request.get(f"{public_url}/filer/{missiv.id}").status == 404
    assert visitor.request.get(f"/filer/{missiv.id}", max_redirects=0).status in (302, 401)
