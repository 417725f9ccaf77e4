"""A change of what the saved sammanställning prints of the remiss – its title, its diarienummer, its svarstid, its
sändlista – makes it out of date as a changed frågeställning does (walk19 G7): on the remiss page, in the API
(`changed_parts`, `questions_changed` kept), in Att göra and in publishing; a change it does not print does not."""
from __future__ import annotations

import io
import re
from html import unescape

from docx import Document

from sqlmodel import select

from remiss.auth.models import Role, User
from remiss.auth.service import set_memberships
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.outgoing.test_walk14_answers import _eml, _receive
from tests.outgoing.test_walk19_outgoing import _answer, _compile, _sent, _text, _todo, compiled
from tests.support.factories import make_namnd


def _edit(auth, rid, **fields):
    url = f"/remisser/{rid}/andra"
    done = auth.post(url, fields, form_url=url)
    assert done.status_code == 302, _text(done)


def _saved(client, rid) -> Document:
    """The saved sammanställning, as its link on the page downloads it."""
    file_id = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]["file_id"]
    return Document(io.BytesIO(client.get(f"/filer/{file_id}").get_data()))


def _saved_text(client, rid) -> str:
    return "\n".join(p.text for p in _saved(client, rid).paragraphs)


def _saved_header(client, rid) -> str:
    """The first page's header: "Datum", "Diarienummer" and their values, a line each."""
    head = _saved(client, rid).sections[0].first_page_header
    return "\n".join(p.text for table in head.tables for row in table.rows for cell in row.cells
                     for p in cell.paragraphs)


def _publish_refused(auth, client, rid) -> str:
    """Publish the saved sammanställning (ticked by hand, as it is no longer pre-selected): what the page says."""
    file_id = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]["file_id"]
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert not re.search(rf'name="attachment_ids" value="{file_id}" checked', page)  # not pre-selected
    done = auth.post(f"/remisser/{rid}/utskick/publicera", {"attachment_ids": str(file_id)},
                     form_url=f"/remisser/{rid}", follow_redirects=True)
    return _text(done)


def _says_out_of_date(auth, client, rid, dnr, *, said: str, reason: str, parts: list[str]) -> None:
    page = _text(client.get(f"/remisser/{rid}"))
    # the svarstid still runs for those not answered: compile again, then wait for them (walk29b B5: it said
    # "Publicera sedan remissvaren och avsluta ärendet.")
    assert said in page and re.search(rf"{re.escape(said)} Vänta sedan på svar från [^:]+: kommer ett svar in", page)
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["questions_changed"], part["changed_since"], part["changed_parts"],
            part["message"]) == (True, False, [], parts, said)
    todo = _todo(client)
    assert f"Sammanställ svaren igen: {dnr}" in todo and f"– {reason}; vänta sedan på svar från " in todo
    assert "Avsluta ärendet" not in todo
    assert f"{reason} – sammanställ igen" in _text(client.get("/"))  # the start page's Utgående table
    assert f"publicerades inte. {said}" in _publish_refused(auth, client, rid)


def _compiled_again_is_current(auth, client, rid, dnr) -> None:
    _compile(auth, rid)
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["changed_parts"], part["message"]) == (False, [], "")
    # current: nothing to compile again; the svarstid runs, so Att göra waits for the others (walk26 W5)
    assert re.search(rf"Vänta på svar från [^:<]+: {re.escape(dnr)}", _todo(client))


