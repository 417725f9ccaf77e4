"""walk26 W1: a registrator in two nämnder got only one nämnd's Monday digest; the catch-up grouped digests per
recipient, so the other nämnd's (a different list, not an older copy of the same) was marked "Ersatt av en senare
påminnelse om samma sak" and never sent, and its remisser were in no digest. A digest is now one per (nämnd,
recipient): both go out, once, and a row superseded by the old grouping is sent by the next sweep."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.reminders.models import OutboxMessage, OutboxStatus
from tests.planning.helpers import add_meetings, at
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def _world(session, clock):
    oster = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    ks = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    for namnd in (oster, ks):
        add_meetings(session, namnd, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), "")])
    h = fast_user(session, role="handlaggare", namnder=[oster, ks], email="h@malmo.se")
    fast_user(session, role="registrator", namnder=[oster, ks], email="r@malmo.se")
    clock.set(at(2026, 11, 20))
    made = {namnd.name: make_remiss(session, namnd=namnd, now=clock(), title=f"Remiss till {namnd.name}",
                                    handlaggare_id=h.id, deadline_on=date(2027, 1, 8), deadline_time=None)
            for namnd in (oster, ks)}
    session.commit()
    return made


def _digests(session):
    session.rollback()
    session.expunge_all()
    return session.exec(select(OutboxMessage).where(OutboxMessage.kind == "digest")
                        .where(OutboxMessage.recipient_email == "r@malmo.se").order_by(OutboxMessage.id)).all()


def test_a_registrator_in_two_namnder_gets_both_digests_once(session, app, runner, clock, smtp):
    made = _world(session, clock)
    sweep(session, runner, "2026-11-23T07:30")  # Monday: the digest
    mails = {m["Subject"]: m.get_body(("plain",)).get_content() for m in smtp.messages if m["To"] == "r@malmo.se"
             and m["Subject"].startswith("Veckans")}
    # Old code: only one of them; the other row "superseded"
    assert sorted(mails) == ["Veckans remisser – Kommunstyrelsen", "Veckans remisser – Stadsområdesnämnd Öster"]
    for name, remiss in made.items():
        assert remiss.our_dnr in mails[f"Veckans remisser – {name}"]
    assert [row.status for row in _digests(session)] == [OutboxStatus.sent.value] * 2
    before = len(smtp.messages)
    sweep(session, runner, "2026-11-23T09:30")
    sweep(session, runner, "2026-11-24T07:30")
    assert [m["Subject"] for m in smtp.messages[before:] if m["Subject"].startswith("Veckans")] == []


def test_a_digest_superseded_by_the_old_grouping_is_sent_by_the_next_sweep(session, app, runner, clock, smtp):
    """A database swept before the fix holds a digest marked superseded although no later digest of its nämnd
    exists; the next sweep (within the digest's two days) sends it, once."""
    _world(session, clock)
    from remiss.planning.service.tidplan import work_calendar
    from remiss.reminders import digest

    monday = at(2026, 11, 23, 7, 30)
    assert digest.enqueue_digests(session, now=monday, calendar=work_calendar(session)) == 2
    session.commit()
    # as the old catch-up left them: the Kommunstyrelsen list superseded by the Öster one
    [oster, ks] = sorted(_digests(session), key=lambda row: "Kommunstyrelsen" in row.payload)
    ks.status, ks.last_error = OutboxStatus.superseded.value, "Ersatt av en senare påminnelse om samma sak."
    session.add(ks)
    session.commit()
    sweep(session, runner, "2026-11-23T08:30")
    subjects = sorted(m["Subject"] for m in smtp.messages if m["To"] == "r@malmo.se")
    assert subjects == ["Veckans remisser – Kommunstyrelsen", "Veckans remisser – Stadsområdesnämnd Öster"]
    assert [row.status for row in _digests(session)] == [OutboxStatus.sent.value] * 2
    before = len(smtp.messages)
    sweep(session, runner, "2026-11-23T09:30")
    assert smtp.messages[before:] == []
