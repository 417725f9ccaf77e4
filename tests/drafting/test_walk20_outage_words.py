"""Walk20 H3, the expedierat yttrande: while the SMTP server is down (the sweeps record the outage, the Utkorg says
"Avbrott"), the question, the flash and the remiss page promised "inom några minuter". They say why it waits, from
the stored outage, and the usual words come back once the mail has gone."""
from __future__ import annotations

import re

from tests.drafting.test_expediering_mail import expediera, sweep
from tests.support.local_smtp import free_port

DOWN = "e-posten går inte att skicka just nu (sedan 24 september 2015 kl. 18.00)"
HELD = (f"Yttrandet till kulturkansli@malmo.se väntar i utkorgen sedan 24 september 2015 kl. 18.00: {DOWN}, så det "
        "är inte skickat. Administratören ser felet under Utkorg.")


def test_during_an_smtp_outage_the_yttrande_is_said_to_wait_because_mail_cannot_be_sent(app, decided, auth, runner,
                                                                                        smtp):
    rid = decided()
    working = app.config["SMTP_URL"]
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nothing listens there: the SMTP server is down
    app.config["SMTP_TIMEOUT_SECONDS"] = 5
    said = sweep(runner, "2015-09-24T18:00").output  # the mail queued so far cannot go: the outage is recorded
    assert "e-posten går inte att skicka" in said, said

    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert (f"Expediera yttrandet? Det läggs i utkorgen och väntar där – {DOWN} – på att e-postas till "
            "kulturkansli@malmo.se.") in page
    assert "inom några minuter" not in page
    done = expediera(auth, rid, follow_redirects=True).get_data(as_text=True)
    assert (f"Yttrandet läggs i utkorgen och väntar där – {DOWN} – på att e-postas till kulturkansli@malmo.se. "
            "Remissens sida säger när det är skickat.") in done
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    step = re.search(r'<p class="next-step">(.*?)</p>', page, re.S).group(1)
    assert HELD in step, step
    assert page.count(HELD) == 3, page.count(HELD)  # the next step, the Yttrande panel and the Tidplan (Expediering)
    assert "inom några minuter" not in page and "inte skickat ännu" not in page

    app.config["SMTP_URL"] = working  # the server is back: the next sweep sends, the outage is over
    sweep(runner, "2015-09-24T18:05")
    assert len(smtp.of_kind("yttrande_expedierat")) == 1
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "går inte att skicka" not in page and "väntar i utkorgen" not in page
    assert "Yttrandet e-postades till kulturkansli@malmo.se 24 september 2015" in page
