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


def test_an_incoming_sandlista_stays_out_of_the_register_an_outgoing_one_fills_it(session, auth):
    """Whom a remittent sent its remiss to ("samtliga nämnder", our own nämnd) is not whom we send to: it is
    neither added to the register nor offered when an outgoing remiss is made."""
    from remiss.auth.access import Principal
    from remiss.auth.models import Role
    from remiss.remisser import service
    from remiss.remisser.models import SandlistaEntry
    from tests.support.factories import make_namnd, make_remiss, make_user

    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    incoming = make_remiss(session, namnd=namnd, sandlista=["Samtliga nämnder", "Stadsområdesnämnd Öster"])
    make_remiss(session, namnd=namnd, direction="utgaende", title="Vår remiss", sandlista=["Pensionärsrådet"])
    session.commit()
    assert [o.name for o in session.exec(select(Organisation))] == ["Pensionärsrådet"]
    names = [e.name for e in session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == incoming.id)
                                          .order_by(SandlistaEntry.position))]
    assert names == ["Samtliga nämnder", "Stadsområdesnämnd Öster"]  # kept on the remiss itself
    email = user.email
    session.rollback()
    auth.login(email)
    page = auth.client.get("/remisser/ny-utgaende").get_data(as_text=True)
    assert "Pensionärsrådet" in page and "Samtliga nämnder" not in page
    # An incoming remiss made outgoing: now we send it, so its instanser go into the register.
    service.update(session, now=T0, principal=Principal.system(), remiss=incoming, changes={"direction": "utgaende"})
    session.commit()
    linked = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == incoming.id)).all()
    assert all(e.organisation_id for e in linked)
    assert {o.name for o in session.exec(select(Organisation))} == {"Pensionärsrådet", "Samtliga nämnder",
                                                                    "Stadsområdesnämnd Öster"}
