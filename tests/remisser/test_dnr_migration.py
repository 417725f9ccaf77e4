"""Migration f001: the lookup keys of the remisser already there, and the register cleaned of the names only
incoming remissers' sändlistor put there (and of nothing else)."""
from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.db import Database, migrate
from remiss.outgoing.models import Organisation
from remiss.outgoing.service.register import save_organisation, save_list
from remiss.remisser.models import Remiss, SandlistaEntry
from remiss.remisser.service import ensure_organisation
from tests.support.factories import T0, make_namnd, make_remiss
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)


def test_f001_fills_the_keys_and_removes_only_incoming_sandlista_names(empty_url):
    migrate(empty_url)
    db = Database(empty_url)
    admin = Principal.system()
    with db.session() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
        incoming = make_remiss(s, namnd=namnd, our_dnr="SOFÖ 2026/0006", sender_dnr="KS-IOF-2010-00015",
                               title="Förslag till ny IoF-plan",
                               sandlista=["Samtliga nämnder", "Stadsområdesnämnd Öster", "Fastighetsnämnden",
                                          "Kulturnämnden"])
        make_remiss(s, namnd=namnd, direction="utgaende", title="Vår remiss", sandlista=["Stadsområdesnämnd Öster"])
        # What registration used to do: every name of the incoming sändlista into the register, linked.
        junk = ensure_organisation(s, now=T0, name="Samtliga nämnder", namnd_id=namnd.id)
        ensure_organisation(s, now=T0, name="Stadsområdesnämnd Öster", namnd_id=namnd.id)  # also sent to
        chosen = save_organisation(s, now=T0, principal=admin, existing=None, name="Fastighetsnämnden")
        listed = ensure_organisation(s, now=T0, name="Kulturnämnden", namnd_id=namnd.id)
        save_list(s, now=T0, principal=admin, name="Kulturen", organisation_ids=[listed.id])
        by_name = {o.name: o.id for o in s.exec(select(Organisation))}
        for entry in s.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == incoming.id)):
            entry.organisation_id = by_name[entry.name]
            s.add(entry)
        s.commit()
        incoming_id, junk_id, chosen_id = incoming.id, junk.id, chosen.id
    db.write_engine.dispose()
    db.read_engine.dispose()

    command.downgrade(alembic_config(empty_url), "f001_dnr_keys-1")  # as before this revision: no keys
    migrate(empty_url)

    db = Database(empty_url)
    with db.session() as s:
        remiss = s.get(Remiss, incoming_id)
        assert (remiss.our_dnr_key, remiss.our_dnr_tail) == ("sofo-2026-6", "2026-6")
        assert (remiss.sender_dnr_key, remiss.sender_dnr_tail) == ("ks-iof-2010-15", "2010-15")
        assert remiss.title_key == "forslag till ny iof plan"
        names = {o.name for o in s.exec(select(Organisation))}
        assert names == {"Stadsområdesnämnd Öster", "Fastighetsnämnden", "Kulturnämnden"}
        assert s.get(Organisation, junk_id) is None and s.get(Organisation, chosen_id) is not None
        entries = {e.name: e.organisation_id for e in s.exec(select(SandlistaEntry)
                                                             .where(SandlistaEntry.remiss_id == incoming_id))}
        assert entries["Samtliga nämnder"] is None and entries["Fastighetsnämnden"] == chosen_id
        assert len(entries) == 4  # the incoming sändlista keeps every name
    db.write_engine.dispose()
    db.read_engine.dispose()


def test_t001_rekeys_titles_stored_with_the_remiss_lead(empty_url):
    migrate(empty_url)
    db = Database(empty_url)
    with db.session() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
        old = make_remiss(s, namnd=namnd, title="Remiss av förslag till ny IoF-plan")
        plain = make_remiss(s, namnd=namnd, title="Handlingsplan för kulturstrategi")
        s.commit()
        old_id, plain_id = old.id, plain.id
    db.write_engine.dispose()
    db.read_engine.dispose()

    command.downgrade(alembic_config(empty_url), "t001_title_key_lead-1")  # the keys as f001 wrote them
    engine = create_engine(empty_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title_key FROM remiss WHERE id = :id"), {"id": old_id}).scalar() == \
            "remiss av forslag till ny iof plan"
    engine.dispose()
    migrate(empty_url)

    db = Database(empty_url)
    with db.session() as s:
        assert s.get(Remiss, old_id).title_key == "forslag till ny iof plan"
        assert s.get(Remiss, plain_id).title_key == "handlingsplan for kulturstrategi"
    db.write_engine.dispose()
    db.read_engine.dispose()
