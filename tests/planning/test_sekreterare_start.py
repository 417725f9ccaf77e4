"""walk9 finding 11: a remiss klar för beslut (yttrande godkänt, beslut not recorded) and an outgoing remiss
sammanställd (waiting for Avsluta ärendet) are on the nämndsekreterare's Att göra, read in one statement."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.remisser.models import Direction, Remiss
from tests.ops.test_query_counts import counting
from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_remiss


def _waiting(session, namnd, users, *, n: int, status: str = "klar_for_beslut"):
    made = []
    for i in range(n):
        remiss = make_remiss(session, namnd=namnd, now=at(2015, 8, 3), deadline_on=date(2015, 9, 28),
                             deadline_time=None, title=f"Beslut väntar {i}", handlaggare_id=users["handlaggare"].id)
        remiss.status = status
        session.add(remiss)
        made.append(remiss)
    outgoing = make_remiss(session, namnd=namnd, now=at(2015, 8, 3), deadline_on=date(2015, 9, 1), deadline_time=None,
                           title="Utgående sammanställd")
    outgoing.direction, outgoing.status = Direction.utgaende.value, "sammanstalld"
    session.add(outgoing)
    session.commit()
    return made, outgoing


def test_klar_for_beslut_and_sammanstalld_are_on_the_sekreterare_att_gora(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    (decide,), outgoing = _waiting(session, namnd, users, n=1)
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")
    page = client.get("/").get_data(as_text=True)
    assert "Att registrera och avsluta (2)" in page
    section = page[page.index('id="h-att-registrera"'):]
    section = section[:section.index("</section>")]
    assert f'href="/remisser/{decide.id}#beslut">Registrera beslutet: {decide.our_dnr} Beslut väntar 0</a>' in section
    # the planned meeting of 24 September has passed without a recorded beslut
    assert "nämndsammanträde torsdag 24 september 2015 enligt tidplanen" in section
    assert "Datumet har passerat" in section
    assert (f'href="/remisser/{outgoing.id}#utskick">Avsluta ärendet: {outgoing.our_dnr} Utgående sammanställd</a>'
            in section)
    # the handläggare does not keep the diarium: not theirs
    auth.logout()
    auth.login("jesper@oster.se")
    assert "Att registrera och avsluta" not in client.get("/").get_data(as_text=True)


def test_the_section_reads_as_many_statements_for_six_rows_as_for_one(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    _waiting(session, namnd, users, n=1)
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")

    def statements() -> int:
        client.get("/")
        with counting({db.read_engine, db.write_engine}) as found:
            assert client.get("/").status_code == 200
        return len(found)

    one = statements()
    _waiting(session, namnd, users, n=5)
    _waiting(session, namnd, users, n=3, status="beslutad")  # the expediering rows come in the same read
    assert "Att registrera och avsluta (12)" in client.get("/").get_data(as_text=True)
    # one more, once a page: the status word of a Beslutad row asks which yttranden have not left the house
    # (drafting.mail_state.unsent, walk25b Z5), whatever the number of rows
    assert statements() == one + 1


def test_a_beslutad_remiss_waits_for_the_expediering_with_its_lateness(db, session, client, auth, clock):
    """walk10 finding 4: after the beslut the expediering is the sekreterare's next act; a late one says how late,
    one already expedierad (besvarad) is not listed, and a done expediering milestone does not count as late."""
    from remiss.planning.models import Milestone

    namnd, users = seed_003_world(session)
    beslutad = make_remiss(session, namnd=namnd, now=at(2015, 8, 3), deadline_on=date(2015, 10, 28),
                           deadline_time=None, title="Beslutad väntar", handlaggare_id=users["handlaggare"].id)
    besvarad = make_remiss(session, namnd=namnd, now=at(2015, 8, 3), deadline_on=date(2015, 10, 28),
                           deadline_time=None, title="Redan besvarad", handlaggare_id=users["handlaggare"].id)
    beslutad.status, besvarad.status = "beslutad", "besvarad"
    session.add_all([beslutad, besvarad])
    session.flush()
    for remiss in (beslutad, besvarad):  # the tidplan (planned at registration) as the recorded beslut dates it
        step = session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id,
                                                    Milestone.kind == "expediering")).one()
        step.due_on = step.planned_on = date(2015, 9, 25)
        session.add(step)
    session.commit()
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")
    page = client.get("/").get_data(as_text=True)
    assert "Att registrera och avsluta (1)" in page
    section = page[page.index('id="h-att-registrera"'):]
    section = section[:section.index("</section>")]
    assert (f'href="/remisser/{beslutad.id}#yttrande">Expediera yttrandet: {beslutad.our_dnr} Beslutad väntar</a>'
            in section)
    assert "försenad i 3 dagar" in section
    assert "Datumet har passerat" in section
    assert "Redan besvarad" not in section
    # on time: the planned expediering day, not flagged
    clock.set(at(2015, 9, 24))
    section = client.get("/").get_data(as_text=True)
    section = section[section.index('id="h-att-registrera"'):]
    section = section[:section.index("</section>")]
    assert "expediering fredag 25 september 2015 enligt tidplanen" in section
    assert "Datumet har passerat" not in section


def test_a_cut_list_says_more_are_waiting(db, session, client, auth, clock, monkeypatch):
    from remiss.planning import sekreterare

    monkeypatch.setattr(sekreterare, "SHOWN", 3)
    namnd, users = seed_003_world(session)
    _waiting(session, namnd, users, n=4)
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")
    page = client.get("/").get_data(as_text=True)
    assert "Att registrera och avsluta (fler än 3)" in page
    assert "Fler ärenden väntar än listan visar: här står de 3 med tidigast sista svarsdag." in page
    section = page[page.index('id="h-att-registrera"'):]
    assert section[:section.index("</section>")].count("<li>") == 3
