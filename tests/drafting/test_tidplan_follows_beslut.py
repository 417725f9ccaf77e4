"""The tidplan's beslut, justering and expediering follow the meeting the beslut was recorded at, not the planned
one (issue 17 item 5); a rättelse's beslut leaves the answered remiss's tidplan as it was."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.drafting import decision as decisions
from remiss.drafting import dispatch
from remiss.drafting.rattelse import start_rattelse
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.planning.models import TidplanState
from remiss.planning.service import milestones, tidplan
from tests.drafting.conftest import DECIDED_AT, approve, record


def rows(session, remiss_id):
    session.expire_all()
    return {m.kind: m for m in tidplan.milestones_of(session, remiss_id)}


def test_the_tidplan_follows_the_meeting_that_decided(session, w):
    remiss = w["remiss"]
    planned = rows(session, remiss.id)
    assert planned["namnd"].due_on == date(2015, 9, 24)
    # the nämnd meeting had been moved by hand; the beslut's facts replace such plans
    milestones.override_milestone(session, now=DECIDED_AT, principal=w["h"], remiss=remiss,
                                  milestone_id=planned["namnd"].id, day=date(2015, 9, 25), reason="Flyttat möte")
    approve(session, w)
    record(session, w, meeting_on=date(2015, 9, 17), paragraf="130")  # an extra meeting, a week early
    got = rows(session, remiss.id)
    assert got["namnd"].due_on == date(2015, 9, 17) and got["namnd"].override_on is None
    assert got["namnd"].done_at is not None and "§ 130" in got["namnd"].explanation
    assert got["justering"].due_on == date(2015, 10, 1) and got["justering"].done_at is None
    assert got["expediering"].due_on == date(2015, 10, 2) and got["expediering"].flagged  # after 28 September
    assert session.get(TidplanState, remiss.id).meeting_on == date(2015, 9, 17)

    decisions.record_justering(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, justerad_on=date(2015, 9, 18))
    got = rows(session, remiss.id)
    assert got["justering"].due_on == date(2015, 9, 18) and got["justering"].done_at is not None
    assert got["expediering"].due_on == date(2015, 9, 21) and not got["expediering"].flagged
    assert got["tjansteskrivelse"].due_on == date(2015, 8, 27)  # the work before the beslut keeps its dates

    # a replan (the deadline moved) keeps following the beslut
    tidplan.replan(session, now=DECIDED_AT, remiss=remiss)
    got = rows(session, remiss.id)
    assert (got["namnd"].due_on, got["justering"].due_on) == (date(2015, 9, 17), date(2015, 9, 18))


def test_a_rattelse_beslut_leaves_the_answered_tidplan_alone(session, w):
    remiss = w["remiss"]
    approve(session, w)
    record(session, w, omedelbar_justering=True)
    sent_at = datetime(2015, 9, 25, 9, 0, tzinfo=timezone.utc)
    dispatch.expediera(session, now=sent_at, principal=w["r"], remiss=remiss, files_dir=w["files"])
    before = {k: (m.due_on, m.done_at) for k, m in rows(session, remiss.id).items()}
    later = datetime(2015, 10, 12, 9, 0, tzinfo=timezone.utc)
    start_rattelse(session, now=later, principal=w["g"], remiss=remiss, comment="Fel.")
    save(session, now=later, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Rättat."})
    change_state(session, now=later, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=later, principal=w["g"], remiss=remiss, new="godkand")
    decisions.record_decision(session, now=later, principal=w["r"], remiss=remiss, decided_by="namnd",
                              meeting_on=date(2015, 10, 8), paragraf="150", omedelbar_justering=True,
                              confirm_before_approval=True)  # approved in Remiss on the 12th, after the meeting
    assert {k: (m.due_on, m.done_at) for k, m in rows(session, remiss.id).items()} == before


def test_an_arbetsutskott_after_the_beslut_leaves_the_tidplan_and_the_tjansteskrivelse(session, w):
    """Issue 17: "arbetsutskott 21 januari 2027" then "Stadsområdesnämnd Öster 3 december 2026" was untrue. Here the
    nämnd decides 8 September 2015, before the AU planned for 10 September: that AU never treated the ärende."""
    from remiss.drafting import generate
    from tests.drafting.conftest import doc_lines

    remiss = w["remiss"]
    approve(session, w)
    record(session, w, meeting_on=date(2015, 9, 8), paragraf="120", omedelbar_justering=True)
    got = rows(session, remiss.id)
    assert "arbetsutskott" not in got and got["namnd"].due_on == date(2015, 9, 8)
    lines = [t.replace("\u00a0", " ") for _, t in doc_lines(generate.render(
        session, now=DECIDED_AT, principal=w["r"], remiss=remiss, kind="tjansteskrivelse").data)]
    assert lines[lines.index("Beslutsplanering") + 1:lines.index("Ärendet")] == [
        "Stadsområdesnämnd Öster 8 september 2015"]
    # a replan keeps it out
    tidplan.replan(session, now=DECIDED_AT, remiss=remiss)
    assert "arbetsutskott" not in rows(session, remiss.id)


def test_an_arbetsutskott_that_met_before_the_beslut_is_dated_where_it_met(session, w):
    from remiss.clock import STOCKHOLM
    from remiss.namnd.models import Meeting

    remiss = w["remiss"]
    for kind, day, hour in (("au", date(2015, 9, 3), 8), ("au", date(2015, 9, 10), 8), ("namnd", date(2015, 9, 24), 17)):
        session.add(Meeting(namnd_id=remiss.namnd_id, kind=kind, place="Rum Öster",
                            starts_at=datetime(day.year, day.month, day.day, hour, 30, tzinfo=STOCKHOLM)))
    session.flush()
    approve(session, w)
    # an extra meeting, not in the sammanträdesplan: recorded on confirmation (walk8 #9)
    record(session, w, meeting_on=date(2015, 9, 8), paragraf="120", omedelbar_justering=True, confirm_meeting=True)
    got = rows(session, remiss.id)
    assert got["arbetsutskott"].due_on == date(2015, 9, 3) and got["arbetsutskott"].done_at is not None
    assert "före nämndens beslut tisdag 8 september 2015" in got["arbetsutskott"].explanation


def test_work_planned_after_an_earlier_beslut_is_pulled_back_so_the_tidplan_reads_in_order(session, w):
    """Walk6: sending the draft to granskning late re-planned the granskning after the meeting that then decided;
    recording the beslut left "Granskning klar" after the nämnd's beslut and the expediering."""
    remiss = w["remiss"]
    sent_late = datetime(2015, 9, 7, 8, 0, tzinfo=timezone.utc)
    save(session, now=sent_late, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=sent_late, principal=w["h"], remiss=remiss, new="granskning")
    assert rows(session, remiss.id)["granskning"].due_on == date(2015, 9, 10)  # three working days from then
    change_state(session, now=sent_late, principal=w["g"], remiss=remiss, new="godkand")
    record(session, w, meeting_on=date(2015, 9, 8), paragraf="120", omedelbar_justering=True)  # an extra meeting
    got = rows(session, remiss.id)
    order = [got[k].due_on for k in ("tjansteskrivelse", "granskning", "namnd", "justering", "expediering")]
    assert order == sorted(order), order
    assert got["granskning"].due_on == date(2015, 9, 8)
    assert "Senast till beslutet tisdag 8 september 2015" in got["granskning"].explanation


