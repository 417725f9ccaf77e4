"""walk27 Y16: "Mina remisser" and the start page's "Mina pågående remisser" were empty for a registrator who sent
utgående remisser without a handläggare, though the missiv names her as Kontaktperson and the "Svarstiden har gått
ut" mail goes to her. The remisser whose missiv names the user as Kontaktperson are listed, saying why; what the user
may see is not widened, and the list runs as many statements for many as for few."""
from __future__ import annotations

import html
import re

from remiss.auth.models import Role
from tests.ops.test_query_counts import counting
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


def _mine(client) -> str:
    return visible_text(client.get("/remisser/mina").get_data(as_text=True))


def test_the_kontaktperson_of_an_utgaende_remiss_finds_it_under_mina_remisser(session, auth):
    namnd = make_namnd(session)
    foreign = make_namnd(session, name="Annan nämnd")
    sara = make_user(session, role=Role.registrator, namnder=[namnd], email="sara@example.se", name="Sara Sekreterare")
    jesper = make_user(session, role=Role.handlaggare, namnder=[namnd], email="jesper@example.se",
                       name="Jesper Lindkvist")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Trafikplan 2027")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Cykelplan 2027")
    # named on the remiss: by e-mail, or by name without one; not Sara's, though she registered them
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Grönplan", contact_person="Jesper L.",
                contact_email="JESPER@example.se")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Bullerplan",
                contact_person=" jesper lindkvist ")
    # with a handläggare: the handläggare is the kontaktperson
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Vattenplan", handlaggare_id=jesper.id)
    # an incoming remiss's kontaktperson is the remittent's, and one Sara may not see stays out of sight
    make_remiss(session, namnd=namnd, by=sara, title="Inkommen remiss")
    make_remiss(session, namnd=foreign, direction="utgaende", title="Hemlig plan",
                contact_person="Sara Sekreterare", contact_email="sara@example.se")
    session.commit()

    auth.login("sara@example.se")
    page = _mine(auth.client)
    assert "Trafikplan 2027" in page and "Cykelplan 2027" in page and "2 remisser." in page, page
    for other in ("Grönplan", "Bullerplan", "Vattenplan", "Inkommen remiss", "Hemlig plan"):
        assert other not in page
    assert page.count("Ej tilldelad Du är kontaktperson") == 2
    assert "utgående remisser där du är kontaktperson" in page
    start = visible_text(auth.client.get("/").get_data(as_text=True))
    assert "Mina pågående remisser (2)" in start and "Du är kontaktperson" in start
    # the page's export lists the same remisser
    raw = auth.client.get("/remisser/mina").get_data(as_text=True)
    [csv_url] = [html.unescape(u) for u in re.findall(r'href="([^"]+)"[^>]*>Exportera CSV', raw)]
    exported = auth.client.get(csv_url).get_data(as_text=True)
    assert "Trafikplan 2027" in exported and "Cykelplan 2027" in exported and "Grönplan" not in exported

    auth.logout()
    auth.login("jesper@example.se")
    page = _mine(auth.client)
    assert all(t in page for t in ("Grönplan", "Bullerplan", "Vattenplan")) and "3 remisser." in page, page
    assert "Trafikplan" not in page and page.count("Du är kontaktperson") == 2  # not on his own as handläggare


def test_mina_remisser_runs_as_many_statements_for_many_as_for_few(db, session, auth):
    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], email="sara@example.se")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende")
    session.commit()
    auth.login("sara@example.se")

    def count() -> int:
        auth.client.get("/remisser/mina")  # warm the caches
        with counting({db.read_engine, db.write_engine}) as statements:
            assert auth.client.get("/remisser/mina").status_code == 200
        return len(statements)

    few = count()
    for _ in range(12):
        make_remiss(session, namnd=namnd, by=sara, direction="utgaende")
    session.commit()
    assert "13 remisser." in _mine(auth.client)
    assert count() == few


def test_the_api_lists_them_as_mina_remisser_does(session, auth):
    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], email="sara@example.se")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Trafikplan 2027")
    make_remiss(session, namnd=namnd, by=sara, title="Inkommen remiss")
    session.commit()
    auth.login("sara@example.se")
    found = auth.client.get(f"/api/v1/remisser?mine_id={sara.id}").get_json()
    assert [r["title"] for r in found["items"]] == ["Trafikplan 2027"], found


def test_a_kontaktperson_named_without_e_mail_is_nobodys_when_two_users_have_the_name(session, auth):
    """The missiv and the reminders give a Kontaktperson without an e-mail the address of the one active user with
    that name, and none when several have it (contact_address, walk17 F9): Mina remisser lists it by the same rule,
    not under both namesakes (old code: under each of them)."""
    namnd = make_namnd(session)
    other = make_namnd(session, name="Annan nämnd")
    sara = make_user(session, role=Role.registrator, namnder=[namnd, other], email="sara@example.se")
    make_user(session, role=Role.handlaggare, namnder=[namnd], email="jesper@example.se", name="Jesper Lindkvist")
    make_user(session, role=Role.handlaggare, namnder=[other], email="jesper.l@example.se", name="jesper  Lindkvist")
    make_user(session, role=Role.handlaggare, namnder=[namnd], email="anna@example.se", name="Anna Berg")
    closed = make_user(session, role=Role.handlaggare, namnder=[namnd], email="anna.old@example.se", name="Anna Berg")
    closed.is_active = False  # closed: not a namesake, as contact_address says
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Bullerplan",
                contact_person="Jesper Lindkvist")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Grönplan", contact_person="Anna Berg")
    # named with an e-mail: his, whatever the name
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Vattenplan",
                contact_person="Jesper Lindkvist", contact_email="jesper@example.se")
    session.commit()

    auth.login("jesper@example.se")
    page = _mine(auth.client)
    assert "Vattenplan" in page and "Bullerplan" not in page and "1 remiss." in page, page
    auth.logout()
    auth.login("anna@example.se")
    page = _mine(auth.client)
    assert "Grönplan" in page and "1 remiss." in page, page


def test_a_kontaktperson_named_in_other_case_with_a_ring_or_dots_is_found_as_the_missiv_finds_her(session, auth):
    """The missiv's and the reminders' address (contact_address) matches a name spacing and case aside, å, ä and ö
    too; Mina remisser matched with SQL lower(), which on SQLite folds only A–Z: "ÅSA  ÖBERG" on the remiss was
    Åsa Öberg's address in the missiv but not in her Mina remisser (old code: not listed)."""
    from remiss.outgoing.service.missiv_doc import contact_address
    from remiss.remisser.models import Remiss
    from sqlmodel import select

    namnd = make_namnd(session)
    sara = make_user(session, role=Role.registrator, namnder=[namnd], email="sara@example.se")
    make_user(session, role=Role.handlaggare, namnder=[namnd], email="asa@example.se", name="Åsa Öberg")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Bullerplan",
                contact_person=" ÅSA  ÖBERG ")
    make_remiss(session, namnd=namnd, by=sara, direction="utgaende", title="Grönplan", contact_person="Asa Oberg")
    session.commit()
    [buller] = session.exec(select(Remiss).where(Remiss.title == "Bullerplan")).all()
    assert contact_address(session, buller) == ("asa@example.se", "")
    session.commit()  # the test's session lets go of SQLite's write lock before the page is asked for

    auth.login("asa@example.se")
    page = _mine(auth.client)
    assert "Bullerplan" in page and "Grönplan" not in page and "1 remiss." in page, page
