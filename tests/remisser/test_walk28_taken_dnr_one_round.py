"""walk28 Z1: a "Vårt diarienummer" another remiss has was said only in a later answer: on Ändra uppgifter and Ny
utgående remiss after an empty Ärendemening was filled in, on Registrera remiss even after "Registrera ändå" on the
date questions. It is a field error, said in the first answer beside the others and before any question."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import func, select

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import summary_items, visible_text


def _world(session, auth, clock):
    """(the nämnd's id as the forms send it, the diarienummer remiss 1 has, remiss 2's id), logged in."""
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    first = make_remiss(session, namnd=namnd, title="Förslag till ny IoF-plan")
    second = make_remiss(session, namnd=namnd, title="Kulturstrategi 2016")
    session.commit()
    ids = str(namnd.id), first.our_dnr, second.id
    session.rollback()
    auth.login("sekr@kommun.se")
    return ids


def _taken(dnr: str, typed: str | None = None) -> str:
    return (f"Vårt diarienummer: Diarienumret {typed or dnr} är redan använt: remissen {dnr} ”Förslag till ny "
            "IoF-plan” har det.")


def test_andra_uppgifter_says_a_taken_dnr_with_an_empty_arendemening(session, auth, clock):
    namnd_id, taken, rid = _world(session, auth, clock)
    url = f"/remisser/{rid}/andra"
    sloppy = taken.lower()  # any spelling of it is the same number (walk18 F16)
    response = auth.post(url, {"title": "", "our_dnr": sloppy, "namnd_id": namnd_id, "deadline_on": "2027-01-29",
                               "remittent": "Kulturnämnden"}, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    # old code: only Ärendemening; the diarienummer in the next answer
    assert summary_items(page) == ["Ärendemening: Fältet måste fyllas i.", _taken(taken, sloppy)]
    assert f'value="{sloppy}"' in page and 'value="Kulturnämnden"' in page
    session.expire_all()
    assert session.get(Remiss, rid).title == "Kulturstrategi 2016"


def test_andra_uppgifter_keeps_the_remiss_own_dnr_without_a_word(session, auth, clock):
    """Its own number, in another spelling, is no error: saved with the rest."""
    namnd_id, _, rid = _world(session, auth, clock)
    own = session.get(Remiss, rid).our_dnr
    session.rollback()
    url = f"/remisser/{rid}/andra"
    response = auth.post(url, {"title": "Kulturstrategi 2017", "our_dnr": own.lower(), "namnd_id": namnd_id,
                               "deadline_on": "2026-12-18", "deadline_time": "12.00",
                               "remittent": "Kulturnämnden"}, form_url=url)
    assert response.status_code == 302, visible_text(response.get_data(as_text=True))
    session.expire_all()
    assert (session.get(Remiss, rid).title, session.get(Remiss, rid).our_dnr) == ("Kulturstrategi 2017", own)


def test_ny_utgaende_says_a_taken_dnr_with_an_empty_arendemening(session, auth, clock):
    namnd_id, taken, _ = _world(session, auth, clock)
    response = auth.post("/remisser/ny-utgaende", {
        "title": "", "namnd_id": namnd_id, "our_dnr": taken, "deadline_on": "2027-02-15",
        "new_instanser": "Kulturnämnden; kultur@remiss.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert summary_items(page) == ["Ärendemening: Fältet måste fyllas i.", _taken(taken)]  # old: the first only
    assert "kultur@remiss.example" in page and 'value="2027-02-15"' in page
    assert session.exec(select(func.count()).select_from(Remiss)).one() == 2


def test_registrera_says_a_taken_dnr_before_asking_about_the_dates(session, auth, clock):
    """A passed deadline and a missiv dated after Inkom are questions ("Registrera ändå"); the taken number is an
    error, said first and alone: confirming the dates could not register it."""
    namnd_id, taken, _ = _world(session, auth, clock)
    form = {"title": "Ny biblioteksplan", "direction": "inkommande", "kind": "remiss", "our_dnr": taken,
            "namnd_id": namnd_id, "received_on": "2026-12-01", "letter_date": "2026-12-04",
            "deadline_on": "2026-12-02", "remittent": "Kulturnämnden"}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert summary_items(page) == [_taken(taken)]  # old code: the three date questions, the number after them
    assert "Registrera ändå" not in page
    assert 'value="Ny biblioteksplan"' in page and 'value="2026-12-04"' in page
    # and with the dates confirmed as well, the same error, nothing registered
    response = auth.post("/remisser/ny", {**form, "confirm_all": "1"})
    assert response.status_code == 400
    assert summary_items(response.get_data(as_text=True)) == [_taken(taken)]
    assert session.exec(select(func.count()).select_from(Remiss)).one() == 2


def test_registrera_says_a_taken_dnr_with_the_other_errors(session, auth, clock):
    namnd_id, taken, _ = _world(session, auth, clock)
    response = auth.post("/remisser/ny", {"title": "", "direction": "inkommande", "kind": "remiss",
                                          "our_dnr": taken, "namnd_id": namnd_id, "deadline_on": "2027-02-15"})
    assert response.status_code == 400
    assert summary_items(response.get_data(as_text=True)) == ["Ärendemening: Fältet måste fyllas i.", _taken(taken)]


def test_andra_uppgifter_says_a_taken_dnr_before_asking_about_the_dates(session, auth, clock):
    """Inkom moved after the sista svarsdag is a question ("Spara ändå"); the taken number comes first, alone."""
    namnd_id, taken, rid = _world(session, auth, clock)
    url = f"/remisser/{rid}/andra"
    response = auth.post(url, {"title": "Kulturstrategi 2016", "our_dnr": taken, "namnd_id": namnd_id,
                               "received_on": "2026-12-05", "deadline_on": "2026-12-04", "deadline_time": "12.00",
                               "remittent": "Kulturnämnden"}, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert summary_items(page) == [_taken(taken)]  # old code: the questions about the dates first
    assert "Spara ändå" not in page and 'value="2026-12-05"' in page
