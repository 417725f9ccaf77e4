"""Migration z001: the rows stored before walk19's rules are stored as the rules store them now, on SQLite and
PostgreSQL, from y001 with old-shaped rows: förlängning requests a grant reached are superseded (G4), sammanträden
still ahead that Beslutad by hand ticked "Klar" are open again (G1), the remisser whose steps v001 opened again are
re-planned by the reminder sweep, and an answer with "Inga synpunkter" and synpunkter keeps its text, not the tick
(G2); milestone.flag_reason is indexed. A second run repairs nothing more; the downgrade drops the index."""
from __future__ import annotations

import json
from datetime import date, time

from alembic import command
from sqlalchemy import bindparam, create_engine, inspect, text
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.calendar.milestones import BY_HAND
from remiss.db import Database, UTCDateTime, migrate
from remiss.outgoing.service import compiled
from remiss.planning.service import extensions
from remiss.remisser import by_hand, service
from remiss.remisser.input import SandlistaItem
from remiss.reminders import schedule
from remiss.reminders.models import OutboxMessage
from remiss.subscribers import connect_all
from tests.planning.helpers import add_meetings, at
from tests.support.migrations import alembic_config, empty_url, read_rows  # noqa: F401 (a fixture)
from tests.support.factories import make_namnd, make_remiss, make_user

BEFORE = "y001_tidplan_extension_step"
SYSTEM = Principal.system()
MOMENT = bindparam("at", type_=UTCDateTime)  # stored as the app stores a moment (SQLite: its text form too)
CLICK = at(2034, 12, 5, 10)  # Beslutad set by hand, ten weeks before the sammanträden (years after the wall clock)


def _world(s) -> dict:
    """The remisser of the story, registered and planned by the app as it is now."""
    namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(s, namnd, [("au", at(2025, 2, 13, 8, 30), ""), ("namnd", at(2025, 2, 20, 17), ""),
                            ("au", at(2034, 12, 7, 8, 30), ""), ("namnd", at(2034, 12, 14, 17), ""),
                            ("au", at(2035, 2, 15, 8, 30), ""), ("namnd", at(2035, 2, 22, 17), "")])
    make_user(s, role=Role.registrator, namnder=[namnd], email="sara@oster.se", name="Sara Sekreterare")
    jesper = make_user(s, role=Role.handlaggare, namnder=[namnd], email="jesper@oster.se", name="Jesper Lindkvist")
    now = at(2034, 12, 1, 10)
    ahead = make_remiss(s, namnd=namnd, now=now, received_on=date(2034, 12, 1), deadline_on=date(2035, 3, 10))
    soon = make_remiss(s, namnd=namnd, now=now, received_on=date(2034, 11, 20), deadline_on=date(2034, 12, 22))
    passed = make_remiss(s, namnd=namnd, now=at(2025, 1, 10), received_on=date(2025, 1, 10),
                         deadline_on=date(2025, 3, 10))
    outgoing = make_remiss(s, namnd=namnd, now=now, direction="utgaende", title="Lekplatsprogram",
                           deadline_on=date(2035, 2, 26), questions=["Hur bra är förslaget?", "Vad saknas?"],
                           sandlista=[SandlistaItem(n, f"{n[:4].lower()}@malmo.example", "")
                                      for n in ("Pensionärsrådet", "Ungdomsrådet", "Funktionshinderrådet")])
    for remiss, moment in ((ahead, now), (soon, now), (passed, at(2025, 1, 10))):
        service.assign(s, now=moment, principal=SYSTEM, remiss=remiss, handlaggare_id=jesper.id)
    # förlängningar: requests the app closes when a grant reaches them (walk19 G4), one later that stays pending
    asked = extensions.request_extension(s, now=at(2034, 12, 2), principal=SYSTEM, remiss=ahead,
                                         requested_by="Jesper Lindkvist", until_on=date(2035, 4, 10))
    twin = extensions.request_extension(s, now=at(2034, 12, 2), principal=SYSTEM, remiss=ahead,
                                        requested_by="Sara Sekreterare", until_on=date(2035, 4, 9))
    later = extensions.request_extension(s, now=at(2034, 12, 2), principal=SYSTEM, remiss=ahead,
                                         requested_by="Sara Sekreterare", until_on=date(2035, 5, 1))
    extensions.decide_extension(s, now=at(2034, 12, 3), principal=SYSTEM, remiss=ahead, extension_id=asked.id,
                                granted=True)
    covered = extensions.request_extension(s, now=at(2034, 12, 2), principal=SYSTEM, remiss=soon,
                                           requested_by="Jesper Lindkvist", until_on=date(2035, 1, 15))
    extensions.general_notice(s, now=at(2034, 12, 4), principal=SYSTEM, remiss=soon, sender="Kommunstyrelsen",
                              until_on=date(2035, 1, 20))
    # Beslutad set by hand: the sammanträden still ahead stay open (walk19 G1)
    for remiss, moment in ((ahead, CLICK), (passed, at(2025, 1, 20))):
        for status in ("under_beredning", "klar_for_beslut", "beslutad"):
            by_hand.change_status_by_hand(s, now=moment, principal=SYSTEM, remiss=remiss, new=status,
                                          note="Beslut fattat på nämndens möte")
    entries = {e.name: e.id for e in service.entries(s, outgoing.id)}
    questions = [q.id for q in service.questions_of(s, outgoing.id)]
    return {"ahead": ahead.id, "soon": soon.id, "passed": passed.id, "outgoing": outgoing.id, "twin": twin.id,
            "later": later.id, "covered": covered.id, "entries": entries, "questions": questions}


