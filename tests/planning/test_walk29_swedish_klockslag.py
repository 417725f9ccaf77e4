"""walk29 A8: a clock time put into a form field read "15:00" beside the hint "Till exempel 12.00." – the Klockslag
of a missiv read, and the sammanträdesplan's Klockslag (new and edited). Swedish style writes "15.00"; both are
still read."""
from __future__ import annotations

from datetime import date, datetime, time

from remiss.clock import local
from remiss.intake.prefill import form_values
from remiss.missiv.parser import parse_missiv
from tests.planning.helpers import at
from tests.planning.test_walk11_meeting_form import _meetings, plan  # noqa: F401 (a fixture)

MISSIV = """Kommunstyrelsen
Remiss: Förslag till ny trygghetsstrategi
Dnr STK-2026-1234
Svar ska ha inkommit senast den 22 januari 2027 kl. 15.00 till kommunstyrelsen@malmo.se.
"""


def test_the_klockslag_read_from_a_missiv_is_written_15_00():
    result = parse_missiv(MISSIV, reference_date=date(2026, 12, 7))
    assert result.deadline == datetime(2027, 1, 22, 15, 0)
    values = form_values(result, MISSIV)
    assert values["deadline_on"] == "2027-01-22"
    assert values["deadline_time"] == "15.00"  # old: "15:00"


def test_the_meeting_form_writes_its_klockslag_with_a_dot(db, client, auth, plan):
    url = f"/namnder/{plan.id}/sammantraden"
    assert 'name="time" type="text" value="17.00"' in client.get(url).get_data(as_text=True)  # old: "17:00"
    assert auth.post(url, {"kind": "namnd", "day": "2027-04-29", "time": "18:30"}).status_code == 302
    meeting = _meetings(db, plan)[0]
    assert local(meeting.starts_at).time() == time(18, 30)  # "18:30" is still read
    edit = client.get(f"{url}?andra={meeting.id}").get_data(as_text=True)
    assert 'name="time" type="text" value="18.30"' in edit, edit[edit.find('name="time"') - 50:][:200]
    saved = auth.post(url, {"kind": "namnd", "day": "2027-04-29", "time": "18.30", "meeting_id": str(meeting.id)})
    assert saved.status_code == 302 and local(_meetings(db, plan)[0].starts_at) == at(2027, 4, 29, 18, 30)
