"""Ta bort (a klämdag, a saved sändlista, a directory group's link, a samråd), Skicka igen and Skicka alla igen ask
before they act (remiss/web/asking.py): with JavaScript one click and the dialog's yes do it; without JavaScript the
question stands beside the button and nothing changes until its box is ticked. The server side of each:
tests/planning/test_closed_day_delete_asks.py, tests/outgoing/test_saved_list_delete_asks.py,
tests/auth/test_sso_group_delete_asks.py, tests/drafting/test_samrad_remove_asks.py,
tests/reminders/test_resend_asks.py. Rows of their own, removed or sent again by the tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from tests.browser.conftest import LIVE, START, check_axe, check_axe_once

pytestmark = pytest.mark.browser
FAR = date(2031, 3, 14)  # a Friday no tidplan of the demo world reaches


def _db():
    return LIVE["app"].extensions["remiss_db"]


@pytest.fixture
def world():
    """_world(), cleaned up after the test whatever happened."""
    made = _world()
    yield made
    _clean(made)


def _world() -> dict:
    """A klämdag, a saved sändlista, a group link, a samråd and three failed mails (two recipients), each new."""
    from remiss.auth.models import Role, SsoGroup
    from remiss.drafting.models import Consultation
    from remiss.namnd.models import ClosedDay
    from remiss.outgoing.models import Organisation, SavedSandlista, SavedSandlistaMember
    from remiss.reminders import outbox
    from remiss.reminders.models import OutboxMessage
    from remiss.remisser.models import Direction, Remiss

    with _db().transaction() as s:
        days = [ClosedDay(day=FAR, reason="Klämdag i webbtest"), ClosedDay(day=FAR + timedelta(days=3),
                                                                          reason="Klämdag utan JavaScript")]
        org = s.exec(select(Organisation)).first()
        saved = SavedSandlista(name="Webbtestets sändlista", created_at=START)
        group = SsoGroup(name="webbtest-gruppen", label="", role=Role.lasare.value)
        remiss = s.exec(select(Remiss).where(Remiss.direction == Direction.inkommande,
                                             Remiss.status.in_(("tilldelad", "under_beredning")))
                        .order_by(Remiss.id)).first()
        s.add_all([*days, saved, group])
        s.flush()
        s.add(SavedSandlistaMember(saved_sandlista_id=saved.id, organisation_id=org.id, position=0))
        samrad = Consultation(remiss_id=remiss.id, party="Webbtestets pensionärsråd", consulted_on=None, note="")
        s.add(samrad)
        for n, email in enumerate(["webbtest-a@remiss.example", "webbtest-b@remiss.example",
                                   "webbtest-a@remiss.example"]):
            outbox.enqueue(s, now=START, key=f"webbtest:{n}", recipient_email=email, kind="review", due_at=START,
                           subject=f"Webbtest {n}", payload={})
        s.flush()
        mails = list(s.exec(select(OutboxMessage).where(OutboxMessage.key.like("webbtest:%"))
                            .order_by(OutboxMessage.id)))
        for row in mails:
            row.status, row.attempts, row.last_error, row.claimed_at = "failed", 3, "SMTP 554", START
            s.add(row)
        s.flush()
        return {"days": [d.id for d in days], "list": saved.id, "group": group.id, "remiss": remiss.id,
                "samrad": samrad.id, "mails": [m.id for m in mails]}


def _left(model, ids) -> list[int]:
    with _db().session() as s:
        return list(s.exec(select(model.id).where(model.id.in_(ids))))


def _mail_statuses(ids) -> list[str]:
    from remiss.reminders.models import OutboxMessage

    with _db().session() as s:
        return list(s.exec(select(OutboxMessage.status).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)))


def _yes(page, button, expected: str) -> str:
    """Click once, say yes in the dialog; the dialog's question."""
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    button.click()
    page.wait_for_load_state()
    assert len(asked) == 1, asked
    assert expected in page.locator(".messages").inner_text()
    return asked[0]


