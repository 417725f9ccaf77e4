"""The dialog before "Förläng och meddela" asks about the date and klockslag typed (static/app.js questionFor), with
an instans whose own anstånd runs past the svarsdag:
- walk29 A3: a date before that anstånd ends names one recipient and says the instans keeps its anstånd without a
  notice; a later date names both, as the result then says (tests/outgoing/test_walk29_extension_question_for_date.py
  for the server);
- walk29b B4: a new svarsdag at exactly the moment the anstånd ends is the same time, not "senare", and the instans
  is not told (tests/outgoing/test_walk29b_outgoing.py for the server);
- session 31 #3: a klockslag typed "kl 13", "13,00", "klockan 13" or "1300", which the server takes
  (calendar/swedish.py parse_time), got the hedging question; the script reads them as the server does."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from tests.browser.conftest import LIVE, START, check_axe_once, utgaende_remiss

pytestmark = pytest.mark.browser

ONE_TOLD = "till 1 remissinstans som inte har svarat: ungdomsradet@remiss.example."
BOTH_TOLD = "till 2 remissinstanser som inte har svarat: pensionarsradet@remiss.example, ungdomsradet@remiss.example."


def _grant(remiss_id: int, name: str, until: date, at: time | None = None) -> None:
    from sqlalchemy import update
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.outgoing.service import anstand
    from remiss.reminders.models import OutboxMessage
    from remiss.remisser import service as remisser
    from remiss.remisser.models import Remiss

    with LIVE["app"].extensions["remiss_db"].transaction() as session:
        admin = session.exec(select(User).where(User.role == Role.admin)).first()
        remiss = session.get(Remiss, remiss_id)
        entry = next(e for e in remisser.entries(session, remiss_id) if e.name == name)
        anstand.grant_extension(session, now=START, principal=Principal(admin.id, Role.admin, frozenset()),
                                remiss=remiss, entry=entry, until_on=until, until_time=at)
        # the missiv has left the Utkorg (no SMTP server here for a sweep): a notice goes to those who have it
        session.execute(update(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                    OutboxMessage.kind == "outgoing_missiv")
                        .values(status="sent", sent_at=START))


def _dialog(open_page, title: str, at: time | None = None) -> tuple[object, Callable[..., str]]:
    """The set-up every test shares: a sent utgående remiss to Pensionärsrådet and Ungdomsrådet (svarstid 28 March
    2010), Pensionärsrådet granted anstånd to 15 April 2010 (at `at`), its page open for the sekreterare; returns the
    page and ask(day, klockslag, accept=False), which sends Förläng och meddela and returns the dialog's question."""
    remiss_id = utgaende_remiss(title, "Pensionärsrådet", "Ungdomsrådet", sent=True)
    _grant(remiss_id, "Pensionärsrådet", date(2010, 4, 15), at)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto(f"/remisser/{remiss_id}")
    check_axe_once(page)
    form = page.locator("#forlang")

    def ask(day: str, clock: str = "", *, accept: bool = False) -> str:
        asked: list[str] = []
        form.get_by_label("Ny sista svarsdag").fill(day)
        form.get_by_label("Klockslag").fill(clock)
        page.once("dialog", lambda dialog: (asked.append(dialog.message),
                                            dialog.accept() if accept else dialog.dismiss()))
        form.get_by_role("button", name="Förläng och meddela").click()
        if not accept:
            page.wait_for_timeout(300)
        return asked[0]

    return page, ask


def test_the_extension_dialog_counts_and_names_for_the_date_typed(open_page):
    page, ask = _dialog(open_page, "Remiss vars remisstid förlängs med anstånd")
    asked = ask("2010-04-10")
    # old code, for any date: "… till 1 remissinstans … Pensionärsrådet … får meddelandet bara om den nya
    # svarsdagen ligger senare."
    assert ONE_TOLD in asked, asked
    assert "Pensionärsrådet har anstånd till 15 april 2010, senare än den nya svarsdagen" in asked, asked

    asked = ask("2099-01-15", "12.00", accept=True)
    assert BOTH_TOLD in asked, asked
    assert "Pensionärsrådet har anstånd till 15 april 2010 och får meddelandet" in asked, asked
    said = page.locator(".messages").inner_text()
    assert "Remisstiden är förlängd till 15 januari 2099 kl. 12.00" in said and "2 remissinstanser" in said, said


def test_the_extension_dialog_says_the_same_time_as_the_anstand(open_page):
    _, ask = _dialog(open_page, "Remiss förlängd till anståndets dag")
    asked = ask("2010-04-15")
    # old code: "Pensionärsrådet har anstånd till 15 april 2010, senare än den nya svarsdagen, …"
    assert ("Pensionärsrådet har anstånd till 15 april 2010, samma tid som den nya svarsdagen, så dess svarsdag "
            "ändras inte och den får inget meddelande.") in asked, asked
    assert ONE_TOLD in asked, asked

    asked = ask("2010-04-15", "12.00")  # 15 April at 12.00 is before the anstånd's end of that day
    assert "Pensionärsrådet har anstånd till 15 april 2010, senare än den nya svarsdagen" in asked, asked


@pytest.mark.parametrize("typed", ["kl 13", "13,00", "klockan 13", "1300"])
def test_the_extension_dialog_reads_the_klockslag_as_the_server_does(open_page, typed):
    """With the anstånd to 15 April kl. 13.00, each way of typing 13.00 is the anstånd's own time, 09.30 earlier
    and 14.00 later (the old script asked its hedging question for all but "13", "13.00" and "13:00")."""
    _, ask = _dialog(open_page, f"Remiss förlängd till anståndets klockslag {typed}", time(13, 0))
    asked = ask("2010-04-15", typed)
    same = "Pensionärsrådet har anstånd till 15 april 2010 kl. 13.00, samma tid som den nya svarsdagen"
    assert same in asked, asked
    assert ONE_TOLD in asked, asked
    asked = ask("2010-04-15", "0930")
    assert "Pensionärsrådet har anstånd till 15 april 2010 kl. 13.00, senare än den nya svarsdagen" in asked, asked
    assert ask("2010-04-15", "kl 14").count(BOTH_TOLD) == 1