def test_a_changed_title_dates_the_sammanstallning(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    assert "Sammanställning av remissvar: Lekplatsprogram" in _saved_text(client, rid)
    _edit(auth, rid, title="Lekplatsprogram för Malmö 2027")
    # Old code: "Svaren är sammanställda: publicera remissvaren …", out_of_date false, "Avsluta ärendet" in Att
    # göra, and the document published under the old title.
    _says_out_of_date(auth, client, rid, dnr,
                      said="Titeln har ändrats efter sammanställningen – sammanställ igen.",
                      reason="titeln har ändrats efter sammanställningen", parts=["title"])
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Sammanställning av remissvar: Lekplatsprogram för Malmö 2027" in _saved_text(client, rid)


def test_an_instans_added_to_the_sandlista_dates_the_sammanstallning(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    _edit(auth, rid, sandlista="Pensionärsrådet\nUngdomsrådet\nFunktionshinderrådet\nKulturrådet")
    # Old code: up to date, though the document counts 3 remissinstanser and does not name Kulturrådet.
    _says_out_of_date(auth, client, rid, dnr,
                      said="Sändlistan har ändrats efter sammanställningen – sammanställ igen.",
                      reason="sändlistan har ändrats efter sammanställningen", parts=["sandlista"])
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Kulturrådet (har inte fått remissen)" in _saved_text(client, rid)


def test_a_longer_svarstid_dates_the_sammanstallning(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    assert "Remisstiden förlängdes" not in _saved_text(client, rid)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-03-12", "confirm_extension": "1"},
                     form_url=page).status_code == 302
    # Old code: up to date, though the document gives the svarstid as 26 februari 2027 kl. 12.00 alone.
    said, reason = ("Svarstiden har ändrats efter sammanställningen – sammanställ igen.",
                    "svarstiden har ändrats efter sammanställningen")
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["changed_parts"], part["message"]) == (True, ["deadline"], said)
    # the instanser not answered got more time: wait for them, then compile again (walk29 A1), everywhere
    shown = _text(client.get(page))
    assert ("Svarstiden har ändrats efter sammanställningen. Vänta på svar från Ungdomsrådet och "
            "Funktionshinderrådet (svarstiden går ut 12 mars 2027): sammanställ svaren igen när") in shown
    assert "Publicera sedan remissvaren och avsluta ärendet." not in shown
    todo = _todo(client)
    assert f"Vänta på svar från Ungdomsrådet och Funktionshinderrådet: {dnr}" in todo, todo
    assert f"sammanställ sedan svaren igen ({reason})</span>" in todo and "Avsluta ärendet" not in todo
    # only waiting, the answers due after three weeks: not among the outgoing remisser to see to (walk31 #5)
    assert "Utgående remisser att sköta (0)" in _text(client.get("/"))
    assert f"publicerades inte. {said}" in _publish_refused(auth, client, rid)
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Remisstiden förlängdes till 12 mars 2027." in _saved_text(client, rid)


def test_an_answer_and_two_changes_are_named_together(session, app, auth, client, clock):
    rid, entries, qid = _sent(session, app, auth, clock)
    assert _answer(auth, rid, entries["Pensionärsrådet"], summary="Välkommet.").status_code == 302
    _compile(auth, rid)
    session.close()
    _edit(auth, rid, title="Lekplatsprogram 2027",
          sandlista="Pensionärsrådet\nUngdomsrådet\nFunktionshinderrådet\nKulturrådet")
    assert _answer(auth, rid, entries["Ungdomsrådet"], summary="Bra.").status_code == 302
    said = ("Sammanställningen är äldre än svaret från Ungdomsrådet, och titeln och sändlistan har ändrats "
            "sedan – sammanställ igen.")
    assert said in _text(client.get(f"/remisser/{rid}"))
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["changed_since"], part["changed_parts"], part["message"]) == (
        ["Ungdomsrådet"], ["title", "sandlista"], said)
    assert ("– ett svar har kommit in, och titeln och sändlistan har ändrats efter sammanställningen; vänta sedan på "
            "svar från "
            ) in _todo(client)


def test_a_change_the_sammanstallning_does_not_show_leaves_it_current(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    _edit(auth, rid, notes="Diskuterat med förvaltningen.", contact_person="Eva Ek")
    page = _text(client.get(f"/remisser/{rid}"))
    assert "sammanställ igen" not in page
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["changed_parts"], part["message"]) == (False, [], "")
    # current: nothing to compile again; the svarstid runs, so Att göra waits for the others (walk26 W5)
    assert re.search(rf"Vänta på svar från [^:<]+: {re.escape(dnr)}", _todo(client))


