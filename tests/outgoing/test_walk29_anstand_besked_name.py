"""walk29 A4: one name for one message. The besked of one instans's anstånd was called "Meddelandet om förlängd
remisstid" on the remiss page and "Förlängd remisstid till en remissinstans" in the Utkorg and `remiss reminders
list`, while the close dialog and its flash called it "Beskedet om anstånd". It is "beskedet om anstånd"
everywhere; "förlängd remisstid" is the förläng-för-alla notice alone."""
from __future__ import annotations

from datetime import date, timedelta

from remiss.outgoing.service import anstand, remisstid
from remiss.remisser import service as remisser
from tests.outgoing.conftest import run_sweep, sent_to_norr_and_soder
from tests.outgoing.test_walk16_close import SYSTEM
from remiss.auth.models import Role
from tests.support.factories import T0, make_user
from tests.support.pages import visible_text


def test_the_besked_om_anstand_is_called_so_on_the_page_in_the_utkorg_and_the_list(session, app, auth, client,
                                                                                   clock, runner, smtp):
    remiss, user = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(days=2))
    run_sweep(runner, smtp, T0 - timedelta(days=2) + timedelta(minutes=5))  # the missiv went out
    remiss = session.get(type(remiss), remiss.id)
    norr, soder = remisser.entries(session, remiss.id)
    anstand.grant_extension(session, now=T0, principal=SYSTEM, remiss=remiss, entry=soder,
                            until_on=date(2027, 2, 12))
    session.commit()
    rid = remiss.id
    session.close()
    clock.set(T0 + timedelta(minutes=1))
    auth.login(user.email)
    shown = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Beskedet om anstånd till soder@example.se väntar i utkorgen" in shown, shown
    assert "förlängd remisstid till soder@example.se" not in shown

    listed = runner.invoke(args=["reminders", "list"]).output
    line = next(line for line in listed.splitlines() if "soder@example.se" in line and "anstånd" in line.lower())
    assert "Besked om anstånd till en remissinstans" in line and "Förlängd remisstid" not in line, listed

    make_user(session, role=Role.admin, email="admin@example.se")
    session.commit()
    auth.logout()
    auth.login("admin@example.se")
    utkorg = visible_text(client.get("/admin/utkorg").get_data(as_text=True)).replace("\xad", "")
    assert "Besked om anstånd till en remissinstans" in utkorg, utkorg
    assert "Förlängd remisstid till en remissinstans" not in utkorg  # the Sort list names both in one
    auth.logout()
    auth.login(user.email)
    with app.app_context():  # the förläng-för-alla notice keeps its own name beside it
        remiss = session.get(type(remiss), rid)
        remisstid.general_extension(session, now=T0 + timedelta(minutes=2), principal=SYSTEM, remiss=remiss,
                                    until_on=date(2027, 2, 26), until_time=None, files_dir=app.config["FILES_DIR"])
    session.commit()
    session.close()
    clock.set(T0 + timedelta(minutes=3))
    shown = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Meddelandet om förlängd remisstid till norr@example.se" in shown, shown
    listed = runner.invoke(args=["reminders", "list"]).output
    assert any("norr@example.se" in line and "Förlängd remisstid till en remissinstans" in line
               for line in listed.splitlines()), listed
