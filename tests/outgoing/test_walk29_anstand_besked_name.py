"""walk29 A4: one name for one message. The besked of one instans's anstånd was called "Meddelandet om förlängd
remisstid" on the remiss page and "Förlängd remisstid till en remissinstans" in the Utkorg and `remiss reminders
list`, while the close dialog and its flash called it "Beskedet om anstånd". It is "beskedet om anstånd"
everywhere; "förlängd remisstid" is the förläng-för-alla notice alone."""
from __future__ import annotations

from datetime import date, timedelta

from remiss.outgoing.service import remisstid
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import soder_granted_anstand
from tests.outgoing.test_walk16_close import SYSTEM
from remiss.auth.models import Role
from tests.support.factories import T0, make_user
from tests.support.pages import visible_text


def test_the_besked_om_anstand_is_called_so_on_the_page_in_the_utkorg_and_the_list(session, app, auth, client,
                                                                                   clock, runner, smtp):
    rid, user = soder_granted_anstand(app, session, clock, auth, runner, smtp)
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
        remiss = session.get(Remiss, rid)
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