def test_with_javascript_one_click_and_yes_acts(open_page, world):
    from remiss.auth.models import SsoGroup
    from remiss.drafting.models import Consultation
    from remiss.namnd.models import ClosedDay
    from remiss.outgoing.models import SavedSandlista

    w = world
    page = open_page("admin@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto("/admin/stangda-dagar")
    check_axe_once(page)
    page.once("dialog", lambda dialog: dialog.dismiss())  # no: nothing removed
    page.locator(f"#ta-bort-{w['days'][0]}").get_by_role("button").click()
    assert _left(ClosedDay, w["days"][:1]) == w["days"][:1]
    q = _yes(page, page.locator(f"#ta-bort-{w['days'][0]}").get_by_role("button"), "Dagen är en arbetsdag igen")
    assert q.startswith("Ta bort klämdagen fredag 14 mars 2031? Den blir en arbetsdag igen")
    assert _left(ClosedDay, w["days"][:1]) == []

    page.goto("/sandlistor")
    check_axe_once(page)
    q = _yes(page, page.locator(f"#ta-bort-{w['list']}").get_by_role("button"), "är borttagen")
    assert q.startswith("Ta bort sändlistan ”Webbtestets sändlista” (1 remissinstans)?")
    assert _left(SavedSandlista, [w["list"]]) == []

    page.goto(f"/admin/katalogens-grupper/{w['group']}")
    check_axe_once(page)
    q = _yes(page, page.get_by_role("button", name="Ta bort kopplingen"), "Kopplingen för gruppen webbtest-gruppen")
    assert q.startswith("Ta bort kopplingen för gruppen webbtest-gruppen?")
    check_axe_once(page)  # the list of groups it returns to
    assert _left(SsoGroup, [w["group"]]) == []

    page.goto(f"/remisser/{w['remiss']}")
    check_axe_once(page)
    q = _yes(page, page.locator(f"#samrad-{w['samrad']}").get_by_role("button"),
             "Samrådet med Webbtestets pensionärsråd är borttaget.")
    assert q.startswith("Ta bort samrådet med Webbtestets pensionärsråd?")
    assert _left(Consultation, [w["samrad"]]) == []

    page.goto("/admin/utkorg?email=webbtest-")
    check_axe_once(page)
    q = _yes(page, page.locator(f"#skicka-igen-{w['mails'][1]}").get_by_role("button"),
             "Meddelandet skickas igen vid nästa svep.")
    assert q.startswith("Skicka meddelandet ”Ett utkast skickas till granskning” till webbtest-b@remiss.example igen?")
    assert _mail_statuses(w["mails"]) == ["failed", "pending", "failed"]
    q = _yes(page, page.locator("#skicka-alla-igen").get_by_role("button"),
             "2 misslyckade meddelanden skickas igen vid nästa svep.")
    assert q.startswith("Skicka 2 misslyckade meddelanden igen till webbtest-a@remiss.example?")
    assert _mail_statuses(w["mails"]) == ["pending"] * 3


def test_without_javascript_the_question_stands_beside_the_button(open_page, world):
    from remiss.namnd.models import ClosedDay

    w = world
    page = open_page("admin@remiss.example")  # the asked pages, with axe (it needs JavaScript)
    page.goto(f"/admin/stangda-dagar?ta-bort-{w['days'][1]}=fraga")
    check_axe(page)
    page.goto("/admin/utkorg?email=webbtest-&skicka-alla-igen=fraga")
    check_axe(page)
    page.goto(f"/admin/utkorg?email=webbtest-&skicka-igen-{w['mails'][0]}=fraga")  # on a row of its own
    assert page.locator("tr.asked-row td[colspan='8']").get_by_label("Ja, skicka igen").count() == 1
    check_axe(page)

    page = open_page("admin@remiss.example", java_script_enabled=False)

    page.goto("/admin/stangda-dagar")
    row = page.locator(f"#ta-bort-{w['days'][1]}")
    row.get_by_role("button").click()
    assert "Klämdagen måndag 17 mars 2031 är inte borttagen." in page.locator(".messages").inner_text()
    row = page.locator(f"#ta-bort-{w['days'][1]}")
    assert "Ta bort klämdagen måndag 17 mars 2031? Den blir en arbetsdag igen" in row.inner_text()
    assert _left(ClosedDay, w["days"][1:]) == w["days"][1:]
    row.get_by_label("Ja, ta bort klämdagen").check()
    row.get_by_role("button").click()
    assert "Dagen är en arbetsdag igen" in page.locator(".messages").inner_text()
    assert _left(ClosedDay, w["days"][1:]) == []

    page.goto("/admin/utkorg?email=webbtest-")
    page.locator("#skicka-alla-igen").get_by_role("button").click()
    assert "Inga meddelanden är skickade igen." in page.locator(".messages").inner_text()
    form = page.locator("#skicka-alla-igen")
    assert ("Skicka 3 misslyckade meddelanden igen till webbtest-a@remiss.example och webbtest-b@remiss.example? De "
            "läggs tillbaka i utkorgen och skickas vid nästa svep. Det går inte att ångra.") in form.inner_text()
    assert _mail_statuses(w["mails"]) == ["failed"] * 3
    form.get_by_label("Ja, skicka alla igen").check()
    form.get_by_role("button").click()
    assert "3 misslyckade meddelanden skickas igen vid nästa svep." in page.locator(".messages").inner_text()
    assert _mail_statuses(w["mails"]) == ["pending"] * 3


def _clean(w: dict) -> None:
    """Nothing of this test left for the others: its mails, days, list, group and samråd."""
    from sqlalchemy import delete

    from remiss.auth.models import SsoGroup
    from remiss.drafting.models import Consultation
    from remiss.namnd.models import ClosedDay
    from remiss.outgoing.models import SavedSandlista, SavedSandlistaMember
    from remiss.reminders.models import OutboxMessage

    with _db().transaction() as s:
        s.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(w["mails"])))
        s.execute(delete(ClosedDay).where(ClosedDay.id.in_(w["days"])))
        s.execute(delete(SavedSandlistaMember).where(SavedSandlistaMember.saved_sandlista_id == w["list"]))
        s.execute(delete(SavedSandlista).where(SavedSandlista.id == w["list"]))
        s.execute(delete(SsoGroup).where(SsoGroup.id == w["group"]))
        s.execute(delete(Consultation).where(Consultation.id == w["samrad"]))
