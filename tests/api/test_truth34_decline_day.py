"""walk34b finding 6: the API's avstår takes the day the besked came in (`declined_on`, as the form's Beskedet
inkom), so one that came in time and is registered after the svarsdag is not called late; a future day is refused."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from remiss.outgoing.service import sending
from remiss.auth.access import Principal
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import SandlistaEntry
from tests.support.factories import make_remiss, registrator_api_headers

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SENT = datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)


def test_the_api_avstar_keeps_the_day_the_besked_came_in(session, app, client, clock):
    namnd, headers = registrator_api_headers(session, clock, now=SENT)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=SENT, title="Lekplatsprogram",
                         deadline_on=date(2027, 2, 26), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Ungdomsrådet", "ung@malmo.example", "")])
    with app.app_context():
        sending.send(session, now=SENT, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    session.commit()
    rid = remiss.id
    entry_id = session.query(SandlistaEntry).filter_by(remiss_id=rid).one().id
    session.close()  # no read transaction held while the app writes
    clock.set(datetime(2027, 3, 2, 9, 0, tzinfo=STOCKHOLM))  # registered after the svarsdag
    url = f"/api/v1/remisser/{rid}/sandlista/{entry_id}/decline"
    future = client.post(url, json={"declined_on": "2027-03-05"}, headers=headers)
    assert future.status_code == 400 and future.json["field"] == "declined_on", future.json
    done = client.post(url, json={"declined_on": "2027-02-20", "note": "Berörs inte."}, headers=headers)
    assert done.status_code == 200, done.json
    assert done.json["answered_on"] == "2027-02-20"
    session.expire_all()
    assert session.get(SandlistaEntry, entry_id).answered_on == date(2027, 2, 20)
