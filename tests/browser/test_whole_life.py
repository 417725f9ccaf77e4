"""One remiss's whole life in a real browser — register from the missiv, assign, draft, review, approve, the
beslut with §, justering, expediering — and then nothing about it is late or due: not on Att göra, not on the
remiss's Tidplan, not in the calendar, and `remiss reminders run` a week later sends nothing about it.

On the way, as the nämndsekreterare, handläggare and granskare would meet it: Inkom is read from the stamp on
the missiv and the missiv is the first remisshandling; focus lands on what each action did; the handläggare is
not offered the moves that skip review; the granskare reads the draft in the page; the contact person's name
and our diarienummer typed loosely find the remiss.

Runs after test_flows (file order): its reminder sweep a week ahead must not disturb that test's outbox.
"""
from __future__ import annotations

import email
import email.policy
import re

import pytest

from tests.browser.conftest import LIVE, check_axe, check_axe_once
from tests.browser.test_flows import GRANSKARE, HANDLAGGARE, SEKRETERARE, _approve, _assign_and_start, \
    _messages, _write_yttrande

pytestmark = pytest.mark.browser
TITLE = "Riktlinjer för hela livet i Remiss"  # the missiv says "Remiss om riktlinjer …": the lead is dropped
LATE = ("Försenad", "Kräver uppmärksamhet", "Begär förlängd remisstid")


CONTACT = "Elsa Helaliv"
REMITTENT_EMAIL = "kommunstyrelsen@remiss.example"
MISSIV = f"""Malmö stad
Stadskontoret

2010-01-20

Stadsområdesnämnd Öster

2010 -01- 25

Ärendet: Remiss om riktlinjer för hela livet i Remiss

Ärendet, med vårt Dnr KS-HEL-2010-00099 överlämnas till ovanstående för yttrande. Svaret ställt till
kommunstyrelsen, ska vara stadskontorets expedition, tillhanda senast 2010-03-31 kl 12.00.

Yttrandet skickas med e-post till {REMITTENT_EMAIL}.

Handläggande tjänsteman på stadskontoret är {CONTACT}.
"""


def _focused_result(page) -> str:
    """The text of the element that has focus, which must be a result region (messages, prefill, errors)."""
    # (focus may move once the page has loaded: after going to a #part, the browser takes it first)
    page.wait_for_load_state("load")
    try:
        page.wait_for_function("document.activeElement.matches('[data-result], #error-summary')", timeout=5000)
    except Exception:  # noqa: BLE001 - the assertion below says what had focus instead
        pass
    assert page.evaluate("document.activeElement.matches('[data-result], #error-summary')"), \
        page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    return page.evaluate("document.activeElement.innerText")


def _register(page) -> str:
    """Paste the missiv: Inkom comes from our stamp, focus from the button to what was read; register."""
    page.goto("/remisser/ny/missiv")
    check_axe_once(page)
    page.get_by_label("Klistra in missivets text").fill(MISSIV)
    page.get_by_role("button", name="Läs missivet").click()
    page.wait_for_url(re.compile(r"/remisser/ny\?"))
    assert "Förifyllt från missivet" in _focused_result(page)
    assert page.get_by_label(re.compile("^Ärendemening")).input_value() == TITLE
    assert page.get_by_label(re.compile("^Inkom")).input_value() == "2010-01-25"  # not today, 27 January
    assert page.locator("#ev-received_on").inner_text() == "Hämtat från: ”2010 -01- 25”"
    assert "Missiv.txt" in page.locator(".intake-files").inner_text()
    page.get_by_label("Ansvarig nämnd").select_option(label="Stadsområdesnämnd Öster")
    check_axe(page)
    page.get_by_role("button", name="Registrera", exact=True).click()
    page.wait_for_url(re.compile(r"/remisser/\d+(#.*)?$"))
    assert "registrerad med diarienummer" in _focused_result(page)
    # the missiv as pasted is the first remisshandling
    assert page.locator("#handlingar li").first.get_by_role("link").inner_text() == "Missiv.txt"
    return page.url.split("#")[0]


