"""Session 31 #7: the Kalender marked an utgående remiss's Sista svarsdag "Klar" once the answers were compiled,
while an instans with a running anstånd could still answer. As the start page's Väntar på svar
(outgoing.service.closing.awaited) has it, the svarstid is not done while answers are still due: no Klar,  and the
day's Läge says whom it waits for; once the anstånd has run out (or the remiss is closed) it is over again (the
remiss's status, "Sammanställd", since walk34 #3; "Klar" before)."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.outgoing.service import lifecycle
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import at, sent_to_kommunal_and_ungdom
from tests.planning.test_walk27_anstand_in_kalender import _grant
from tests.support.pages import visible_text

DAY = "/kalender/dag?datum=2026-12-18"


def _day(client) -> str:
    return visible_text(client.get(DAY).get_data(as_text=True)).replace("\u00ad", "")


def test_a_compiled_remiss_whose_instans_has_anstand_is_not_klar(app, session, client, auth, clock):
    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth, title="Trafikplan 2027")
    remiss, _ = _grant(session, remiss_id, "Kommunal", date(2027, 1, 8))
    clock.set(at(2026, 12, 21))  # the svarstid (18 December 12.00) is over, Kommunal's anstånd runs
    with app.app_context():
        lifecycle.compile_answers(session, now=at(2026, 12, 21), principal=Principal.system(), remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    session.commit()
    assert session.get(Remiss, remiss_id).status == "sammanstalld"
    session.rollback()

    day = _day(client)
    assert "Sista svarsdag" in day and "Trafikplan 2027" in day
    assert "Klar" not in day, day  # old code: "Klar"
    waits = "svarstiden har gått ut, väntar på svar från Kommunal (anstånd till 8 januari 2027 kl. 12.00)"
    assert waits in day, day
    month = visible_text(client.get("/kalender?manad=2026-12").get_data(as_text=True))
    assert "Klar" not in month, month

    clock.set(at(2027, 1, 8, 13))  # the anstånd has run out: nothing more is due
    # over: the remiss's status, as its page says it (walk34 #3: was "Klar")
    day = _day(client)
    assert "Trafikplan 2027 Sammanställd" in day and "Klar" not in day and "väntar på svar" not in day, day



def test_the_anstand_day_of_a_compiled_remiss_stays_in_the_kalender_and_its_feeds(app, session, client, auth, clock):
    """Compiling dropped Kommunal's anstånd day from the Kalender and both feeds, though its answer is still due."""
    from tests.planning.test_walk27_anstand_in_kalender import _feeds, _month

    remiss_id, _ = sent_to_kommunal_and_ungdom(app, session, clock, auth, title="Trafikplan 2027")
    remiss, _ = _grant(session, remiss_id, "Kommunal", date(2027, 1, 8))
    clock.set(at(2026, 12, 21))
    with app.app_context():
        lifecycle.compile_answers(session, now=at(2026, 12, 21), principal=Principal.system(), remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    session.commit()
    dnr, namnd_id = remiss.our_dnr, remiss.namnd_id
    session.rollback()
    assert f"Anstånd Kommunal kl. 12.00: {dnr} Trafikplan 2027" in _month(client, "2027-01")
    for feed in _feeds(session, client, namnd_id):
        assert f"SUMMARY:Anstånd Kommunal: {dnr} Trafikplan 2027" in feed, feed
        assert ("DESCRIPTION:Kommunal har anstånd till 8 januari 2027 kl. 12.00: svaren är sammanställda\\; "
                "kommer svaret in\\, sammanställ svaren igen.") in feed, feed
