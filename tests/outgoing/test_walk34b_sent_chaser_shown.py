"""walk34b: once an instans's reminder had gone out, the Påminnelser column of "Utskick och svar" said "–", as if it
was never reminded; only an administrator's Utkorg showed the mail. The column now names the reminders sent, then
those still planned."""
from __future__ import annotations

import re
from html import unescape

from tests.outgoing.conftest import at, run_sweep, sent_to_kommunal_and_ungdom


def _row(client, page: str, name: str) -> str:
    html = client.get(page).get_data(as_text=True)
    rows = [" ".join(unescape(re.sub(r"<[^>]+>", " ", tr)).split()) for tr in re.findall(r"<tr>.*?</tr>", html, re.S)]
    found = [r for r in rows if r.startswith(name + " ")]
    assert len(found) == 1, rows
    return found[0]


def test_a_sent_reminder_stays_in_the_paminnelser_column(app, session, clock, auth, client, smtp, runner):
    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth)
    page = f"/remisser/{remiss_id}"
    run_sweep(runner, smtp, clock.now)  # the missiv
    before = _row(client, page, "Kommunal")
    assert "11 december 2026 kl. 08.00, 22 december 2026 kl. 08.00" in before, before  # 5 days before, 2 after

    mails = run_sweep(runner, smtp, at(2026, 12, 11, 8, 0))  # the first reminder e-mailed to both
    assert sorted(r for rcpts, _ in mails for r in rcpts) == ["kommunal@example.se", "ungdom@example.se"]
    clock.set(at(2026, 12, 11, 9, 0))
    after = _row(client, page, "Kommunal")
    assert "skickad 11 december 2026 kl. 08.00, planerad 22 december 2026 kl. 08.00" in after, after

    mails = run_sweep(runner, smtp, at(2026, 12, 22, 8, 0))  # the one after the svarstid
    assert len(mails) == 2
    clock.set(at(2026, 12, 22, 9, 0))
    last = _row(client, page, "Ungdomsrådet")
    assert "skickad 11 december 2026 kl. 08.00, skickad 22 december 2026 kl. 08.00" in last, last
    assert "planerad" not in last
