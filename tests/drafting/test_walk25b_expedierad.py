"""walk25b Z3, Z5: what Remiss says of an expedierat yttrande is true on every path, with and without a svarsadress,
before and after it has left the house: the status word, Nästa steg, the Tidplan, the history, the list filters, the
CSV export and the API."""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime, timezone

import pytest

from tests.drafting.test_expediering_mail import expediera, sweep


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace("\u00ad", "")


def _header(client, rid: int) -> str:
    shown = _text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    return shown[shown.index("Inkommande remiss"):shown.index("Översikt")]


def _history(client, rid: int) -> str:
    return _text(client.get(f"/remisser/{rid}").get_data(as_text=True)).rsplit("Historik", 1)[-1]


def _steps(client, rid: int) -> dict:
    return {m["kind"]: m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"]}


def _listed(client, status: str) -> dict[int, str]:
    """The remisser the list filter gives, by id, with their status word, as the API gives them; the page's list
    must name the same."""
    items = client.get(f"/api/v1/remisser?status={status}").get_json()["items"]
    page = client.get(f"/remisser?status={status}").get_data(as_text=True)
    for item in items:
        assert f'href="/remisser/{item["id"]}"' in page, (status, item["id"])
    return {item["id"]: item["status_label"] for item in items}


def _csv_row(client, rid: int) -> dict:
    body = client.get("/remisser/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    return next(row for row in rows if row["Länk"].endswith(f"/remisser/{rid}"))


def test_expedierat_without_svarsadress_says_expedierad_inte_skickad_and_the_expediering_is_done(
        decided, auth, client, clock):
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302  # 24 September, the expediering planned the 25th
    clock.set(datetime(2015, 9, 27, 8, 0, tzinfo=timezone.utc))  # after the planned expediering, before the deadline
    header = _header(client, rid)
    # old code: "Beslutad … Nästa steg: Expedieringen är försenad i 2 dagar – yttrandet är expedierat men inte e-postat"
    assert "Expedierad, inte skickad" in header and "Beslutad" not in header, header
    assert "Nästa steg: Skicka yttrandet till remittenten på annat sätt och registrera att det är skickat." in header
    assert "försenad" not in header.lower(), header
    steps = _steps(client, rid)
    # old code: the expediering stayed open, "Försenad"; the sending is what waits, on the sista svarsdag
    assert steps["expediering"]["status"] == "done", steps["expediering"]
    assert steps["sista_svarsdag"]["status"] == "open"
    assert steps["sista_svarsdag"]["not_by_hand"] == \
        "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand."
    tidplan = _text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 2)[-1]
    expediering = tidplan[tidplan.index("Expediering :"):tidplan.index("Sista svarsdag :")]
    assert "Klar" in expediering and "Försenad" not in expediering, expediering
    detail = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert (detail["status"], detail["status_label"]) == ("beslutad", "Expedierad, inte skickad")
    assert _csv_row(client, rid)["Status"] == "Expedierad, inte skickad"
    history = _history(client, rid)
    # old code: "Yttrandet inte e-postat av …": a person as the subject of what did not happen
    assert "Yttrandet inte e-postat" not in history, history
    assert "Yttrandet expedierat utan e-post (ingen svarsadress) av" in history
    assert "Status: Beslutad → Expedierad, inte skickad" in history
    # the start page's row says it in the same words
    start = _text(client.get("/").get_data(as_text=True))
    assert "Expedierad, inte skickad – yttrandet är expedierat men inte e-postat" in start, start

    # past the sista svarsdag the sending is late, not the expediering
    clock.set(datetime(2015, 9, 29, 8, 0, tzinfo=timezone.utc))
    header = _header(client, rid)
    assert "Expedieringen är försenad" not in header, header
    assert _steps(client, rid)["expediering"]["status"] == "done"

    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/skickat", {"way": "post", "sent_on": "29 september 2015"},
                     form_url=page).status_code == 302
    assert "Besvarad" in _header(client, rid)
    history = _history(client, rid)
    assert "Status: Expedierad, inte skickad → Besvarad" in history, history
    assert "Status: Beslutad → Besvarad" not in history


def test_the_history_of_a_mailed_yttrande_says_besvarad_when_the_mail_has_left(decided, auth, client, runner, smtp):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    history = _history(client, rid)
    # old code: "Status: Beslutad → Besvarad" at the expediering, the mail still in the Utkorg (walk25b Z3)
    assert "Status: Beslutad → Expedierad, inte skickad" in history, history
    assert "→ Besvarad" not in history
    sweep(runner, "2015-09-24T18:30")
    history = _history(client, rid)
    sent = history[history.index("Yttrandet e-postat av Systemet"):]
    assert sent.startswith("Yttrandet e-postat av Systemet (Yttrandet e-postades till kulturkansli@malmo.se.) "
                           "Status: Expedierad, inte skickad → Besvarad"), sent[:300]
    assert history.count("→ Besvarad") == 1


