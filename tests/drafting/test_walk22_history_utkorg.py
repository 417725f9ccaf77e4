"""walk22 L7: at expediering the history said "Yttrandet e-postat … (Yttrandet (version 2) e-postas till …)" while
the mail still waited in the Utkorg and the Yttrande section said "väntar i utkorgen"; when the sweep sent it, no
line was added. Now the expediering's line says "Yttrandet lagt i utkorgen", and the sending is a line of its own,
"Yttrandet e-postat" by the system at the moment the sweep sent it."""
from __future__ import annotations

import html
import re

from tests.drafting.test_expediering_mail import expediera, sweep


def _history(client, rid: int) -> list[str]:
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    part = page[page.index('id="historik"'):]
    part = part[:part.index("</section>")]
    items = re.findall(r"<li[^>]*>(.*?)</li>", part, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def test_the_history_says_the_yttrande_was_put_in_the_utkorg_then_when_it_was_sent(decided, auth, client, runner,
                                                                                   smtp):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    before = _history(client, rid)
    queued = [line for line in before if "utkorgen" in line or "e-post" in line]
    # old code: "… – Yttrandet e-postat av Nina Registrator (Yttrandet (version 1) e-postas till …)"
    assert not [line for line in before if "Yttrandet e-postat" in line], before
    assert any(re.search(r"– Yttrandet lagt i utkorgen av .*kulturkansli@malmo\.se", line) for line in queued), before

    sweep(runner, "2015-09-25T12:00")
    assert len(smtp.of_kind("yttrande_expedierat")) == 1
    after = _history(client, rid)
    sent = [line for line in after if "Yttrandet e-postat" in line]
    assert len(sent) == 1, after
    # by the system, at the sweep's moment (12.00 Stockholm), newest first: above the expediering's line
    assert re.search(r"25 september 2015 kl\. 12\.00 – Yttrandet e-postat av Systemet", sent[0]), sent
    assert "Yttrandet e-postades till kulturkansli@malmo.se." in sent[0]
    assert after.index(sent[0]) < next(i for i, line in enumerate(after) if "Yttrandet lagt i utkorgen" in line)