def test_a_meeting_added_after_the_beslut_does_not_bring_back_the_arbetsutskott_it_dropped(session, w):
    """Walk29b B1: the nämnd decided before the planned AU, which left the tidplan; a meeting then added to the
    sammanträdesplan re-planned the remiss and "Arbetsutskott … om 3 dagar" was back on a decided remiss."""
    from remiss.clock import STOCKHOLM
    from remiss.namnd.models import Meeting

    remiss = w["remiss"]
    approve(session, w)
    record(session, w, meeting_on=date(2015, 9, 8), paragraf="120", omedelbar_justering=True)
    assert "arbetsutskott" not in rows(session, remiss.id)
    for kind, day, hour in (("au", date(2015, 9, 10), 8), ("namnd", date(2015, 9, 24), 17)):
        session.add(Meeting(namnd_id=remiss.namnd_id, kind=kind, place="Rum Öster",
                            starts_at=datetime(day.year, day.month, day.day, hour, 30, tzinfo=STOCKHOLM)))
    session.flush()
    tidplan.replan(session, now=datetime(2015, 9, 8, 15, 0, tzinfo=timezone.utc), remiss=remiss)  # the AU to come
    got = rows(session, remiss.id)
    assert "arbetsutskott" not in got
    assert (got["namnd"].due_on, got["justering"].due_on) == (date(2015, 9, 8), date(2015, 9, 8))
