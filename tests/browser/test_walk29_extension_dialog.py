"""walk29 A3: the dialog before "Förläng och meddela" asks about the date typed: with an instans whose own anstånd
runs past the svarsdag, a date before that anstånd ends names one recipient and says the instans keeps its anstånd
without a notice; a later date names both, as the result then says (tests/outgoing/
test_walk29_extension_question_for_date.py for the server)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import LIVE, START, check_axe_once, utgaende_remiss

pytestmark = pytest.mark.browser


def _grant(remiss_id: int, name: str, until: date) -> None:
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
                                remiss=remiss, entry=entry, until_on=until)
        # the missiv has left the Utkorg (no SMTP server here for a sweep): a notice goes to those who have it
        session.execute(update(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                    OutboxMessage.kind == "outgoing_missiv")
                        .values(status="sent", sent_at=START))


def test_the_extension_dialog_counts_and_names_for_the_date_typed(open_page):
    remiss_id = utgaende_remiss("Remiss vars remisstid förlängs med anstånd", "Pensionärsrådet", "Ungdomsrådet",
                                sent=True)
    _grant(remiss_id, "Pensionärsrådet", date(2010, 4, 15))  # past the svarstid, 28 March 2010
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto(f"/remisser/{remiss_id}")
    check_axe_once(page)
    form = page.locator("#forlang")
    asked: list[str] = []
    form.get_by_label("Ny sista svarsdag").fill("2010-04-10")
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    form.get_by_role("button", name="Förläng och meddela").click()
    page.wait_for_timeout(300)
    # old code, for any date: "… till 1 remissinstans … Pensionärsrådet … får meddelandet bara om den nya
    # svarsdagen ligger senare."
    assert "till 1 remissinstans som inte har svarat: ungdomsradet@remiss.example." in asked[0], asked
    assert "Pensionärsrådet har anstånd till 15 april 2010, senare än den nya svarsdagen" in asked[0], asked

    form.get_by_label("Ny sista svarsdag").fill("2099-01-15")
    form.get_by_label("Klockslag").fill("12.00")
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    form.get_by_role("button", name="Förläng och meddela").click()
    assert ("till 2 remissinstanser som inte har svarat: pensionarsradet@remiss.example, "
            "ungdomsradet@remiss.example.") in asked[1], asked
    assert "Pensionärsrådet har anstånd till 15 april 2010 och får meddelandet" in asked[1], asked
    said = page.locator(".messages").inner_text()
    assert "Remisstiden är förlängd till 15 januari 2099 kl. 12.00" in said and "2 remissinstanser" in said, said
