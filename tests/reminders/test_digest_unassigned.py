"""walk12 finding 10, left over in the Monday digest: a remiss without a handläggare had its handläggare's step
listed as if someone were on it. The daily mail already says "Remissen har ingen handläggare – tilldela en"; the
digest now says "ingen handläggare tilldelad – tilldela en" beside that step (digest.digest_items)."""
from __future__ import annotations

from datetime import date

from tests.planning.helpers import add_meetings, at
from tests.planning.test_walk12_meeting_passed import _mails
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


def test_the_digest_says_an_unassigned_step_has_nobody(session, app, runner, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), "")])
    h = fast_user(session, role="handlaggare", namnder=[namnd], email="h@oster.se")
    gone = fast_user(session, role="handlaggare", namnder=[namnd], email="gone@oster.se")
    fast_user(session, role="registrator", namnder=[namnd], email="r@oster.se")
    clock.set(at(2026, 11, 20))
    made = {title: make_remiss(session, namnd=namnd, now=clock(), title=title, handlaggare_id=who,
                               deadline_on=date(2027, 1, 8), deadline_time=None)
            for title, who in (("Utan handläggare", None), ("Med handläggare", h.id), ("Slutat", gone.id))}
    gone.is_active = False
    session.add(gone)
    session.commit()
    names = {title: f"{title} ({r.our_dnr})" for title, r in made.items()}
    sweep(session, runner, "2026-11-23T07:30")  # Monday: the digest
    [digest] = [m for m in _mails(app, "r@oster.se") if m.startswith("Veckans remisser")]
    nobody = "(ingen handläggare tilldelad – tilldela en)"
    for title in ("Utan handläggare", "Slutat"):
        assert f"Tjänsteskrivelse klar – {names[title]} {nobody}" in digest, digest
        # the granskare's and the meetings' steps are not the missing handläggare's
        assert f"Granskning klar – {names[title]} {nobody}" not in digest, digest
        assert f"Arbetsutskott – {names[title]} {nobody}" not in digest, digest
    assert f"Tjänsteskrivelse klar – {names['Med handläggare']} http" in digest, digest
    assert digest.count(nobody) == 2, digest


def test_the_digest_of_a_medborgarforslag_says_it_in_its_words(session, app, runner, clock):
    """walk18 F7: the digest said "begär förlängd remisstid" of a medborgarförslag's passed nämnd and closed with
    "Öppna remissen"."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), "")])
    h = fast_user(session, role="handlaggare", namnder=[namnd], email="h@oster.se")
    fast_user(session, role="registrator", namnder=[namnd], email="r@oster.se")
    clock.set(at(2026, 11, 20))
    forslag = make_remiss(session, namnd=namnd, now=clock(), title="Medborgarförslag om en skatepark",
                          kind="medborgarforslag", handlaggare_id=h.id, deadline_on=date(2027, 1, 8),
                          deadline_time=None)
    session.commit()
    name = f"{forslag.title} ({forslag.our_dnr})"
    sweep(session, runner, "2027-01-04T07:30")  # Monday after the nämnd passed without beslut
    # its subject too (walk18 F7): old code "Veckans remisser – …" of a digest listing only a medborgarförslag
    [digest] = [m for m in _mails(app, "r@oster.se") if m.startswith("Veckans ")]
    assert digest.startswith("Veckans ärenden – Stadsområdesnämnd Öster "), digest
    # Old code: "… passerade utan beslut – begär förlängd remisstid eller …", "Öppna remissen"
    assert (f"torsdag 17 december 2026: Nämndsammanträde – {name} [försenad – sammanträdet passerade utan beslut "
            "– begär förlängd svarstid eller besluta på delegation") in digest, digest
    assert "Öppna ärendet" in digest and "remisstid" not in digest and "Öppna remissen" not in digest, digest


def test_a_digest_of_remisser_and_a_medborgarforslag_calls_them_arenden(session, app, runner, clock):
    """walk18 F7: the subject and the link of a digest listing a remiss and a medborgarförslag said "remisser" of
    both; a neutral "ärenden" is true of them together. A nämnd with remisser only keeps "Veckans remisser"."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    plain = make_namnd(session, name="Stadsområdesnämnd Väster", dnr_prefix="SOFV")
    for who in (namnd, plain):
        add_meetings(session, who, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), "")])
    h = fast_user(session, role="handlaggare", namnder=[namnd, plain], email="h@oster.se")
    fast_user(session, role="registrator", namnder=[namnd], email="r@oster.se")
    fast_user(session, role="registrator", namnder=[plain], email="r@vaster.se")
    clock.set(at(2026, 11, 20))
    for kind, title in (("medborgarforslag", "Medborgarförslag om en skatepark"), ("remiss", "Remiss om parkering")):
        make_remiss(session, namnd=namnd, now=clock(), title=title, kind=kind, handlaggare_id=h.id,
                    deadline_on=date(2027, 1, 8), deadline_time=None)
    only = make_remiss(session, namnd=plain, now=clock(), title="Remiss om cykelbanor", handlaggare_id=h.id,
                       deadline_on=date(2027, 1, 8), deadline_time=None)
    session.commit()
    sweep(session, runner, "2026-11-23T07:30")  # Monday: the digest
    [mixed] = [m for m in _mails(app, "r@oster.se") if m.startswith("Veckans ")]
    # Old code: "Veckans remisser – Stadsområdesnämnd Öster", "Öppna nämndens remisser"
    assert mixed.startswith("Veckans ärenden – Stadsområdesnämnd Öster "), mixed
    assert f"Öppna nämndens ärenden: http://remiss.test/remisser?namnd_id={namnd.id}" in mixed, mixed
    [remisser] = [m for m in _mails(app, "r@vaster.se") if m.startswith("Veckans ")]
    assert remisser.startswith("Veckans remisser – Stadsområdesnämnd Väster "), remisser
    assert f"Öppna remissen: http://remiss.test/remisser/{only.id}" in remisser, remisser
