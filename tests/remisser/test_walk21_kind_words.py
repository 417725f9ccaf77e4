"""walk21 J1, J2: a medborgarförslag's registration form labelled its files "Remisshandlingar", and its Tidplan's
summary said "begär förlängd remisstid" above rows saying "förlängd svarstid". They say "Handlingar" and
"förlängd svarstid" now (remisser.kind_words); a remiss reads as before."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.auth.models import Role
from remiss.planning.service.tidplan import milestones_of
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


KINDS = (("medborgarforslag", "Handlingar", "förlängd svarstid"), ("remiss", "Remisshandlingar", "förlängd remisstid"))
THE = {"medborgarforslag": ("ärendet", "Ärendet"), "remiss": ("remissen", "Remissen")}


@pytest.fixture
def namnd(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])  # after the deadlines below
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    session.commit()
    return namnd


@pytest.mark.parametrize("kind, papers, extended", KINDS)
def test_the_registration_form_labels_the_files_in_the_words_of_the_kind(namnd, auth, kind, papers, extended):
    auth.login("mia@miljo.se")
    form = {"title": "Fler parkbänkar", "namnd_id": str(namnd.id), "kind": kind, "remittent": "Kommunfullmäktige",
            "received_on": "2026-12-03", "deadline_on": "2026-12-01"}
    page = auth.post("/remisser/ny", form).get_data(as_text=True)
    assert "kom in efter sista svarsdagen" in visible_text(page)  # the form came back with its questions
    # old code: "Remisshandlingar" of a medborgarförslag
    assert f'<label for="f-files">{papers}</label>' in page


@pytest.mark.parametrize("kind", THE)
def test_a_namnd_without_handlaggare_says_the_arende_cannot_be_assigned(session, auth, kind):
    kultur = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    make_user(session, role=Role.admin, email="admin@kommun.se", name="Ada Admin")
    session.commit()
    auth.login("admin@kommun.se")
    page = visible_text(auth.post("/remisser/ny", {"title": "", "namnd_id": kultur.id, "kind": kind,
                                            "deadline_on": "2027-05-05"}).get_data(as_text=True))
    # old code: "så remissen kan inte tilldelas någon … Remissen kan registreras ändå" of a medborgarförslag, on
    # the form and in the field app.js swaps in when the nämnd is changed
    the, The = THE[kind]
    said = f"Kulturnämnden har ingen handläggare ännu, så {the} kan inte tilldelas någon."
    assert said in page and f"{The} kan registreras ändå och tilldelas sedan." in page, page
    swapped = auth.client.get(f"/remisser/handlaggarfalt?namnd_id={kultur.id}&kind={kind}").get_data(as_text=True)
    assert said in visible_text(swapped), swapped


@pytest.mark.parametrize("kind, papers, extended", KINDS)
def test_the_tidplan_that_does_not_fit_asks_for_more_time_in_the_words_of_the_kind(namnd, session, auth, client,
                                                                                   clock, kind, papers, extended):
    rid = make_remiss(session, namnd=namnd, now=clock(), kind=kind, title="Fler parkbänkar",
                      deadline_on=date(2027, 1, 20), deadline_time=None).id
    session.commit()
    auth.login("mia@miljo.se")
    page = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Tidplanen går inte ihop" in page, page
    # old code: "Lägg till ett sammanträde, begär förlängd remisstid …" of a medborgarförslag
    assert f"Lägg till ett sammanträde, begär {extended} eller låt ordföranden eller en delegat besluta." in page
    if kind == "medborgarforslag":
        assert "remisstid" not in page, page
    # a sammanträde set by hand after the sista svarsdag; old code: "Begär förlängd remisstid, eller kryssa i rutan"
    namnd_row = next(m.id for m in milestones_of(session, rid) if m.kind == "namnd")
    session.rollback()  # the fixture session's read holds SQLite's lock
    url = f"/remisser/{rid}"
    asked = auth.post(f"{url}/tidplan/andra", {"milestone_id": str(namnd_row), "override_on": "2027-02-25",
                                               "reason": "Extra sammanträde"}, form_url=url)
    assert asked.status_code == 400
    assert f"Begär {extended}, eller kryssa i rutan för att spara datumet ändå." in visible_text(asked.get_data(as_text=True))
    gone = auth.post(f"{url}/tidplan/klar", {"milestone_id": "999999"}, form_url=url)  # a milestone from elsewhere
    # old code: "Milstolpen finns inte på den här remissen." of a medborgarförslag
    this = "det här ärendet" if kind == "medborgarforslag" else "den här remissen"
    assert gone.status_code == 400 and f"Milstolpen finns inte på {this}." in visible_text(gone.get_data(as_text=True))


@pytest.mark.parametrize("kind, papers, extended", KINDS)
def test_the_general_extension_speaks_of_the_time_of_the_kind(namnd, session, auth, clock, kind, papers, extended):
    rid = make_remiss(session, namnd=namnd, now=clock(), kind=kind, title="Fler parkbänkar",
                      deadline_on=date(2027, 1, 20), deadline_time=None).id
    session.commit()
    auth.login("mia@miljo.se")
    url = f"/remisser/{rid}"
    time = extended.split()[-1]  # "svarstid", "remisstid"
    refused = auth.post(f"{url}/forlangningar/allman", {"sender": "Kommunfullmäktige", "until_on": ""}, form_url=url)
    # old code: "Ange vilket datum remisstiden förlängs till." of a medborgarförslag
    assert refused.status_code == 400
    assert f"Ange vilket datum {time}en förlängs till." in visible_text(refused.get_data(as_text=True))
    done = auth.post(f"{url}/forlangningar/allman", {"sender": "Kommunfullmäktige", "until_on": "2027-03-31"},
                     form_url=url, follow_redirects=True)
    # old code: "Remisstiden är förlängd." of a medborgarförslag
    assert f"Klart: {time.capitalize()}en är förlängd. Sista svarsdag och tidplan är uppdaterade." in visible_text(
        done.get_data(as_text=True))


def test_the_duplicate_warning_counts_what_it_found_in_the_words_of_their_kinds(namnd, session, auth, client,
                                                                                 clock):
    make_remiss(session, namnd=namnd, now=clock(), kind="medborgarforslag", title="Fler parkbänkar", sender_dnr="")
    make_remiss(session, namnd=namnd, now=clock(), kind="remiss", title="Ny avfallsplan", sender_dnr="KS-2026-1")
    make_remiss(session, namnd=namnd, now=clock(), kind="remiss", title="Ny avfallsplan", sender_dnr="KS-2026-2")
    session.commit()
    auth.login("mia@miljo.se")
    url = "/api/v1/remisser/mojliga-dubbletter"
    # what the form's warning says (static/app.js); old code: "en remiss" of a medborgarförslag found
    said = {title: client.get(url, query_string={"title": title}).get_json()["said"]
            for title in ("Fler parkbänkar", "Ny avfallsplan")}
    assert said == {"Fler parkbänkar": "ett ärende", "Ny avfallsplan": "2 remisser"}
    both = client.get(url, query_string={"title": "Fler parkbänkar", "sender_dnr": "KS-2026-1"}).get_json()
    assert both["said"] == "2 ärenden"
