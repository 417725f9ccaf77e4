"""Walk18 F2: expedierat with no sender running, the yttrande waits in the Utkorg; the page says so, not "e-postat",
and an administrator is told when mail has waited more than ten minutes with no sweep."""
from __future__ import annotations

import re
from datetime import timedelta

from remiss.auth.models import Role
from tests.drafting.conftest import DECIDED_AT, quick_user
from tests.drafting.test_expediering_mail import expediera, sweep

WAITS = ("Yttrandet väntar i utkorgen sedan 24 september 2015 kl. 18.00 och e-postas till kulturkansli@malmo.se "
         "inom några minuter")
STALLED = "i utkorgen har väntat mer än 10 minuter på att skickas"


def test_the_remiss_page_says_the_yttrande_waits_in_the_utkorg_until_it_is_sent(world, decided, auth, session,
                                                                                  clock, runner, smtp):
    rid = decided()
    sweep(runner, "2015-09-24T18:00")  # the mail queued before this moment is sent: only the yttrande's will wait
    done = expediera(auth, rid, follow_redirects=True).get_data(as_text=True)
    assert ("Yttrandet läggs i utkorgen och e-postas inom några minuter till kulturkansli@malmo.se. "
            "Remissens sida säger när det är skickat.") in done
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    step = re.search(r'<p class="next-step">(.*?)</p>', page, re.S).group(1)
    assert WAITS in step, step  # not "Inget mer att göra" while the answer has not left
    assert page.count(WAITS) == 3, page.count(WAITS)  # the Yttrande panel (Expedierat) and the Tidplan (Expediering)
    assert WAITS in page.split('id="tidplan"', 1)[1].split('id="forlangningar"', 1)[0]
    assert WAITS in page.split('id="yttrande"', 1)[1]
    assert "Yttrandet lagt i utkorgen" in page and "Yttrandet e-postat" not in page  # walk22 L7

    admin = quick_user(session, world["handlaggare"], role=Role.admin, namnder=[world["namnd"]], name="Ada Admin",
                       email="ada.admin@malmo.se")
    session.commit()
    auth.logout()
    auth.login(admin.email)
    assert STALLED not in auth.client.get("/").get_data(as_text=True)  # just queued: a sweep may yet come
    clock.set(DECIDED_AT + timedelta(minutes=11))
    start = auth.client.get("/").get_data(as_text=True)
    assert "Utkorgen skickas inte" in start and STALLED in start and "remiss scheduler" in start, start
    assert STALLED in auth.client.get("/admin/utkorg").get_data(as_text=True)

    sweep(runner, "2015-09-24T18:15")  # the sender runs: the mail goes out
    assert len(smtp.of_kind("yttrande_expedierat")) == 1
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "väntar i utkorgen" not in page
    assert "Yttrandet e-postat" in page  # the history line of the sending (walk22 L7: a line of its own)
    assert "Yttrandet e-postades till kulturkansli@malmo.se 24 september 2015" in page, page
    start = auth.client.get("/").get_data(as_text=True)
    assert "Utkorgen skickas inte" not in start and STALLED not in auth.client.get("/admin/utkorg").get_data(
        as_text=True)


def test_a_registrator_is_not_shown_the_administrators_warning(decided, auth, clock):
    rid = decided()
    expediera(auth, rid)
    clock.set(DECIDED_AT + timedelta(hours=1))
    assert "Utkorgen skickas inte" not in auth.client.get("/").get_data(as_text=True)
    assert "väntar i utkorgen" in auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