def _old_shapes(conn, ids: dict) -> set[str]:
    """What the code before walk19 stored; return the keys of the reminders the tick by hand cancelled."""
    # G4: the requests a grant reached stayed pending, and no history said otherwise
    conn.execute(text("UPDATE extension SET decision = 'pending', decided_on = NULL WHERE id IN (:a, :b)"),
                 {"a": ids["twin"], "b": ids["covered"]})
    conn.execute(text("DELETE FROM audit_event WHERE entity = 'extension' AND changes LIKE '%superseded%'"))
    # G1: Beslutad by hand ticked the arbetsutskott and the nämndsammanträde done at the click, in one event
    for rid, moment, day in ((ids["ahead"], CLICK, "5 december 2034"), (ids["passed"], at(2025, 1, 20),
                                                                       "20 januari 2025")):
        conn.execute(text("UPDATE milestone SET done_at = :at, explanation = :e WHERE remiss_id = :r "
                          "AND kind IN ('arbetsutskott', 'namnd')").bindparams(MOMENT),
                     {"at": moment, "e": f"{BY_HAND} {day}.", "r": rid})
        changes = {f"done:{k}": [None, moment.isoformat()] for k in ("arbetsutskott", "namnd")}
        conn.execute(text("INSERT INTO audit_event (at, entity, entity_id, remiss_id, action, changes, note) "
                          "VALUES (:at, 'remiss', :r, :r, 'milestone', :c, :n)").bindparams(MOMENT),
                     {"at": moment, "r": rid, "c": json.dumps(changes),
                      "n": "Arbetsutskott, Nämndsammanträde: klar (remissen är beslutad, status ändrad för hand)"})
    # v001 opened again an Expediering ticked by hand; the tick had cancelled its reminders, v001 planned none
    key = f"%:{ids['soon']}:expediering:%"
    cancelled = set(conn.execute(text("SELECT key FROM outbox_message WHERE key LIKE :k AND status = 'pending'"),
                                 {"k": key}).scalars())
    conn.execute(text("UPDATE outbox_message SET status = 'cancelled', last_error = :m WHERE remiss_id = :r "
                      "AND key LIKE :k AND status = 'pending'"),
                 {"m": schedule.MOVED, "r": ids["soon"], "k": key})
    conn.execute(text("INSERT INTO audit_event (at, entity, entity_id, remiss_id, action, changes, note) "
                      "SELECT :at, 'milestone', id, remiss_id, 'milestone', '{}', :n FROM milestone "
                      "WHERE remiss_id = :r AND kind = 'expediering'").bindparams(MOMENT),
                 {"at": at(2034, 12, 2), "r": ids["soon"],
                  "n": "Expediering: inte klar; markerad klar för hand, vilket inte längre går – den blir klar när "
                       "yttrandet expedieras, inte för hand (rättat vid uppgradering)"})
    # G2: answers stored with the tick and synpunkter; one with a summary only, one with a blank answer
    for name, other in (("Pensionärsrådet", "Fler bänkar behövs."), ("Ungdomsrådet", ""),
                        ("Funktionshinderrådet", "")):
        conn.execute(text("UPDATE sandlista_entry SET answer_status = 'svarat', answered_on = :d, no_comments = :t, "
                          "summary = :s, other_comments = :o WHERE id = :e"),
                     {"d": date(2034, 12, 4), "t": True, "s": "Rådet har svarat.", "o": other,
                      "e": ids["entries"][name]})
    for name, answer in (("Pensionärsrådet", "Bra förslag."), ("Funktionshinderrådet", "  \n")):
        conn.execute(text("INSERT INTO sandlista_answer (sandlista_entry_id, question_id, text) VALUES (:e, :q, :t)"),
                     {"e": ids["entries"][name], "q": ids["questions"][0], "t": answer})
    # and their sammanställning saved, which said "Inga synpunkter: Pensionärsrådet" above its synpunkter
    conn.execute(text("INSERT INTO audit_event (at, entity, entity_id, remiss_id, action, changes, note) "
                      "VALUES (:at, 'attachment', 1, :r, :a, '{}', 'Remissammanställning.docx')").bindparams(MOMENT),
                 {"at": at(2034, 12, 4, 15), "r": ids["outgoing"], "a": compiled.ACTION})
    return cancelled


