"""The digest's closing link leads to the remiss it is about, or to the nämnd's remisser: never the start page."""
from __future__ import annotations

from datetime import date

from tests.reminders.conftest import fast_user
from tests.reminders.test_events import digest_mails, sweep
from tests.support.factories import make_namnd, make_remiss


def _bodies(mail) -> tuple[str, str]:
    return mail.get_body(("plain",)).get_content().replace("\r\n", "\n"), mail.get_body(("html",)).get_content()


def test_a_digest_about_one_remiss_links_to_it(session, app, runner):
    namnd = make_namnd(session)
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, title="Digestremissen", deadline_on=date(2026, 12, 10))
    rid = remiss.id
    session.commit()
    sweep(session, runner, "2026-11-30T07:15")
    text, html = _bodies(digest_mails(app)[0])
    assert f"Öppna remissen: http://remiss.test/remisser/{rid}\n" in text
    assert f'<a href="http://remiss.test/remisser/{rid}">Öppna remissen</a>' in html
    assert "http://remiss.test/\n" not in text


def test_a_digest_about_several_links_to_the_namnds_remisser(session, app, runner):
    namnd = make_namnd(session)
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    for day in (10, 11):
        make_remiss(session, namnd=namnd, deadline_on=date(2026, 12, day))
    nid = namnd.id
    session.commit()
    sweep(session, runner, "2026-11-30T07:15")
    text, html = _bodies(digest_mails(app)[0])
    assert f"Öppna nämndens remisser: http://remiss.test/remisser?namnd_id={nid}\n" in text
    assert "Öppna remissen:" not in text
