"""walk12 finding 1: a remiss whose arbetsutskott and nämndsammanträde passed without a beslut was shown as on time.
The meetings vanished from the Monday digest once their day had passed, the justering and expediering after them were
listed without "[försenad]", no mail said the meeting passed, and on the sista svarsdag the registrator was told
"Expediering i dag … när beslutet är fattat". Now the sweep (its --now, never the wall clock) flags the meeting
`sammantrade_passerat` (calendar.missed, planning.service.missed) and every place says so, before the deadline."""
from __future__ import annotations

import email
import re
from datetime import date
from email.policy import default as default_policy
from pathlib import Path
from typing import NamedTuple

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import User
from remiss.drafting import decision as decisions
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.planning.models import Milestone
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss
from remiss.planning.flags import AU_PASSED

MISSED_TEXT = ("sammanträdet passerade utan beslut – begär förlängd remisstid, ta upp ärendet vid nästa sammanträde "
               "eller besluta på delegation")  # planning.flags.TEXTS["sammantrade_passerat"]
MISSED_REASON = "Nämnden beslutade inte vid sammanträdet: steget kommer först när beslutet är registrerat."
# no sammanträde to come before the sista svarsdag here (truth16 F3): the page, the stored advice, the API and the
# mail say the real ways out, not "ta upp ärendet vid nästa sammanträde" (left17 #1)
PAGE_ADVICE = ("Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026 – begär förlängd remisstid eller "
               "besluta på delegation; inget sammanträde hinner före sista svarsdag.")
ADVICE = PAGE_ADVICE
# the flag's reason as the page and the API say it when no sammanträde comes in time
MISSED_TEXT_NONE_IN_TIME = ("sammanträdet passerade utan beslut – begär förlängd remisstid eller besluta på "
                            "delegation; inget sammanträde hinner före sista svarsdag")


class Shown(NamedTuple):
    """A remiss as the tests name it (plain values: no session reads after a sweep)."""

    id: int
    our_dnr: str
    title: str


