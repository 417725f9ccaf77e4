"""walk9 finding 4's header: "Besvarad i tid, … före sista svarsdagen" is counted from the expediering (when the
yttrande went to the remittent), never from the beslut's date: a beslut in time and an expediering after the
sista svarsdag is an answer too late, on the remiss page and in the API."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html import unescape

from remiss.drafting import dispatch
from tests.drafting.conftest import approve, record
from tests.drafting.test_expediering_mail import sweep

SENT = datetime(2015, 10, 2, 8, 0, tzinfo=timezone.utc)  # Friday 2 October; the sista svarsdag was 28 September


def test_an_expediering_after_the_deadline_is_late_though_the_beslut_was_in_time(session, w, client, auth, clock,
                                                                                  runner):
    remiss = w["remiss"]
    approve(session, w)
    record(session, w, omedelbar_justering=True)  # nämnden decided 24 September, four days before the deadline
    clock.set(SENT)
    dispatch.expediera(session, now=SENT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    rid = remiss.id
    session.commit()
    sweep(runner, "2015-10-02T10:05")  # the mail leaves the Utkorg: only then is it Besvarad (walk25 Y9)
    auth.login("nina.registrator@malmo.se")
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    lead = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)))
    assert "Besvarad för sent, 4 dagar efter sista svarsdagen (expedierat fredag 2 oktober 2015)" \
        in lead, lead
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert body["answered_late"] is True and body["answered_at"].startswith("2015-10-02")
