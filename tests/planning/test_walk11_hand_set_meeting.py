"""walk11 finding 3: a nämndsammanträde set by hand after the sista svarsdag is asked about before it is saved,
flagged "Kräver uppmärksamhet", and the justering and the expediering follow it (never before the meeting they
follow), saying they come after the sista svarsdag."""
from __future__ import annotations

from datetime import date, time

from remiss.auth.models import Role
from tests.planning.helpers import add_meetings, at, milestones
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session, clock):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 1, 28, 17), ""), ("namnd", at(2027, 3, 1, 17), ""),
                                  ("namnd", at(2027, 3, 25, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    clock.set(at(2026, 12, 4))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Miljöprogram",
                         deadline_on=date(2027, 3, 26), deadline_time=time(9, 30))
    session.commit()
    return remiss


def test_a_meeting_set_by_hand_after_the_deadline_asks_flags_and_moves_what_follows(db, client, auth, session,
                                                                                   clock):
    remiss = _world(session, clock)
    before = milestones(db, remiss.id)
    assert before["namnd"].due_on == date(2027, 3, 1) and before["justering"].due_on < date(2027, 3, 26)
    auth.login("mia@kommun.se")
    form = {"milestone_id": str(before["namnd"].id), "override_on": "2027-04-15", "reason": "Extra sammanträde"}
    url = f"/remisser/{remiss.id}/tidplan/andra"

    asked = auth.post(url, form, form_url=f"/remisser/{remiss.id}")
    assert asked.status_code == 400
    page = asked.get_data(as_text=True)
    assert ("Sammanträdet torsdag 15 april 2027 är för sent: svaret hinner inte expedieras före sista svarsdag "
            "fredag 26 mars 2027 kl. 09.30") in page
    assert 'name="confirm_late"' in page and "Extra sammanträde" in page  # what was typed is kept
    assert milestones(db, remiss.id)["namnd"].override_on is None  # nothing saved

    saved = auth.post(url, {**form, "confirm_late": "1"}, form_url=f"/remisser/{remiss.id}")
    assert saved.status_code == 302
    rows = milestones(db, remiss.id)
    assert rows["namnd"].due_on == date(2027, 4, 15)
    assert rows["namnd"].flagged and rows["namnd"].flag_reason == "sent_sammantrade"
    # never before the meeting they follow
    assert date(2027, 4, 15) < rows["justering"].due_on < rows["expediering"].due_on
    assert "efter sista svarsdag fredag 26 mars 2027" in rows["justering"].explanation
    assert rows["expediering"].flagged and "efter sista svarsdag" in rows["expediering"].explanation

    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "justering och expediering kommer efter sista svarsdag" in page
    assert "sammanträdet satt för hand hinner inte före sista svarsdag" in page
    start = client.get("/").get_data(as_text=True)
    section = start.split('id="h-att-registrera"')[1].split("</section>")[0]
    assert "Begär förlängd remisstid: MN" in section and "Kräver uppmärksamhet" in section

    back = auth.post(url, {"milestone_id": str(rows["namnd"].id), "override_on": "", "reason": ""},
                     form_url=f"/remisser/{remiss.id}")
    assert back.status_code == 302
    rows = milestones(db, remiss.id)
    assert rows["namnd"].due_on == date(2027, 3, 1) and not rows["namnd"].flagged
    assert rows["justering"].due_on == before["justering"].due_on


def test_a_meeting_set_by_hand_in_time_needs_no_question(db, auth, session, clock):
    remiss = _world(session, clock)
    namnd = milestones(db, remiss.id)["namnd"]
    auth.login("mia@kommun.se")
    saved = auth.post(f"/remisser/{remiss.id}/tidplan/andra",
                      {"milestone_id": str(namnd.id), "override_on": "2027-03-04", "reason": "Extra"},
                      form_url=f"/remisser/{remiss.id}")
    assert saved.status_code == 302
    rows = milestones(db, remiss.id)
    assert rows["namnd"].due_on == date(2027, 3, 4) and not rows["namnd"].flagged
    assert date(2027, 3, 4) <= rows["justering"].due_on <= rows["expediering"].due_on <= date(2027, 3, 26)


def test_the_question_about_a_late_meeting_stands_in_the_error_summary(db, auth, session, clock):
    """The question is listed in the form's error summary at the top, under a Swedish name and linked to its box
    (like 'Datum som har varit' on the sammanträdesplan), not under the field's code name."""
    remiss = _world(session, clock)
    namnd = milestones(db, remiss.id)["namnd"]
    auth.login("mia@kommun.se")
    page = auth.post(f"/remisser/{remiss.id}/tidplan/andra",
                     {"milestone_id": str(namnd.id), "override_on": "2027-04-15", "reason": "Extra sammanträde"},
                     form_url=f"/remisser/{remiss.id}").get_data(as_text=True)
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    # under the field's name, "Nytt datum" (walk29 A6; was "Sammanträde efter sista svarsdag")
    assert ('<a href="#f-o-confirm_late">Nytt datum: Sammanträdet torsdag 15 april 2027 är '
            "för sent") in summary
    assert "confirm_late:" not in page
    assert 'id="f-o-confirm_late"' in page  # the link leads to the box