def _world(session, clock, titles=("Havsplaner för Sverige",)):
    """SOFÖ as in walk12: AU torsdag 10 december, nämnd torsdag 17 december 2026; remisser registered 20 November
    with sista svarsdag fredag 8 januari 2027, a handläggare assigned, nothing done on them."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), "")])
    users = {"h": fast_user(session, role="handlaggare", namnder=[namnd], email="h@oster.se"),
             "g": fast_user(session, role="granskare", namnder=[namnd], email="g@oster.se"),
             "r": fast_user(session, role="registrator", namnder=[namnd], email="r@oster.se")}
    clock.set(at(2026, 11, 20))
    remisser_ = [make_remiss(session, namnd=namnd, now=clock(), title=title, handlaggare_id=users["h"].id,
                             deadline_on=date(2027, 1, 8), deadline_time=None) for title in titles]
    session.commit()
    shown = [Shown(r.id, r.our_dnr, r.title) for r in remisser_]
    session.rollback()
    return shown, users


def _steps(session, remiss_id) -> dict[str, Milestone]:
    """The stored milestones, read and let go (the fixture session must not hold SQLite's lock for the pages)."""
    session.expire_all()
    found = {m.kind: m for m in session.exec(select(Milestone).where(Milestone.remiss_id == remiss_id))}
    for m in found.values():
        session.expunge(m)
    session.rollback()
    return found


def _mails(app, to: str) -> list[str]:
    found = []
    for path in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        if mail["To"] == to:
            found.append(" ".join(f"{mail['Subject']}\n{mail.get_body(('plain',)).get_content()}".split()))
    return found


def test_the_digest_lists_the_passed_meetings_and_marks_what_follows_them_late(session, app, runner, clock):
    """Old code: the AU and nämnd were left out of the digest of 4 January and justering/expediering had no mark."""
    [remiss], _ = _world(session, clock)
    due = {kind: m.due_on for kind, m in _steps(session, remiss.id).items()}  # the walk's plan
    assert (due["arbetsutskott"], due["namnd"]) == (date(2026, 12, 10), date(2026, 12, 17))
    assert (due["justering"], due["expediering"]) == (date(2027, 1, 7), date(2027, 1, 8))
    sweep(session, runner, "2027-01-04T07:30")
    [digest] = [m for m in _mails(app, "r@oster.se") if m.startswith("Veckans remisser")]
    name = f"{remiss.title} ({remiss.our_dnr})"
    because = "[försenad eftersom nämnden inte beslutade vid sammanträdet torsdag 17 december 2026]"
    # an arbetsutskott does not decide: "passerade utan beslut" is the nämnd's (F14)
    assert f"torsdag 10 december 2026: Arbetsutskott – {name} [försenad – {AU_PASSED}]" in digest, digest
    # no sammanträde comes before the sista svarsdag: the mail does not offer one (left17 #1)
    assert (f"torsdag 17 december 2026: Nämndsammanträde – {name} [försenad – {MISSED_TEXT_NONE_IN_TIME}]"
            in digest), digest
    assert f"torsdag 7 januari 2027: Justering – {name} {because}" in digest, digest
    assert f"fredag 8 januari 2027: Expediering – {name} {because}" in digest, digest


def test_the_registrator_is_told_the_day_after_the_meeting_and_no_expediering_is_announced(session, app, runner,
                                                                                            clock):
    """Old code: no mail about the meeting; "Expediering i dag" on 8 January; the first word came on 11 January."""
    [remiss], _ = _world(session, clock)
    dnr = remiss.our_dnr
    sweep(session, runner, "2026-12-17T07:30")  # the meeting's own day: nothing about it yet
    assert not [m for m in _mails(app, "r@oster.se") if m.startswith(f"[{dnr}] Försenad: nämndsammanträde")]
    sweep(session, runner, "2026-12-18T07:30")
    told = [m for m in _mails(app, "r@oster.se") if m.startswith(f"[{dnr}] Försenad: nämndsammanträde")]
    assert len(told) == 1, _mails(app, "r@oster.se")
    assert "Nämnden skulle ha beslutat om yttrandet torsdag 17 december 2026." in told[0]
    assert ADVICE in told[0], told[0]
    # the registrator keeps the sammanträden: the handläggare is not told the nämnd did not decide
    assert not [m for m in _mails(app, "h@oster.se") if "ämndsammanträde –" in m.split(" Hej!")[0]]
    for moment in ("2026-12-28T07:30", "2027-01-04T07:30", "2027-01-07T07:30", "2027-01-08T07:30"):
        sweep(session, runner, moment)
    to_registrator = _mails(app, "r@oster.se")
    assert len([m for m in to_registrator if m.startswith(f"[{dnr}] Försenad: nämndsammanträde")]) == 1
    assert not [m for m in to_registrator if "Expediering i dag" in m or "Expediering om" in m], to_registrator
    assert [m for m in to_registrator if m.startswith(f"[{dnr}] Sista svarsdag i dag")]  # that one is true
    stopped = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                       OutboxMessage.key.contains(":expediering:"),
                                                       OutboxMessage.kind == "on_day")).all()
    assert [(r.status, r.last_error) for r in stopped] == [("cancelled", MISSED_REASON)]


