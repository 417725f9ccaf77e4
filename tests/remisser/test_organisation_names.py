"""The register finds a remissinstans whose name has å, ä or ö instead of adding a duplicate."""
from __future__ import annotations

from sqlmodel import select

from remiss.outgoing.models import Organisation
from remiss.remisser.service import ensure_organisation
from tests.support.factories import T0


def test_same_name_with_swedish_capitals_is_found(session):
    first = ensure_organisation(session, now=T0, name="Stadsområdesnämnd Öster")
    again = ensure_organisation(session, now=T0, name="Stadsområdesnämnd Öster")
    ascii_case = ensure_organisation(session, now=T0, name="STADSOMRåDESNäMND Öster")
    assert again.id == first.id
    assert ascii_case.id == first.id
    assert len(session.exec(select(Organisation)).all()) == 1
