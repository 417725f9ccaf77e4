"""Migration u002: sändlista names saved whole as "Namn <e-post>" (before "Ändra uppgifter" read that form, walk14
#4) become the name and its address – in the register, on utgående sändlistor and in saved sändlistor – and an
entry that only repeats an instans already on its sändlista goes. What was sent stays as sent; incoming remisser's
sändlistor are left as the remittent wrote them."""
from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.db import Database, migrate
from remiss.outgoing.models import Organisation
from remiss.outgoing.service.register import save_list
from remiss.remisser.input import SandlistaItem
from remiss.remisser.service import entries
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import T0, make_namnd, make_remiss

CYKEL = "Cykelfrämjandet <malmo@cykel.example>"
# placeholder → the name as the old edit form saved it
OLD_NAMES = {"CYK-TMP": CYKEL, "UNG-TMP": "Ungdomsrådet <ungdom@malmo.example>",
             "KOM-TMP": '"Kommunal" <kommunal@fack.example>', "VI-TMP": "Föreningen <Vi> i Malmö",
             "LST-TMP": "Länsstyrelsen <lst@lansstyrelsen.se>"}


def test_u002_splits_the_angled_names_and_merges_what_repeats(empty_url):  # noqa: F811
    migrate(empty_url)
    db = Database(empty_url)
    with db.session() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster")
        unsent = make_remiss(s, namnd=namnd, direction="utgaende", sandlista=[
            SandlistaItem("Cykelfrämjandet", "malmo@cykel.example"), SandlistaItem("CYK-TMP"),
            SandlistaItem("UNG-TMP"), SandlistaItem("KOM-TMP", "info@kommunal.example"), SandlistaItem("VI-TMP")])
        sent = make_remiss(s, namnd=namnd, direction="utgaende", sandlista=["Cykelfrämjandet", "CYK-TMP"])
        incoming = make_remiss(s, namnd=namnd, sandlista=["LST-TMP"])
        for entry in entries(s, sent.id):  # both got the missiv, the second by post
            entry.sent_at, entry.delivery = T0, "epost" if entry.email else "post"
            s.add(entry)
        org = {o.name: o.id for o in s.exec(select(Organisation))}
        save_list(s, now=T0, principal=Principal.system(), name="Cykel", organisation_ids=[org["CYK-TMP"]])
        save_list(s, now=T0, principal=Principal.system(), name="Båda",
                  organisation_ids=[org["Cykelfrämjandet"], org["CYK-TMP"]])
        s.commit()
        ids = unsent.id, sent.id, incoming.id
    db.write_engine.dispose()
    db.read_engine.dispose()

    command.downgrade(alembic_config(empty_url), "u002_angled_names-1")  # what the old edit form left
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        for placeholder, old in OLD_NAMES.items():
            conn.execute(text("UPDATE organisation SET name = :old WHERE name = :p"), {"old": old, "p": placeholder})
            conn.execute(text("UPDATE sandlista_entry SET name = :old, email = CASE WHEN name = 'KOM-TMP' "
                              "THEN email ELSE '' END WHERE name = :p"), {"old": old, "p": placeholder})
    engine.dispose()
    migrate(empty_url)

    db = Database(empty_url)
    with db.session() as s:
        register = {o.name: (o.email, o.id) for o in s.exec(select(Organisation))}
        got = [[(e.name, e.email, e.organisation_id) for e in entries(s, rid)] for rid in ids]
        lists = {name: [r[0] for r in s.execute(text(
            "SELECT organisation_id FROM saved_sandlista_member m JOIN saved_sandlista l "
            "ON l.id = m.saved_sandlista_id WHERE l.name = :n"), {"n": name})] for name in ("Cykel", "Båda")}
    db.write_engine.dispose()
    db.read_engine.dispose()
    cykel = register["Cykelfrämjandet"][1]
    assert set(register) == {"Cykelfrämjandet", "Ungdomsrådet", "Kommunal", "Föreningen <Vi> i Malmö"}
    assert register["Cykelfrämjandet"][0] == "malmo@cykel.example"
    assert register["Ungdomsrådet"][0] == "ungdom@malmo.example"  # it had no address
    assert register["Kommunal"][0] == "info@kommunal.example"  # its own address kept
    assert got[0] == [("Cykelfrämjandet", "malmo@cykel.example", cykel),  # the repeat went
                      ("Ungdomsrådet", "ungdom@malmo.example", register["Ungdomsrådet"][1]),
                      ("Kommunal", "info@kommunal.example", register["Kommunal"][1]),
                      ("Föreningen <Vi> i Malmö", "", register["Föreningen <Vi> i Malmö"][1])]
    # both were sent the missiv: both stay, the letter by post without an e-mail it never had
    assert got[1] == [("Cykelfrämjandet", "malmo@cykel.example", cykel), ("Cykelfrämjandet", "", cykel)]
    assert got[2] == [("Länsstyrelsen <lst@lansstyrelsen.se>", "", None)]  # the remittent's words
    assert lists == {"Cykel": [cykel], "Båda": [cykel]}
