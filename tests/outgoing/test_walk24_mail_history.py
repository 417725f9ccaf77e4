"""walk24 V15: the history said "Missivet e-postat av Systemet" when the sweep sent the missiv, but nothing when it
sent the besked om anstånd, the notice of förlängd remisstid or the changed missiv: only that they were put in
the Utkorg. Every mail to an instans now has its line at the moment it was e-mailed (outgoing.held.history_of)."""
from __future__ import annotations

import re
from html import unescape

from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk24_anstand_told import _world


def _history(client, page: str) -> str:
    text = unescape(re.sub(r"<[^>]+>", " ", client.get(page).get_data(as_text=True)))
    return " ".join(text.split())


def test_each_mail_to_an_instans_is_said_e_mailed_in_the_history(app, session, clock, auth, client, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    page = f"/remisser/{remiss_id}"
    run_sweep(runner, smtp, clock.now)
    lund = "Lunds kommun (registrator@lund.example)"
    assert f"Missivet e-postat av Systemet (Missivet e-postades till {lund}.)" in _history(client, page)

    clock.advance(minutes=5)
    assert auth.post(f"{page}/utskick/instanser/{ids['Lunds kommun']}",
                     {"action": "grant_extension", "until_on": "2027-04-09", "until_time": ""}).status_code == 302
    # sent before the förlängning below: one still in the Utkorg then is superseded by it, not sent (session 30 B3)
    assert [m["X-Remiss-Kind"] for _, m in run_sweep(runner, smtp, clock.now)] == ["outgoing_extension"]
    clock.advance(minutes=5)
    assert auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-04-20", "until_time": "12.00",
                                                     "reason": "Fler instanser bad om tid", "confirm_extension": "1"},
                     form_url=page).status_code == 302
    clock.advance(minutes=5)
    saved = auth.post(f"{page}/andra", {"questions": "Fråga ett (ändrad)\nFråga två (ny)",
                                        "sandlista": "Lunds kommun\nPensionärsrådet"}, form_url=f"{page}/andra")
    assert saved.status_code == 302, saved.status_code
    assert auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page).status_code == 302
    mailed = run_sweep(runner, smtp, clock.now)
    assert sorted(m["X-Remiss-Kind"] for _, m in mailed) == ["outgoing_amendment", "outgoing_extension"]

    history = _history(client, page)
    # Old code: none of these three lines; only "… lades i utkorgen …".
    assert (f"Beskedet om anstånd e-postat av Systemet (Beskedet om anstånd e-postades till {lund}.)") in history
    assert (f"Meddelandet om förlängd remisstid e-postat av Systemet (Meddelandet om förlängd remisstid e-postades "
            f"till {lund}.)") in history
    assert (f"Det ändrade missivet e-postat av Systemet (Det ändrade missivet e-postades till {lund}.)") in history