def test_the_list_filters_give_besvarad_only_once_the_yttrande_has_left(decided, auth, client, runner, smtp, clock):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    # old code: status=besvarad listed it as "Expedierad, inte skickad"; no filter named the unsent
    assert rid not in _listed(client, "besvarad")
    assert _listed(client, "expedierad") == {rid: "Expedierad, inte skickad"}
    page = client.get("/remisser").get_data(as_text=True)
    assert '<option value="expedierad" >Expedierade, inte skickade</option>' in page
    assert _csv_row(client, rid)["Besvarad i tid"] == "" and _csv_row(client, rid)["Besvarad"] == ""
    sweep(runner, "2015-09-24T18:30")
    assert _listed(client, "besvarad") == {rid: "Besvarad"}
    assert rid not in _listed(client, "expedierad")
    assert _csv_row(client, rid)["Besvarad i tid"] == "Ja"


def test_an_unsent_yttrande_without_svarsadress_is_not_listed_as_beslutad(decided, auth, client):
    rid = decided(answer_email="")
    assert _listed(client, "beslutad") == {rid: "Beslutad"}
    assert expediera(auth, rid).status_code == 302
    # old code: listed under Beslutad, worded "Beslutad"
    assert rid not in _listed(client, "beslutad")
    assert _listed(client, "expedierad") == {rid: "Expedierad, inte skickad"}
    assert _listed(client, "open")[rid] == "Expedierad, inte skickad"  # still work to do: the sending


def test_the_sista_svarsdag_reminder_asks_for_the_sending_without_svarsadress(decided, auth, runner, smtp):
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    sweep(runner, "2015-09-28T07:00")  # the sista svarsdag; the expediering is done, the sending waits
    told = [m.get_body(preferencelist=("plain",)).get_content() for _, m in smtp.received
            if m["X-Remiss-Kind"] == "on_day"]
    assert told and "Svaret ska vara remittenten tillhanda i dag" in told[0], told
    # old code: "Yttrandet skulle ha skickats till remittenten fredag 25 september 2015. Det är nu 1 arbetsdag sedan."
    # (the expediering's planned day, though the expediering was done)
    assert "skulle ha skickats" not in told[0] and "25 september" not in told[0], told[0]
    assert "Vad som förväntas av dig: Skicka yttrandet till remittenten och registrera hur det skickades" in told[0]
    assert "Se till att yttrandet når remittenten senast sista svarsdagen" not in told[0]
    assert not any("Expedieringen" in m.get_body(preferencelist=("plain",)).get_content() for _, m in smtp.received)



@pytest.mark.parametrize("answer_email", ["", "kulturkansli@malmo.se"], ids=["utan-svarsadress", "e-post"])
def test_a_done_expediering_does_not_say_when_it_becomes_done_on_either_path(decided, auth, client, answer_email):
    """walk25b: "Expedieringen blir klar när yttrandet expedieras, inte för hand." is why an open step has no
    Markera som klar; beside a done Expediering it is noise, on the Tidplan and in the API's not_by_hand, whether
    the yttrande was e-mailed or waits to be sent. The Sista svarsdag that waits for the sending keeps its own
    sentence; a click on the done step is still refused."""
    rid = decided(answer_email=answer_email)
    assert expediera(auth, rid).status_code == 302
    steps = _steps(client, rid)
    # old code: not_by_hand "Expedieringen blir klar när yttrandet expedieras, inte för hand." on the done step
    assert steps["expediering"]["status"] == "done" and steps["expediering"]["not_by_hand"] is None, \
        steps["expediering"]
    if answer_email:
        return  # besvarad: the Tidplan offers no clicks and says no why
    tidplan = _text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 2)[-1]
    expediering = tidplan[tidplan.index("Expediering :"):tidplan.index("Sista svarsdag :")]
    assert "Klar" in expediering
    assert "blir klar" not in expediering, expediering  # old code: "… Klar … Expedieringen blir klar när …"
    assert "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand." in tidplan
    assert steps["sista_svarsdag"]["not_by_hand"] == \
        "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand."
    refused = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": steps["expediering"]["id"], "done": "0"},
                        form_url=f"/remisser/{rid}")
    assert refused.status_code == 400 and "Expedieringen blir klar" in refused.get_data(as_text=True)
    assert _steps(client, rid)["expediering"]["status"] == "done"
