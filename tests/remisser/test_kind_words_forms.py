"""walk18 F7, left over: the registration form's questions, "Ändra status för hand", the Tidplan's "utgår, …", a
moved sista svarsdag and a taken diarienummer called a medborgarförslag "remissen". They name it "ärendet" now
(remisser.kind_words); a remiss reads as before."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.auth.service import create_api_token
from remiss.calendar.swedish import format_date_time
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


KINDS = (("medborgarforslag", "ärendet", "Ärendet", "det"), ("remiss", "remissen", "Remissen", "den"))


@pytest.fixture
def namnd(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    session.commit()
    return namnd


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_the_registration_form_asks_about_a_medborgarforslag_in_its_words(namnd, session, auth, kind, the, The, it):
    make_remiss(session, namnd=namnd, title="Fler parkbänkar", kind=kind)
    session.commit()
    auth.login("mia@miljo.se")
    form = {"title": "Fler parkbänkar", "namnd_id": str(namnd.id), "kind": kind, "remittent": "Kommunfullmäktige",
            "received_on": "2026-12-03", "deadline_on": "2026-12-01"}
    asked = visible_text(auth.post("/remisser/ny", form).get_data(as_text=True))
    registered = "registrerat" if kind == "medborgarforslag" else "registrerad"
    # Old code: "Remissen kan redan vara registrerad", "Har remissen kommit in sent kan den registreras ändå.",
    # "Remissen kom in efter sista svarsdagen", "Kom remissen in sent …" of a medborgarförslag
    assert f"{The} kan redan vara {registered}" in asked, asked
    # the passed sista svarsdag is the same fact as Inkom after it: asked once, as that (walk28 Z13)
    assert f"Har {the} kommit in sent" not in asked
    assert f"{The} kom in efter sista svarsdagen" in asked
    assert f"Kontrollera datumen. Kom {the} in sent kan {it} registreras ändå." in asked
    assert f"{The} anger inget datum för svaret" in asked
    one, another = ("ärende", "ett annat ärende") if kind == "medborgarforslag" else ("remiss", "en annan remiss")
    assert f"Registrera {one} Registrera {one}" not in asked and f"Registrera {one}" in asked  # walk20 H1: h1
    assert f"Det är {another} – registrera ändå" in asked
    empty = visible_text(auth.post("/remisser/ny", {**form, "deadline_on": ""}).get_data(as_text=True))
    assert f"Ange sista svarsdag, eller kryssa i att {the} inte har någon." in empty, empty


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_status_by_hand_and_the_tidplan_speak_of_a_medborgarforslag_in_its_words(namnd, session, auth, client,
                                                                                   clock, kind, the, The, it):
    rid = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind).id
    session.commit()
    url = f"/remisser/{rid}"
    auth.login("mia@miljo.se")
    refused = visible_text(auth.post(f"{url}/status", {"status": "tilldelad", "note": ""}, form_url=url)
                    .get_data(as_text=True))
    # Old code: "Remissen har ingen handläggare.", "Skriv varför remissen är återkallad (… återkallade den …)",
    # "Bekräfta att remissen är återkallad: den avslutas …" of a medborgarförslag
    assert f"{The} har ingen handläggare. Välj en handläggare under ”Tilldela handläggare”" in refused
    asked = visible_text(auth.post(f"{url}/status", {"status": "aterkallad", "note": ""}, form_url=url)
                  .get_data(as_text=True))
    done = "återkallat" if kind == "medborgarforslag" else "återkallad"
    assert f"Skriv varför {the} är {done} (t.ex. vem som återkallade {it} och när)." in asked, asked
    assert f"Bekräfta att {the} är {done}: {it} avslutas utan yttrande." in asked
    closed = auth.post(f"{url}/status", {"status": "aterkallad", "note": "Förslagsställaren drog tillbaka det.",
                                         "confirm": "1"}, form_url=url)
    assert closed.status_code == 302
    twice = auth.post(f"{url}/status", {"status": "aterkallad", "note": "Förslagsställaren drog tillbaka det.",
                                        "confirm": "1"}, form_url=url)
    assert twice.status_code == 200  # said in the page itself (session 24), not by a flash and a redirect
    again = visible_text(twice.get_data(as_text=True))  # the form sent twice: old code "Remissen har redan status …"
    assert (f"{The} har redan status ”Återkallad” (satt av dig {format_date_time(clock())}). Inget mer behöver "
            "göras.") in again, again
    page = visible_text(client.get(url).get_data(as_text=True))
    # Old code: "utgår, remissen återkallades" in a medborgarförslag's Tidplan
    assert f"utgår, {the} återkallades" in page, page


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_a_moved_deadline_and_a_taken_diarienummer_name_a_medborgarforslag_arendet(namnd, session, client, clock,
                                                                                  kind, the, The, it):
    """Asked in the API (and on Ändra uppgifter) before a registered sista svarsdag is corrected."""
    user = make_user(session, role="registrator", namnder=[namnd], email="api@miljo.se")
    ours = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind)
    other = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind)
    session.commit()
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='t')}"}
    session.commit()
    moved = client.patch(f"/api/v1/remisser/{ours.id}", json={"deadline_on": "2027-03-08"}, headers=headers)
    said = moved.get_json()["errors"]["deadline_on"]
    whose = "ärendets" if kind == "medborgarforslag" else "remissens"
    # Old code: "… skrivfel när remissen registrerades … på remissens sida" of a medborgarförslag
    assert f"bekräfta att det var ett skrivfel när {the} registrerades." in said, said
    assert f"under Förlängningar på {whose} sida" in said, said
    taken = client.patch(f"/api/v1/remisser/{ours.id}", json={"our_dnr": other.our_dnr}, headers=headers)
    assert taken.get_json()["errors"]["our_dnr"] == (f"Diarienumret {other.our_dnr} är redan använt: {the} "
                                                     f"{other.our_dnr} ”{other.title}” har det."), taken.get_json()


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_steps_a_status_ticked_off_say_why_in_its_words_in_the_history(namnd, session, auth, client, clock, kind,
                                                                       the, The, it):
    """The history of the Tidplan: "Granskning klar: klar (ärendet är klart för beslut)", and on reopening "…
    (ärendet är öppnat igen)" (planning.receivers' notes through planning.service.milestones)."""
    from remiss.auth.access import Principal
    from remiss.remisser import service as remisser

    h = make_user(session, role="handlaggare", namnder=[namnd], email="h@miljo.se")
    ours = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind,
                       handlaggare_id=h.id)
    registrator = Principal.of(session, make_user(session, role="registrator", namnder=[namnd], email="r@miljo.se"))
    for status in ("under_beredning", "klar_for_beslut", "aterkallad", "registrerad"):
        remisser.change_status(session, now=clock(), principal=registrator, remiss=ours, new=status, note="Skäl.")
    session.commit()
    auth.login("mia@miljo.se")
    page = visible_text(client.get(f"/remisser/{ours.id}").get_data(as_text=True))
    history = page[page.index("Historik"):]
    ready, opened = ("klart", "öppnat") if kind == "medborgarforslag" else ("klar", "öppnad")
    # Old code: "(remissen är klar för beslut)", "(remissen återkallades)", "(remissen är öppnad igen)" of a
    # medborgarförslag
    assert f"({the} är {ready} för beslut)" in history, history
    assert f"({the} återkallades)" in history and f"({the} är {opened} igen)" in history, history


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_moving_a_medborgarforslag_to_another_namnd_says_arendet(namnd, session, auth, clock, kind, the, The, it):
    other = make_namnd(session, name="Tekniska nämnden", dnr_prefix="TN")
    make_user(session, role="admin", namnder=[namnd, other], email="ada@miljo.se", name="Ada Admin")
    rid = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind).id
    session.commit()
    auth.login("ada@miljo.se")
    url = f"/remisser/{rid}/andra"
    moved = auth.post(url, {"namnd_id": str(other.id), "kind": kind, "deadline_on": "2027-03-01",
                            "deadline_time": "12.00"}, form_url=url, follow_redirects=True)
    said = visible_text(moved.get_data(as_text=True))
    # Old code: "Remissen hör nu till Tekniska nämnden. Remissen har ingen handläggare: …" of a medborgarförslag
    assert (f"{The} hör nu till Tekniska nämnden. {The} har ingen handläggare: tilldela en handläggare i Tekniska "
            "nämnden.") in said, said[:3000]


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_a_passed_medborgarforslag_asks_for_forlangd_svarstid(namnd, session, auth, client, clock, app, runner, kind,
                                                              the, The, it):
    """Nästa steg on its page and the mail to its new handläggare (truth17 F5's LATE_STEP) in its words."""
    from remiss.auth.access import Principal
    from remiss.remisser import service as remisser
    from tests.planning.test_walk12_meeting_passed import _mails
    from tests.reminders.test_events import sweep

    ours = make_remiss(session, namnd=namnd, deadline_on=date(2026, 12, 1), deadline_time=None, now=clock(),
                       received_on=date(2026, 11, 20), kind=kind)
    h = make_user(session, role="handlaggare", namnder=[namnd], email="h@miljo.se")
    registrator = Principal.of(session, make_user(session, role="registrator", namnder=[namnd], email="r@miljo.se"))
    remisser.assign(session, now=clock(), principal=registrator, remiss=ours, handlaggare_id=h.id)
    session.commit()
    time = "svarstid" if kind == "medborgarforslag" else "remisstid"
    asked = f"Begär förlängd {time} hos remittenten, eller svara så snart som möjligt."
    auth.login("mia@miljo.se")
    page = visible_text(client.get(f"/remisser/{ours.id}").get_data(as_text=True))
    # Old code: "Nästa steg: Begär förlängd remisstid hos remittenten …" of a medborgarförslag
    assert f"Nästa steg: {asked}" in page, page
    sweep(session, runner, "2026-12-04T10:00")
    [told] = [m for m in _mails(app, "h@miljo.se") if "tilldelats" in m]
    assert asked in told, told


@pytest.mark.parametrize("kind, the, The, it", KINDS)
def test_the_edit_form_of_a_medborgarforslag_says_where_its_sandlista_is_kept(namnd, session, auth, client, clock,
                                                                              kind, the, The, it):
    rid = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind).id
    session.commit()
    auth.login("mia@miljo.se")
    form = visible_text(client.get(f"/remisser/{rid}/andra").get_data(as_text=True))
    # Old code: "Namnen sparas på den här remissen, …" of a medborgarförslag
    assert f"Namnen sparas på {it} här {the}, inte i registret över remissinstanser." in form, form


@pytest.mark.parametrize("kind, papers", (("medborgarforslag", "handlingar"), ("remiss", "remisshandlingar")))
def test_a_medborgarforslags_page_speaks_of_handlingar(namnd, session, auth, client, clock, kind, papers):
    """walk20 H1: a medborgarförslag's page offered "Ladda upp remisshandlingar"; it has handlingar, as its
    Handlingar section says (the assignment mail: tests/reminders/test_assigned_kind_words.py)."""
    rid = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind=kind).id
    session.commit()
    auth.login("mia@miljo.se")
    page = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert f"Ladda upp {papers}" in page