def _state(url: str) -> tuple:
    """Every row the repair may touch (not the plan horizon: the reminder sweep sets it again)."""
    return (read_rows(url, "SELECT id, decision, decided_on FROM extension ORDER BY id"),
            read_rows(url, "SELECT id, done_at, closed_with_remiss, explanation FROM milestone ORDER BY id"),
            read_rows(url, "SELECT id, no_comments, summary, other_comments FROM sandlista_entry ORDER BY id"),
            read_rows(url, "SELECT count(*) FROM audit_event"))


def _indexes(url: str) -> set[str]:
    engine = create_engine(url)
    names = {i["name"] for i in inspect(engine).get_indexes("milestone")}
    engine.dispose()
    return names


def _notes(url: str, entity: str, entity_id: int) -> list[str]:
    return [r[0] for r in read_rows(url, "SELECT note FROM audit_event WHERE entity = :e AND entity_id = :i "
                                     "AND note LIKE '%(rättat vid uppgradering)' ORDER BY id", e=entity, i=entity_id)]


def test_z001_stores_the_old_rows_as_walk19_does_and_runs_again_harmlessly(empty_url):  # noqa: F811
    url = empty_url
    connect_all()  # as create_app: the tidplan and the reminders follow the events
    migrate(url)
    db = Database(url)
    with db.transaction() as s:
        ids = _world(s)
    db.dispose()
    steps = dict(read_rows(url, "SELECT kind, due_on FROM milestone WHERE remiss_id = :r", r=ids["ahead"]))
    assert str(steps["namnd"]) == "2035-02-22" and str(steps["arbetsutskott"]) == "2035-02-15"

    command.downgrade(alembic_config(url), BEFORE)
    assert "ix_milestone_flag_reason" not in _indexes(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        cancelled = _old_shapes(conn, ids)
    assert cancelled
    engine.dispose()
    assert migrate(url, "z001_walk19_repair") == 1

    # G4: the request the grant reached is superseded from the grant's day, the later one still waits
    decided = {r[0]: (r[1], r[2] and str(r[2])) for r in read_rows(url, "SELECT id, decision, decided_on FROM extension")}
    assert decided[ids["twin"]] == ("superseded", "2034-12-03")
    assert decided[ids["covered"]] == ("superseded", "2034-12-04")
    assert decided[ids["later"]] == ("pending", None)
    assert _notes(url, "extension", ids["twin"]) == ["Ersatt av beviljad förlängning (rättat vid uppgradering)"]
    assert _notes(url, "extension", ids["covered"]) == ["Ersatt av allmän förlängning (rättat vid uppgradering)"]

    # G1: the sammanträden still ahead are open again; the work a beslut presupposes stays done; a sammanträde
    # whose day has passed since may have decided the ärende: left as it was
    rows = {(r[0], r[1]): (r[2], r[3]) for r in read_rows(
        url, "SELECT remiss_id, kind, done_at, explanation FROM milestone")}
    assert rows[(ids["ahead"], "namnd")] == (None, "Sammanträdet torsdag 22 februari 2035 har inte ägt rum än: "
                                                   "status ändrad till Beslutad för hand 5 december 2034.")
    assert rows[(ids["ahead"], "arbetsutskott")][0] is None
    assert rows[(ids["ahead"], "tjansteskrivelse")][0] is not None
    assert rows[(ids["passed"], "namnd")] == (rows[(ids["passed"], "namnd")][0], f"{BY_HAND} 20 januari 2025.")
    assert rows[(ids["passed"], "namnd")][0] is not None
    assert _notes(url, "remiss", ids["ahead"]) == [
        "Arbetsutskott, Nämndsammanträde: inte klar; ett sammanträde som inte har ägt rum än blir klart när beslutet "
        "registreras, inte när status ändras till Beslutad för hand (rättat vid uppgradering)"]

    # v001's and this repair's reopened steps: the next sweep plans their reminders again (sync_remiss)
    horizons = dict(read_rows(url, "SELECT id, reminders_planned_until FROM remiss"))
    assert horizons[ids["soon"]] is None and horizons[ids["ahead"]] is None
    assert horizons[ids["passed"]] is not None and horizons[ids["outgoing"]] is not None
    db = Database(url)
    with db.transaction() as s:
        schedule.plan_due(s, now=at(2034, 12, 3))
        stale = compiled.stale_ids(s, [ids["outgoing"]])
        owed = s.exec(select(OutboxMessage.key).where(OutboxMessage.remiss_id == ids["soon"],
                                                      OutboxMessage.key.like("%:expediering:%"),
                                                      OutboxMessage.status == "pending")).all()
    db.dispose()
    assert owed and set(owed) <= cancelled, owed  # without the repair: none till the horizon runs out

    # G2: the synpunkter stay and the tick goes, said in the history; a summary or a blank answer keeps it
    entries = {r[0]: (bool(r[1]), r[2]) for r in read_rows(url, "SELECT id, no_comments, other_comments FROM "
                                                                "sandlista_entry")}
    pension, ungdom, funk = (ids["entries"][n] for n in ("Pensionärsrådet", "Ungdomsrådet", "Funktionshinderrådet"))
    assert entries[pension] == (False, "Fler bänkar behövs.")
    assert entries[ungdom][0] is True and entries[funk][0] is True
    assert read_rows(url, "SELECT text FROM sandlista_answer WHERE sandlista_entry_id = :e", e=pension) == [
        ("Bra förslag.",)]
    assert _notes(url, "sandlista_entry", pension) == [
        "Pensionärsrådet: ”Inga synpunkter” borttaget, eftersom svaret har svar på frågorna och övriga synpunkter, "
        "som står kvar. Sade instansen att den inte har några synpunkter: ta bort texten och kryssa i ”Inga "
        "synpunkter” igen (rättat vid uppgradering)"]
    assert stale == {ids["outgoing"]: compiled.ANSWER_CHANGED}  # "sammanställ igen", Att göra too
    assert "ix_milestone_flag_reason" in _indexes(url)

    # again: nothing more to repair
    repaired = _state(url)
    command.downgrade(alembic_config(url), BEFORE)
    assert migrate(url, "z001_walk19_repair") == 1
    assert _state(url) == repaired
    command.downgrade(alembic_config(url), BEFORE)
    assert "ix_milestone_flag_reason" not in _indexes(url)
