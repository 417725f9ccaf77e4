""""Besvarade för sent" (status=for_sent) and a remiss expedierad after the sista svarsdag without a svarsadress.

Its expediering sends no mail: it is "Expedierad för sent, inte skickad än" until someone registers how it was sent.
The filter read only Remiss.answered_late, which was set once the remiss was besvarad, so the page, its CSV and the
API's list left it out while its status word, the CSV's status and the API's status_label called it late
(session 28)."""
from __future__ import annotations

import html
import re
from datetime import date

from sqlmodel import select

from remiss.remisser.models import Remiss
from tests.drafting.test_expediering_mail import expediera

LATE = "Expedierad för sent, inte skickad än"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace("\u00ad", "")


def _listed(client, rid: int) -> tuple[str, list[int], list[str]]:
    """The diarium's text, the API list's ids and the CSV's lines under "Besvarade för sent"."""
    page = _text(client.get("/remisser?status=for_sent").get_data(as_text=True))
    ids = [i["id"] for i in client.get("/api/v1/remisser?status=for_sent").get_json()["items"]]
    lines = [line for line in client.get("/remisser/export.csv?status=for_sent").get_data(as_text=True).splitlines()
             if line.strip()]
    return page, ids, lines


def test_expedierad_late_without_svarsadress_is_listed_as_besvarad_for_sent(decided, auth, client, session):
    rid = decided(answer_email="", deadline_on=date(2015, 9, 22), effective_deadline_on=date(2015, 9, 22))
    assert expediera(auth, rid).status_code == 302  # 24 September, two days after the sista svarsdag
    page, ids, lines = _listed(client, rid)
    # old code: "0 remisser. Inga remisser." on the page, no item in the API, only the CSV's header
    assert "Inga remisser" not in page and LATE in page and "1 remiss" in page, page
    assert ids == [rid]
    assert len(lines) == 2 and LATE in lines[1], lines
    # the CSV's "Besvarad i tid" and the API's answered_late say it as the status word does (old code: "" and null)
    assert "Nej, för sent" in lines[1], lines[1]
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert body["status"] == "beslutad" and body["status_label"] == LATE and body["answered_late"] is True
    # the list's item as the detail: every status word and flag reads the stored Remiss.answered_late (old code: the
    # list's row computed the besvarad rule only, and its item said answered_late null beside "för sent")
    item = client.get("/api/v1/remisser?status=for_sent").get_json()["items"][0]
    assert (item["status_label"], item["answered_late"]) == (LATE, True), item
    # decided by the query, from the stored column (the same rule as the e-mailed case)
    session.expire_all()
    assert session.exec(select(Remiss.answered_late).where(Remiss.id == rid)).one() is True
    session.rollback()

    # its sending registered, days later: besvarad för sent, still listed
    form = {"way": "post", "sent_on": "24 september 2015"}
    assert auth.post(f"/remisser/{rid}/yttrande/skickat", form, form_url=f"/remisser/{rid}").status_code == 302
    page, ids, lines = _listed(client, rid)
    assert ids == [rid] and "Besvarad för sent" in page and len(lines) == 2 and "Nej, för sent" in lines[1]


def test_expedierad_in_time_without_svarsadress_is_not_listed(decided, auth, client, session):
    rid = decided(answer_email="", deadline_on=date(2015, 9, 30), effective_deadline_on=date(2015, 9, 30))
    assert expediera(auth, rid).status_code == 302  # 24 September, before the sista svarsdag
    page, ids, lines = _listed(client, rid)
    assert "Inga remisser" in page and ids == [] and len(lines) == 1
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert body["status_label"] == "Expedierad, inte skickad" and body["answered_late"] is None
    session.expire_all()
    assert session.exec(select(Remiss.answered_late).where(Remiss.id == rid)).one() is False
    session.rollback()


def test_sent_the_day_it_was_expedierad_late_stays_late(decided, auth, client, clock):
    from datetime import datetime, time, timezone

    # sista svarsdag 24 September kl. 15.00; expedierad that day at 18.00 (DECIDED_AT), no svarsadress
    rid = decided(answer_email="", deadline_on=date(2015, 9, 24), deadline_time=time(15, 0),
                  effective_deadline_on=date(2015, 9, 24), effective_deadline_time=time(15, 0))
    assert expediera(auth, rid).status_code == 302
    assert _listed(client, rid)[1] == [rid]
    clock.set(datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc))
    form = {"way": "post", "sent_on": "24 september 2015"}  # registered days later: sent that day
    assert auth.post(f"/remisser/{rid}/yttrande/skickat", form, form_url=f"/remisser/{rid}").status_code == 302
    # old code: answered that day at 12.00, before the expediering, so "Besvarad i tid" and out of the list
    page, ids, lines = _listed(client, rid)
    assert ids == [rid] and "Besvarad för sent" in page and "Nej, för sent" in lines[1], page
    assert client.get(f"/api/v1/remisser/{rid}").get_json()["answered_late"] is True
