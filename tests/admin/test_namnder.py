"""Administering nämnder: a diarienummer series prefix that differs from another's only in case is refused, and a
shared series is said (walk11 finding 5)."""
import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.namnd.models import Namnd
from tests.support.factories import make_namnd, make_user

FORM = {"granskning_workdays": "3", "justering_workdays_after_meeting": "10", "expediering_workdays": "1",
        "tjansteskrivelse_workdays_before_au": "10"}


@pytest.fixture
def world(session):
    make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.admin, email="admin@x.se", name="Ada Admin")
    session.commit()


def _prefixes(db) -> dict[str, str]:
    with db.session() as s:
        return {n.name: n.dnr_prefix for n in s.exec(select(Namnd))}


def test_a_prefix_that_differs_only_in_case_is_refused(auth, world, db):
    auth.login("admin@x.se")
    r = auth.post("/admin/namnder/ny", FORM | {"name": "Kulturnämnden", "dnr_prefix": "mn"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "Prefixet ”mn” skiljer sig från Miljönämndens ”MN” bara i stora och små bokstäver" in page
    assert 'value="Kulturnämnden"' in page  # what was typed is kept
    assert "Kulturnämnden" not in _prefixes(db)
    # Å, Ä and Ö too (SQLite's lower() leaves them as they are)
    make = auth.post("/admin/namnder/ny", FORM | {"name": "Socialnämnden", "dnr_prefix": "SOFÖ"})
    assert make.status_code == 302
    r = auth.post("/admin/namnder/ny", FORM | {"name": "Fritidsnämnden", "dnr_prefix": "sofö"})
    assert r.status_code == 400 and "Prefixet ”sofö” skiljer sig från Socialnämndens ”SOFÖ”" in r.get_data(as_text=True)


def test_a_shared_series_is_said_when_saved(auth, world, db):
    auth.login("admin@x.se")
    r = auth.post("/admin/namnder/ny", FORM | {"name": "Fritidsnämnden", "dnr_prefix": "MN"}, follow_redirects=True)
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "Nämnden är sparad." in page
    assert "Prefixet ”MN” används också av Miljönämnden: nämnderna delar nummerserie" in page
    assert _prefixes(db)["Fritidsnämnden"] == "MN"
    # renaming the other nämnd's prefix to a case variant of it is refused too
    with db.session() as s:
        fritid = s.exec(select(Namnd).where(Namnd.name == "Fritidsnämnden")).one()
    r = auth.post(f"/admin/namnder/{fritid.id}", FORM | {"name": "Fritidsnämnden", "dnr_prefix": "Mn"})
    assert r.status_code == 400 and "bara i stora och små bokstäver" in r.get_data(as_text=True)
    r = auth.post(f"/admin/namnder/{fritid.id}", FORM | {"name": "Fritidsnämnden", "dnr_prefix": "FN"},
                  follow_redirects=True)
    assert "nummerserie" not in r.get_data(as_text=True) and _prefixes(db)["Fritidsnämnden"] == "FN"