def test_the_start_page_the_remiss_page_forsenat_and_the_api_flag_the_passed_meeting(session, client, auth, runner,
                                                                                   clock):
    """Old code: the nämndsammanträde was only "försenad sedan i går", not flagged, with no reason and no advice."""
    [remiss], _ = _world(session, clock)
    sweep(session, runner, "2026-12-18T07:30")
    clock.set(at(2026, 12, 18))
    auth.login("r@oster.se")
    start = client.get("/").get_data(as_text=True)
    rows = [r for r in re.findall(r"<tr>.*?</tr>", start, re.S) if "Nämndsammanträde" in r]
    # no sammanträde comes before the sista svarsdag: not offered on the start page or /forsenat either (left17 #1)
    assert rows and all("Kräver uppmärksamhet" in r and MISSED_TEXT_NONE_IN_TIME in r for r in rows), rows
    # Att registrera och avsluta: no sammanträde comes in time, so not "ta upp ärendet igen" (left17 #1)
    assert "Begär förlängd remisstid eller besluta på delegation" in start
    assert "Begär förlängd remisstid eller ta upp ärendet igen" not in start
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert PAGE_ADVICE in page
    late = client.get("/forsenat").get_data(as_text=True)
    assert MISSED_TEXT_NONE_IN_TIME in late and MISSED_TEXT not in late
    body = client.get(f"/api/v1/remisser/{remiss.id}").get_json()
    namnd = next(m for m in body["milestones"] if m["kind"] == "namnd")
    assert (namnd["flagged"], namnd["flag_reason"], namnd["flag_reason_text"]) == (
        True, "sammantrade_passerat", MISSED_TEXT_NONE_IN_TIME)
    assert namnd["advice"].startswith(ADVICE)
    steps = _steps(session, remiss.id)
    assert steps["namnd"].flag_reason == steps["arbetsutskott"].flag_reason == "sammantrade_passerat"
    assert steps["namnd"].advice.startswith(ADVICE)  # stored true, not only rewritten when read


def test_on_the_deadline_day_the_expediering_is_late_because_of_the_meeting_not_due_today(session, client, auth,
                                                                                        runner, clock):
    """Old code: the start page and the tidplan said "Expediering … i dag" on 8 January, as if all were well."""
    [remiss], _ = _world(session, clock)
    sweep(session, runner, "2026-12-18T07:30")
    clock.set(at(2027, 1, 8))
    auth.login("r@oster.se")
    because = "försenad eftersom nämnden inte beslutade vid sammanträdet torsdag 17 december 2026"
    start = client.get("/").get_data(as_text=True)
    rows = [r for r in re.findall(r"<tr>.*?</tr>", start, re.S) if ">Expediering<" in r]
    assert rows and all(because in r.lower() and "i dag" not in r for r in rows), rows
    tidplan = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    entry = tidplan[tidplan.index('id="milstolpe-expediering"'):]
    entry = entry[:entry.index("</li>")]
    assert because in entry.lower() and "i dag" not in entry, entry


def _approve(session, clock, remiss, users):
    """The yttrande godkänt on 3 December, before the AU."""
    ph, pg = (Principal.of(session, users[k]) for k in ("h", "g"))
    clock.set(at(2026, 12, 3))
    remiss = session.get(Remiss, remiss.id)
    save(session, now=clock(), principal=ph, remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=clock(), principal=ph, remiss=remiss, new="granskning")
    change_state(session, now=clock(), principal=pg, remiss=remiss, new="godkand")
    session.commit()


def _decide(session, clock, remiss, users):
    """The beslut registered on the evening of the nämnd's meeting, 17 December."""
    clock.set(at(2026, 12, 17, 19))
    decisions.record_decision(session, now=clock(), principal=Principal.of(session, users["r"]),
                              remiss=session.get(Remiss, remiss.id), decided_by="namnd", meeting_on=date(2026, 12, 17),
                              paragraf="§ 201")
    session.commit()