def _find(page, remiss_url: str, our_dnr: str) -> None:
    """The header search finds it by the contact person's name, and opens it from our number typed loosely."""
    header = page.get_by_role("search", name="Sök remisser")
    header.get_by_role("searchbox").fill(CONTACT)
    header.get_by_role("button", name="Sök").click()
    assert TITLE in page.locator("main table").inner_text()
    check_axe_once(page)
    prefix, year, number = re.match(r"^(\S+) (\d{4})/(\d+)$", our_dnr).groups()
    header.get_by_role("searchbox").fill(f"{prefix.lower()} {year}/{int(number)}")
    header.get_by_role("button", name="Sök").click()
    page.wait_for_url(remiss_url)


def _no_shortcut_for_the_handlaggare(page, remiss_url: str) -> None:
    """The handläggare's status form offers no move past the review; the granskare's does."""
    page.goto(remiss_url)
    options = page.locator("#new-status option").all_text_contents()
    assert "Under beredning" not in options and "Klar för beslut" not in options and "Tilldelad" in options


def _read_in_the_page(page, remiss_url: str) -> None:
    """As the granskare: the draft sent for review reads in the page, no Word download needed."""
    page.goto(remiss_url + "#yttrande")
    reading = page.locator("#yttrande details.draft-reading")
    assert reading.get_attribute("open") is not None
    text = reading.inner_text()
    assert "Stadsområdesnämnd Öster ställer sig bakom förslaget till ny IoF-plan." in text
    assert "Förebyggande arbete" in text and "samverkan med skolan" in text
    assert "Klar för beslut" in page.locator("#new-status option").all_text_contents()


def _decide_justera_expediera(page, remiss_url: str) -> None:
    """As the nämndsekreterare: record § 12 of today's (extra) meeting, then its justering, then expediera."""
    page.goto(remiss_url + "?beslut#yttrande")  # a new document: only the hash differs from where the page is
    panel = page.locator("#yttrande")
    assert "kan expedieras först när nämndens beslut är registrerat" in panel.inner_text()
    assert panel.get_by_role("button", name="Expediera").count() == 0
    panel.locator("#f-b-meeting_on").fill("2010-01-27")
    panel.locator("#f-b-paragraf").fill("12")
    panel.get_by_role("button", name="Registrera beslutet").click()
    # the demo's sammanträdesplan has no meeting that day: the form asks first (an extra sammanträde), keeping both
    assert "har inget sammanträde onsdag 27 januari 2010" in _focused_result(page)
    check_axe(page)
    panel = page.locator("#yttrande")
    assert panel.locator("#f-b-paragraf").input_value() == "12"
    panel.locator("#f-b-confirm_meeting").check()
    panel.locator("#f-b-omedelbar_justering").uncheck()  # the plan's omedelbar justering: this one is justerad later
    panel.get_by_role("button", name="Registrera beslutet").click()
    # the message is shown in the part of the page the action returned to, and has focus there
    assert "Beslutet är registrerat: vid sammanträde 27 januari 2010, § 12." in _focused_result(page)
    assert page.locator("#yttrande #messages").count() == 1
    panel = page.locator("#yttrande")
    assert "Inte justerad ännu" in panel.inner_text()
    check_axe(page)
    panel.locator("#f-j-justerad_on").fill("2010-01-27")
    panel.get_by_role("button", name="Registrera justeringen").click()
    assert "Justeringen är registrerad" in _messages(page)
    asked = []  # the mail to the remittent goes at once: the page asks first, naming the address
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator("#yttrande").get_by_role("button", name="Expediera").click()
    assert "Yttrandet är expedierat" in _messages(page)
    assert asked and asked[0].startswith("Expediera yttrandet? ")
    # the mail waits in the Utkorg until a sweep: not besvarad before it has gone (walk25 Y9)
    assert page.locator(".status").first.inner_text().strip() == "Expedierad, inte skickad"
    result = LIVE["app"].test_cli_runner().invoke(args=["reminders", "run", "--now", "2010-01-27T18:00"])
    assert result.exit_code == 0, result.output
    page.reload()
    assert "Besvarad" in page.locator(".status").first.inner_text()