def test_a_new_diarienummer_dates_it_and_the_api_patch_of_a_title_too(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    assert f"Diarienummer\n{dnr}" in _saved_header(client, rid)
    new_dnr = dnr[:-4] + "0042"
    _edit(auth, rid, our_dnr=new_dnr)
    _says_out_of_date(auth, client, rid, new_dnr,
                      said="Diarienumret har ändrats efter sammanställningen – sammanställ igen.",
                      reason="diarienumret har ändrats efter sammanställningen", parts=["our_dnr"])
    _compiled_again_is_current(auth, client, rid, new_dnr)
    assert f"Diarienummer\n{new_dnr}" in _saved_header(client, rid)

    patched = client.patch(f"/api/v1/remisser/{rid}", json={"title": "Lekplatsprogram, reviderat"},
                           headers={"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")})
    assert patched.status_code == 200, patched.get_json()
    part = patched.get_json()["sammanstallning"]
    assert (part["out_of_date"], part["changed_parts"], part["message"]) == (
        True, ["title"], "Titeln har ändrats efter sammanställningen – sammanställ igen.")


def test_a_published_sammanstallning_under_the_old_title_leaves_the_public_page(session, app, auth, client, clock):
    rid, _ = compiled(session, app, auth, client, clock)
    file_id = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]["file_id"]
    assert auth.post(f"/remisser/{rid}/utskick/publicera", {"attachment_ids": str(file_id)},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert client.get(f"/remissvar/{rid}/filer/{file_id}").status_code == 200
    _edit(auth, rid, title="Lekplatsprogram för Malmö 2027")
    # the public page no longer offers the one under the old title, and says why in words true for a title
    assert client.get(f"/remissvar/{rid}/filer/{file_id}").status_code == 404
    assert ("Remissammanställningen visas inte här just nu: ett remissvar har kommit in eller ändrats, eller "
            "remissen har ändrats, sedan den gjordes, och den sammanställs på nytt.") in _text(
        client.get(f"/remissvar/{rid}"))


def test_a_move_to_another_namnd_dates_it(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    user = session.exec(select(User).where(User.role == Role.registrator.value)).one()  # the one logged in
    other = make_namnd(session, name="Kulturnämnden")
    set_memberships(session, user, [session.get(Remiss, rid).namnd_id, other.id])
    other_id = other.id
    session.commit()
    session.close()
    _edit(auth, rid, namnd_id=str(other_id))
    _says_out_of_date(auth, client, rid, dnr,
                      said="Nämnden har ändrats efter sammanställningen – sammanställ igen.",
                      reason="nämnden har ändrats efter sammanställningen", parts=["namnd"])
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Kulturnämnden" in _saved_header(client, rid)


def test_a_komplettering_after_the_sammanstallning_dates_it(session, db, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    assert "Pensionärsrådet\nVälkommet." in _saved_text(client, rid)
    mail = _receive(db, app, _eml(f"Sv: Remiss ({dnr}) – komplettering", "Vi vill också se fler bänkar.",
                                  day="Sat, 05 Dec 2026 09:00:00"))
    pension = next(e.id for e in remisser.entries(session, rid) if e.name == "Pensionärsrådet")
    session.close()
    done = auth.post(f"/inkorg/{mail}/svar", {"remiss_id": rid, "entry_id": pension}, form_url=f"/inkorg/{mail}")
    assert done.status_code == 302
    # Old code: up to date, though "Svaren i korthet" lacked the komplettering and "Svaren som filer" its file.
    said = "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen."
    # the others still have time: compile again, then wait for them (walk29b B5: "Publicera sedan …")
    assert f"{said} Vänta sedan på svar från Ungdomsrådet och Funktionshinderrådet" in _text(
        client.get(f"/remisser/{rid}"))
    part = client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]
    assert (part["out_of_date"], part["changed_since"], part["changed_parts"], part["message"]) == (
        True, ["Pensionärsrådet"], [], said)
    assert "– ett svar har kommit in efter sammanställningen; vänta sedan på svar från " in _todo(client)
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Komplettering 5 december 2026: Vi vill också se fler bänkar." in _saved_text(client, rid)
