"""walk25b: an expedierat yttrande whose mail still waits in the Utkorg.

Z12: expedierat after the sista svarsdag, the header and the list said "Expedierad, inte skickad för sent" (read:
"not sent too late") and the Tidplan "besvarad för sent" before the mail had left.
Z4, Z10: the Tidplan's Sista svarsdag had a green "Klar" next to "inte e-postat än", and the Kalender (and its feed)
marked it "Klar" while the remiss was "Expedierad, inte skickad"; the API said nothing of the wait.
Z3: the history at the expediering said "… (Yttrandet expedierat (version 1))" and "Sista svarsdag: klar (remissen
är besvarad)" while every page said "Expedierad, inte skickad"."""
from __future__ import annotations

import html
import re
from datetime import date

from tests.drafting.test_expediering_mail import expediera, sweep


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace("\u00ad", "")


def _lead(page: str) -> str:
    return _text(re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1))


def _deadline_row(page: str) -> str:
    return _text(re.search(r'id="milstolpe-sista_svarsdag"(.*?)</li>', page, re.S).group(1))


def _calendar_deadline(client) -> str:
    """The month cell's entry of the Sista svarsdag, in text."""
    page = client.get("/kalender?manad=2015-09").get_data(as_text=True).replace("\u00ad", "")
    start = page.index(">Sista svarsdag", page.index("<tbody"))
    return _text(page[start:page.index("</li>", start)])


def _deadline_json(client, rid: int) -> dict:
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    return next(m for m in body["milestones"] if m["kind"] == "sista_svarsdag")


def test_late_and_unsent_says_both_plainly(decided, auth, client, runner, smtp):
    rid = decided(deadline_on=date(2015, 9, 22), effective_deadline_on=date(2015, 9, 22))
    sweep(runner, "2015-09-24T18:00")  # what was queued before is sent: only the yttrande's mail waits
    assert expediera(auth, rid).status_code == 302
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    lead = _lead(page)
    # old code: "Expedierad, inte skickad för sent, 2 arbetsdagar (2 dagar) efter sista svarsdagen …"
    assert lead.startswith("Expedierad för sent, inte skickad än"), lead
    assert "inte skickad för sent" not in lead and "för sent, inte skickad än för sent" not in lead, lead
    # walk27 Y10: how late is said of the expediering, a flag of its own ("… inte skickad än 2 dagar efter sista svarsdagen"
    # read as if the sending came after it)
    assert "inte skickad än expedierat 2 dagar efter sista svarsdagen (torsdag 24 september 2015)" \
        in lead, lead
    row = _deadline_row(page)
    # old code: "besvarad för sent, 2 arbetsdagar … efter sista svarsdagen …"
    assert "besvarad" not in row, row
    assert "expedierat efter sista svarsdagen, men yttrandet är inte e-postat än" in row and "För sent" in row, row
    # listed under "Expedierade, inte skickade", not Besvarad until it has left (walk25b Z5); and under "Besvarade
    # för sent" already, as the page, the CSV ("Nej, för sent") and the API (answered_late) call it late (walk27 Y10:
    # old code "0 remisser. Inga remisser." on the page, 0 in the API and an empty CSV)
    listed = _text(client.get("/remisser?status=expedierad").get_data(as_text=True))
    late = _text(client.get("/remisser?status=for_sent").get_data(as_text=True))
    assert "Inga remisser" not in late and "Expedierad för sent, inte skickad än" in late, late
    assert [i["id"] for i in client.get("/api/v1/remisser?status=for_sent").get_json()["items"]] == [rid]
    exported = client.get("/remisser/export.csv?status=for_sent").get_data(as_text=True)
    assert len([line for line in exported.splitlines() if line.strip()]) == 2 and "Nej, för sent" in exported
    # old code: "Expedierad, inte skickad för sent"; not "… inte skickad än för sent" either
    assert "Expedierad för sent, inte skickad än" in listed and "skickad för sent" not in listed, listed
    assert "inte skickad än för sent" not in listed, listed
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert body["status"] == "besvarad" and body["status_label"] == "Expedierad för sent, inte skickad än"
    assert body["answered_late"] is True

    sweep(runner, "2015-09-24T18:15")  # the mail goes out: now it is answered too late
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert _lead(page).startswith("Besvarad för sent"), _lead(page)
    assert "besvarad för sent" in _deadline_row(page)


def test_sista_svarsdag_waits_for_the_mail_everywhere(decided, auth, client, runner, smtp, world):
    rid = decided()
    sweep(runner, "2015-09-24T18:00")
    assert expediera(auth, rid).status_code == 302
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    row = _deadline_row(page)
    # old code: "… (expedierat, men yttrandet är inte e-postat än; …) Klar"
    assert "Väntar på e-post" in row and "Klar" not in row, row
    entry = _calendar_deadline(client)
    # old code: "Sista svarsdag kl. 12.00: … Klar"
    assert "Väntar på e-post" in entry and "Klar" not in entry, entry
    token = world["registrator"].ics_token
    feed = client.get(f"/ics/anvandare/{token}/namnd/{world['remiss'].namnd_id}.ics").get_data(as_text=True)
    feed = feed.replace("\r\n ", "")
    # the feed lists open work only: no "Klar: Sista svarsdag" to contradict the page
    assert "Sista svarsdag" not in feed, feed[:1500]
    milestone = _deadline_json(client, rid)
    assert milestone["status"] == "done" and milestone["waiting_for_mail"] is True, milestone
    history = _text(page[page.find('id="historik"'):])
    # old code: "(Yttrandet expedierat (version 1))" and "Sista svarsdag: klar (remissen är besvarad)"
    assert "Yttrandet expedierat (version 1) och lagt i utkorgen; besvarad när det har e-postats" in history, history
    assert "remissen är besvarad" not in history, history
    assert "klar (yttrandet expedierat och lagt i utkorgen)" in history, history

    sweep(runner, "2015-09-24T18:15")  # e-mailed: the step is done
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Klar" in _deadline_row(page) and "Väntar på e-post" not in _deadline_row(page)
    # the Kalender says the remiss's status, as its page does (walk34 #3); the Tidplan's step is Klar
    assert _calendar_deadline(client).endswith(" Besvarad") and "Väntar på e-post" not in _calendar_deadline(client)
    assert _deadline_json(client, rid)["waiting_for_mail"] is False


def test_the_expedited_yttrande_reads_as_text(decided, auth, client):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    page = client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True)
    sent = page[page.index('id="h-sent-text"'):]
    sent = sent[:sent.index("</section>")]
    # old code: every field a disabled textarea or input in a <fieldset disabled>, "Avsnitt 2", "Avsnitt 3" empty
    assert "<textarea" not in page and "<input" not in sent and "disabled" not in sent, sent[:1500]
    shown = _text(sent)
    assert shown.startswith('id="h-sent-text">Yttrandet som det expedierades Sammanfattning'), shown[:300]
    assert "Underskrifter Ordförande:" in shown, shown
    assert "Avsnitt 2" not in shown and "Avsnitt 3" not in shown, shown
    assert "<h3>Sammanfattning</h3>" in sent, sent[:1500]
