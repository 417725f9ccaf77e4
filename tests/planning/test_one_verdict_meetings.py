"""F4/F14/F31: one verdict about a passed sammanträde on the pages (Att göra, /forsenat: due_row), the remiss's
tidplan and the Monday digest, agreeing with the reminder mails (claim.NOT_MISSED).

F4: an arbetsutskott that passed with the yttrande ready for beslut and the nämnd still to come is no late work.
F14: an arbetsutskott passed without the yttrande is late, but not "passerade utan beslut" (it does not decide).
F31: the digest lists a late "Beslut (inget sammanträde)" as Att göra does."""
from __future__ import annotations

from datetime import date

from remiss.planning import agenda
from remiss.planning.flags import AU_PASSED
from remiss.planning.present import due_row
from remiss.planning.service import milestones
from remiss.planning.service.missed import flag_missed_meetings
from remiss.clock import local
from remiss.reminders.digest import digest_items
from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_remiss


def _rows(session, remiss, moment):
    items = agenda.items(session, namnd_ids=[remiss.namnd_id], end=local(moment).date())
    return {i.kind: due_row(i, local(moment)) for i in items if i.remiss_id == remiss.id}


def _digest(session, remiss, day):
    return {i["milestone"]: i for i in digest_items(session, namnd_id=remiss.namnd_id, start=day,
                                                    end=date(2015, 12, 31)) if i["remiss_id"] == remiss.id}


def test_passed_au_of_a_remiss_ready_for_beslut_is_not_late_anywhere(session):
    namnd, _ = seed_003_world(session)
    remiss = make_remiss(session, namnd=namnd, now=at(2015, 8, 20), deadline_on=date(2015, 10, 1), deadline_time=None)
    milestones.complete(session, now=at(2015, 9, 7, 10), remiss=remiss, kinds=("tjansteskrivelse", "granskning"),
                        note="yttrandet godkänt")
    moment = at(2015, 9, 11, 9)  # the day after the AU of 10 September; the nämnd meets on 24 September
    assert flag_missed_meetings(session, now=moment) == []  # the mail's verdict: no meeting missed
    au = _rows(session, remiss, moment)["arbetsutskott"]
    assert not au.overdue and "försenad" not in au.relative
    assert au.relative == "har passerat – ärendet tas upp direkt i nämnden"
    assert "Arbetsutskott" not in _digest(session, remiss, date(2015, 9, 11))


def test_passed_au_without_the_yttrande_is_late_but_did_not_fail_to_decide(session):
    namnd, _ = seed_003_world(session)
    remiss = make_remiss(session, namnd=namnd, now=at(2015, 8, 20), deadline_on=date(2015, 10, 1), deadline_time=None)
    moment = at(2015, 9, 11, 9)
    assert flag_missed_meetings(session, now=moment) == [remiss.id]
    au = _rows(session, remiss, moment)["arbetsutskott"]
    assert au.overdue and au.flag_reason == AU_PASSED
    item = _digest(session, remiss, date(2015, 9, 11))["Arbetsutskott"]
    assert item["late"] and item["why"] == f"– {AU_PASSED}"
    assert "passerade utan beslut" not in item["why"]


def test_digest_lists_a_late_beslut_without_sammantrade(session):
    namnd, _ = seed_003_world(session)
    # answer due before any sammanträde (AU 10 September): the plan's "Beslut (inget sammanträde)"
    remiss = make_remiss(session, namnd=namnd, now=at(2015, 8, 20), deadline_on=date(2015, 9, 4), deadline_time=None)
    moment = at(2015, 9, 7, 7)
    rows = _rows(session, remiss, moment)
    late_on_att_gora = {r.label for r in rows.values() if r.overdue}
    assert "Beslut (inget sammanträde)" in late_on_att_gora
    digest = {label for label, i in _digest(session, remiss, date(2015, 9, 7)).items() if i["late"]}
    assert late_on_att_gora <= digest
