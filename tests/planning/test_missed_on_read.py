"""walk12 finding 1, left over: the missed-meeting flag (sammantrade_passerat) was set only by the reminder sweep and
a re-plan, so the morning after a nämnd met without a beslut, a page or the API read before the sweep said the
remiss was on time. Now the first request of the day flags it (planning.views.missed) from the request's clock, and
"Nästa steg" says what to do. A missed arbetsutskott is told by mail too (reminders.policy.MISSED_TOLD)."""
from __future__ import annotations

import html
import re

from tests.planning.helpers import at
from tests.planning.test_walk12_meeting_passed import MISSED_TEXT_NONE_IN_TIME, PAGE_ADVICE, _approve, _mails, _steps, _world
from tests.reminders.test_events import sweep

# no sammanträde to come before the sista svarsdag: the real ways out (truth16 F3)
NEXT = ("Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026. Begär förlängd remisstid eller besluta på "
        "delegation; inget sammanträde hinner före sista svarsdag.")
AU_ADVICE = ("Arbetsutskottet behandlade inte ärendet vid sammanträdet torsdag 10 december 2026 – begär förlängd "
             "remisstid, ta upp ärendet vid nästa sammanträde eller besluta på delegation.")


def _next_step(page: str) -> str:
    found = re.search(r'<p class="next-step">(.*?)</p>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())


def test_the_morning_after_the_meeting_the_page_and_the_api_say_it_without_a_sweep(session, client, auth, clock):
    """Old code: no sweep since the meeting, so no flag: the API said flagged False and the page had no advice."""
    [remiss], _ = _world(session, clock)
    clock.set(at(2026, 12, 18, 7, 5))  # before the 07.30 sweep
    auth.login("r@oster.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert PAGE_ADVICE in page
    body = client.get(f"/api/v1/remisser/{remiss.id}").get_json()
    namnd = next(m for m in body["milestones"] if m["kind"] == "namnd")
    assert (namnd["flagged"], namnd["flag_reason"], namnd["flag_reason_text"]) == (
        True, "sammantrade_passerat", MISSED_TEXT_NONE_IN_TIME)
    assert _steps(session, remiss.id)["namnd"].flag_reason == "sammantrade_passerat"


def test_on_the_meeting_day_itself_nothing_is_flagged(session, client, auth, clock):
    [remiss], _ = _world(session, clock)
    clock.set(at(2026, 12, 17, 21))
    auth.login("r@oster.se")
    body = client.get(f"/api/v1/remisser/{remiss.id}").get_json()
    assert not next(m for m in body["milestones"] if m["kind"] == "namnd")["flagged"]


def test_the_next_step_says_what_to_do_about_the_missed_meeting(session, client, auth, clock):
    """Old code: "Tjänsteskrivelsen är försenad i 32 dagar – handläggaren börjar …", silent about the meeting."""
    [remiss], _ = _world(session, clock)
    clock.set(at(2026, 12, 18, 8))
    auth.login("r@oster.se")
    step = _next_step(client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert step.startswith(f"Nästa steg: {NEXT} "), step
    assert "Nämndens beslut är försenad" not in step


def test_a_missed_arbetsutskott_is_told_to_the_registrator_once(session, app, runner, clock):
    """Old code: only the nämndsammanträde was told (policy.MISSED_TOLD); the AU passed in silence for a week."""
    unready, ready = _world(session, clock, titles=("Inte klar", "Klar i tid"))[0]
    from remiss.auth.models import User
    from sqlmodel import select
    users = {u.email[0]: u for u in session.exec(select(User))}
    _approve(session, clock, ready, users)
    for moment in ("2026-12-10T07:30", "2026-12-11T07:30", "2026-12-14T07:30"):
        sweep(session, runner, moment)
    told = [m for m in _mails(app, "r@oster.se") if "Försenad: arbetsutskott" in m.split(" Hej!")[0]]
    assert len(told) == 1 and told[0].startswith(f"[{unready.our_dnr}] Försenad: arbetsutskott"), told
    assert "Arbetsutskottet skulle ha behandlat ärendet torsdag 10 december 2026." in told[0], told[0]
    assert AU_ADVICE in told[0], told[0]
    assert not [m for m in _mails(app, "h@oster.se") if "Försenad: arbetsutskott" in m]


def test_a_day_with_nothing_to_flag_writes_nothing_and_a_day_is_looked_at_once(db, session, client, auth, clock):
    """The day's first request only reads when no meeting has passed (no write lock for a page view); later
    requests of the day do not look again, and the next day's first one does."""
    from tests.ops.test_query_counts import counting

    [remiss], _ = _world(session, clock)
    clock.set(at(2026, 12, 9, 8))  # before the AU: nothing has passed
    auth.login("r@oster.se")
    clock.set(at(2026, 12, 10, 8))  # the AU's own day: nothing has passed yet either
    with counting({db.read_engine, db.write_engine}) as statements:
        client.get(f"/remisser/{remiss.id}")
    looked = [s for s in statements if "AS review_open" in s]
    assert len(looked) == 1 and not [s for s in statements if s.lstrip().upper().startswith("UPDATE")], statements
    assert "BEGIN IMMEDIATE" not in statements  # SQLite's write lock (remiss.db): a GET takes none
    with counting({db.read_engine, db.write_engine}) as statements:
        client.get("/")
    assert not [s for s in statements if "AS review_open" in s]
    clock.set(at(2026, 12, 11, 8))  # the day after the AU: it is flagged
    client.get("/")
    assert _steps(session, remiss.id)["arbetsutskott"].flag_reason == "sammantrade_passerat"