def test_a_finished_remiss_is_late_or_due_nowhere(open_page):
    page = open_page(SEKRETERARE)
    remiss_url = _register(page)
    rid = int(remiss_url.rstrip("/").split("/")[-1])
    our_dnr = _assign_and_start(page)
    _find(page, remiss_url, our_dnr)
    handlaggare = open_page(HANDLAGGARE)
    _write_yttrande(handlaggare, remiss_url)
    _no_shortcut_for_the_handlaggare(handlaggare, remiss_url)
    granskare = open_page(GRANSKARE)
    _read_in_the_page(granskare, remiss_url)
    _approve(granskare, remiss_url)
    _decide_justera_expediera(page, remiss_url)

    # The remiss page: every step of the tidplan is done, none late, no advice to ask for more time.
    page.goto(remiss_url + "?klar#tidplan")
    tidplan = page.locator("#tidplan").inner_text()
    assert not [word for word in LATE if word in tidplan], tidplan
    # walk6: the answer says it came in time (before the sista svarsdag), on the page and on the tidplan's row
    lead = page.locator("p.lead").inner_text()
    assert "i tid" in lead and "expedierat" in lead and "för sent" not in lead, lead
    assert "besvarad i tid" in page.locator("#milstolpe-sista_svarsdag").inner_text()
    assert page.locator("#tidplan ol.tidplan li").count() == page.locator("#tidplan ol.tidplan .tag",
                                                                            has_text="Klar").count()
    # Att göra for the sekreterare and the handläggare: the remiss is not there.
    for who in (page, open_page(HANDLAGGARE)):
        who.goto("/")
        check_axe_once(who)
        assert TITLE not in who.locator("main").inner_text()
    # The calendar shows the finished steps in March, none of them late or flagged.
    page.goto("/kalender?manad=2010-03")
    check_axe_once(page)
    mine = page.locator("td li", has_text=TITLE)
    assert mine.count() >= 1
    for text in mine.all_inner_texts():
        assert not [word for word in LATE if word in text], text

    # A week later the reminder sweep sends nothing about it (the sweep now first sends what is owed today).
    runner = LIVE["app"].test_cli_runner()
    mail_dir = LIVE["mail_dir"]
    assert runner.invoke(args=["reminders", "run", "--now", "2010-01-27T18:00"]).exit_code == 0
    before = set(mail_dir.glob("**/*.eml")) if mail_dir.exists() else set()
    # the expedierat yttrande went to the remittent's address from the missiv, as a Word file
    sent = [email.message_from_bytes(m.read_bytes(), policy=email.policy.default) for m in before]
    to_remittent = [m for m in sent if REMITTENT_EMAIL in str(m["To"]) and our_dnr in str(m["Subject"])]
    assert len(to_remittent) == 1, [(str(m["To"]), str(m["Subject"])) for m in sent]
    assert [a.get_filename() for a in to_remittent[0].iter_attachments() if a.get_filename().endswith(".docx")]
    for moment in ("2010-02-03T08:00", "2010-02-03T12:00"):
        result = runner.invoke(args=["reminders", "run", "--now", moment])
        assert result.exit_code == 0, result.output
    new = (set(mail_dir.glob("**/*.eml")) if mail_dir.exists() else set()) - before
    about_it = [m.name for m in new if our_dnr in m.read_text(errors="replace") or TITLE in m.read_text(errors="replace")]
    assert about_it == [], about_it
    from remiss.reminders.models import OutboxMessage
    from sqlmodel import select
    with LIVE["app"].extensions["remiss_db"].transaction() as session:
        pending = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == rid,
                                                           OutboxMessage.status == "pending")).all()
        # Monday's digest (the registrators' three weeks ahead) would not list it. Read from what the digest is
        # made of: whether the sweep enqueued this 2010 week depends on later weeks other tests swept first.
        from datetime import date, timedelta

        from remiss.reminders.digest import digest_items
        from remiss.remisser.models import Remiss

        remiss_row = session.get(Remiss, rid)
        monday = date(2010, 2, 1)
        ahead = digest_items(session, namnd_id=remiss_row.namnd_id, start=monday, end=monday + timedelta(weeks=3))
        everything = digest_items(session, namnd_id=remiss_row.namnd_id, start=date(2000, 1, 1),
                                  end=date(2030, 1, 1))
    assert pending == [], [(m.kind, m.key) for m in pending]
    assert all(item.get("remiss_id") != rid for item in ahead + everything), ahead
