"""walk34b: "Sammanställ svaren" asked "… Sammanställa svaren ändå? Planerade påminnelser stoppas." when no
reminder was planned any more (the last one had gone out after the svarsdag): nothing was there to stop. It says so
only while one is planned."""
from __future__ import annotations

import re
from html import unescape

from tests.outgoing.conftest import at, run_sweep, sent_to_kommunal_and_ungdom


def _said(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _compile_unconfirmed(auth, page: str) -> str:
    return _said(auth.post(f"{page}/utskick/sammanstall", {}, form_url=page, follow_redirects=True))


def test_compiling_says_reminders_stop_only_while_one_is_planned(app, session, clock, auth, client, smtp, runner):
    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth)  # reminders 11 and 22 December
    page = f"/remisser/{remiss_id}"
    run_sweep(runner, smtp, clock.now)  # the missiv
    assert len(run_sweep(runner, smtp, at(2026, 12, 11, 8, 0))) == 2
    clock.set(at(2026, 12, 11, 9, 0))  # the one of 22 December is planned: it is stopped, and the page says so
    said = _compile_unconfirmed(auth, page)
    assert "2 remissinstanser har inte svarat" in said, said
    assert "planerade påminnelser stoppas då." in said
    assert "Sammanställa svaren ändå? Planerade påminnelser stoppas." in said  # the question beside the button

    assert len(run_sweep(runner, smtp, at(2026, 12, 22, 8, 0))) == 2  # the last reminders went out
    clock.set(at(2026, 12, 22, 9, 0))
    said = _compile_unconfirmed(auth, page)
    assert "Svaren sammanställdes inte: 2 remissinstanser har inte svarat." in said, said
    assert "påminnelser stoppas" not in said.lower(), said
    assert "Sammanställa svaren ändå?" in said