def test_a_beslut_registered_on_time_leaves_none_of_it(session, app, runner, clock):
    """Beside a remiss nobody decided (flagged, told), one decided at the meeting is neither flagged nor told, and
    its AU, passed a week before the beslut with the yttrande ready, is no missed meeting either."""
    decided, undecided = _world(session, clock, titles=("Beslutad i tid", "Inget beslut"))[0]
    users = {u.email[0]: u for u in session.exec(select(User))}
    _approve(session, clock, decided, users)
    sweep(session, runner, "2026-12-11T07:30")  # between the AU and the nämnd: the yttrande was ready for the AU
    assert not _steps(session, decided.id)["arbetsutskott"].flagged
    assert _steps(session, undecided.id)["arbetsutskott"].flag_reason == "sammantrade_passerat"
    _decide(session, clock, decided, users)
    for moment in ("2026-12-18T07:30", "2027-01-04T07:30"):
        sweep(session, runner, moment)
    assert _steps(session, undecided.id)["namnd"].flag_reason == "sammantrade_passerat"
    assert not [m for m in _steps(session, decided.id).values() if m.flag_reason == "sammantrade_passerat"]
    mails = _mails(app, "r@oster.se")
    assert [m for m in mails if m.startswith(f"[{undecided.our_dnr}] Försenad: nämndsammanträde")]
    assert not [m for m in mails if m.startswith(f"[{decided.our_dnr}] Försenad: nämndsammanträde")]
    digest = [m for m in mails if m.startswith("Veckans remisser")][-1]  # of 4 January
    assert f"Nämndsammanträde – {undecided.title} ({undecided.our_dnr}) [försenad" in digest
    assert f"Beslutad i tid ({decided.our_dnr}) [försenad" not in digest, digest


def test_a_finished_remiss_is_never_flagged_or_told(session, app, runner, clock):
    """Avstår before the meeting: no flag, no mail; the open one beside it is flagged."""
    declined, open_one = _world(session, clock, titles=("Avstår", "Öppen"))[0]
    pr = Principal.of(session, session.exec(select(User).where(User.email == "r@oster.se")).one())
    clock.set(at(2026, 12, 1))
    remisser.change_status(session, now=clock(), principal=pr, remiss=session.get(Remiss, declined.id), new="avstar")
    session.commit()
    sweep(session, runner, "2026-12-18T07:30")
    assert _steps(session, open_one.id)["namnd"].flag_reason == "sammantrade_passerat"
    assert not [m for m in _steps(session, declined.id).values() if m.flag_reason == "sammantrade_passerat"]
    assert not [m for m in _mails(app, "r@oster.se") if m.startswith(f"[{declined.our_dnr}]")]


def test_with_a_sammantrade_in_time_the_advice_offers_it_stored_in_the_api_and_by_mail(session, app, client, auth,
                                                                                     runner, clock):
    """left17 #1, the other case: a sammanträde on 7 January comes before the sista svarsdag 8 January, so the
    stored advice, the API and the mail may offer "ta upp ärendet vid nästa sammanträde"; once it is struck from
    the plan, the API says the real ways out at once, from the same function."""
    [remiss], _ = _world(session, clock)
    namnd = Shown(session.get(Remiss, remiss.id).namnd_id, "", "")
    add_meetings(session, namnd, [("namnd", at(2027, 1, 7, 17), "")])
    session.commit()
    in_time = ("Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026 – begär förlängd remisstid, ta upp "
               "ärendet vid nästa sammanträde eller besluta på delegation.")
    sweep(session, runner, "2026-12-18T07:30")
    assert _steps(session, remiss.id)["namnd"].advice.startswith(in_time)
    told = [m for m in _mails(app, "r@oster.se") if "nämndsammanträde" in m.split(" Hej!")[0]]
    assert len(told) == 1 and in_time in told[0], told
    clock.set(at(2026, 12, 18, 9))
    auth.login("r@oster.se")
    step = next(m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]
                if m["kind"] == "namnd")
    assert step["advice"].startswith(in_time) and step["flag_reason_text"] == MISSED_TEXT
    assert MISSED_TEXT in client.get("/").get_data(as_text=True)  # the start page offers it too
    clock.set(at(2027, 1, 8, 9))  # the 7 January meeting has passed too: none comes before the sista svarsdag
    step = next(m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]
                if m["kind"] == "namnd")
    assert step["advice"].startswith(ADVICE) and "nästa sammanträde" not in step["advice"], step["advice"]
    start = client.get("/").get_data(as_text=True)
    assert MISSED_TEXT_NONE_IN_TIME in start and MISSED_TEXT not in start
