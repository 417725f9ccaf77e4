"""Fill a migrated database with a deterministic data set, fast enough for 1,000,000 remisser.

The design size (scale 1.0): 300 nämnder, 5,000 users, 2,000 remissinstanser, 100,000 remisser over ten
years and 1,000,000 sändlista entries. Below 1.0 every count shrinks alike (quick runs). Above 1.0 the
organisation stays the same and only its history grows: scale 10 is the same 300 nämnder and 5,000 users
with 1,000,000 remisser, the newest 100,000 of them row for row the scale-1 data set (own random stream)
and the 900,000 before them ninety more years of closed remisser at the same rate. So a page that shows
the same rows costs the same at both scales unless it reads the history: what "cost grows with the rows
shown, not with the data" asks.

The newest ten years end four months after NOW (deadlines ahead, as in a live diarium); a remiss whose
deadline is more than 120 days past is closed, newer ones have any status. Every 500th remiss is outgoing
with a sändlista of 40 instanser; every other remiss lists 10.

Rows go in through the raw driver: executemany on SQLite, COPY on PostgreSQL (the search trigger fills
remiss.search_document as rows arrive), and the 10 entries of each incoming remiss as one INSERT … SELECT
run by the database itself. The same seed always gives the same rows.
"""
from __future__ import annotations

import enum
import random
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from itertools import chain, islice

from sqlalchemy import Boolean, Integer
from sqlmodel import SQLModel

import remiss.models  # noqa: F401

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
DESIGN = {"namnd": 300, "user_account": 5000, "organisation": 2000, "remiss": 100_000}
RECENT = 100_000  # remisser in the newest ten years: the scale-1 data set, also at larger scales
YEARS_DAYS = 3653  # the ten years they span
END = NOW.date() + timedelta(days=120)  # the last deadline
CLOSED_AFTER_DAYS = 120  # a remiss whose deadline is further back than this is closed
ENTRIES = 10  # sändlista entries of an incoming remiss
OUTGOING_EVERY, OUTGOING_ENTRIES = 500, 40
ADMINS = 16  # user 1 and the last 15 users: enough for 16 admins logged in at once
SUBJECTS = ["Förslag till ny IoF-plan", "Handlingsplan för kulturstrategi", "Riktlinjer för missbruksvården",
            "Kommungemensamt kontaktcenter", "Översiktsplan", "Trafikstrategi", "Cykelprogram", "Avfallsplan",
            "Miljöprogram", "Äldreomsorgsplan", "Skolutveckling", "Budget och verksamhetsplan",
            "Tillsyn av serveringstillstånd", "Vattenförsörjningsplan", "Friluftsprogram", "Bostadsförsörjning"]
REMITTENTER = ["Kommunstyrelsen", "Stadskontoret", "Kulturnämnden", "Finansdepartementet", "Länsstyrelsen Skåne",
               "Socialdepartementet", "Trafikverket", "Region Skåne"]
STATUSES = ["registrerad", "tilldelad", "under_beredning", "klar_for_beslut", "beslutad", "besvarad", "avstar"]
CLOSED_STATUSES = ["besvarad"] * 15 + ["avstar"] * 4 + ["aterkallad"]
ANSWERS = ["svarat"] * 6 + ["avstar", "ej_svarat", "ej_svarat", "begart_anstand"]
BENCH_PASSWORD = "bench-losenord-2026"


def counts(scale: float) -> dict[str, int]:
    """Rows per table; 'recent' of the remisser are the newest ten years, the rest older history."""
    n = {k: max(3, int(v * min(scale, 1.0))) for k, v in DESIGN.items()}
    n["remiss"] = max(3, int(DESIGN["remiss"] * scale))
    n["recent"] = min(n["remiss"], RECENT)
    return n


def first_recent_id(scale: float) -> int:
    """The id of the oldest remiss of the newest ten years (1 unless there is older history)."""
    n = counts(scale)
    return n["remiss"] - n["recent"] + 1


class Writer:
    """Rows into a table through the raw driver, filling the NOT NULL columns the rows leave out."""

    def __init__(self, conn, dialect: str):
        self.conn = conn
        self.sqlite = dialect == "sqlite"

    def value(self, v):
        if isinstance(v, enum.Enum):
            v = v.value
        if isinstance(v, datetime):
            v = v.astimezone(timezone.utc).replace(tzinfo=None)
            return v.isoformat(" ") if self.sqlite else v
        if self.sqlite and isinstance(v, date):
            return v.isoformat()
        return v

    @staticmethod
    def filler(table_name: str, given: Iterable[str]) -> dict[str, object]:
        """Values for the NOT NULL columns that are not given: their default, or false, 0, NOW or ''."""
        table = SQLModel.metadata.tables[table_name]
        fill = {}
        for c in table.columns:
            if c.name in given or c.nullable or c.primary_key:
                continue
            if c.default is not None and not callable(c.default.arg):
                fill[c.name] = c.default.arg
            elif isinstance(c.type, Boolean):
                fill[c.name] = False
            elif isinstance(c.type, Integer):
                fill[c.name] = 0
            elif "DATE" in str(c.type).upper() or "UTC" in type(c.type).__name__.upper():
                fill[c.name] = NOW
            else:
                fill[c.name] = ""
        return fill

    def insert(self, table_name: str, names: list[str], rows: Iterable[tuple], chunk: int = 20_000,
               into: str = "") -> int:
        """Insert rows (tuples in the order of names) into table_name, or into a table like it; return how many."""
        fill = self.filler(table_name, names)
        columns = names + list(fill)
        extra = tuple(self.value(v) for v in fill.values())
        quoted = ", ".join(f'"{n}"' for n in columns)
        table_name = into or table_name
        it = iter(rows)
        first = next(it, None)
        if first is None:
            return 0
        # Convert only the columns that need it (dates, enums), judged by the first row: a call per value
        # was a third of the load time. A column that is None in the first row is converted too.
        plain = (str, int, float, bool)
        convert = [k for k, v in enumerate(first) if v is None or not isinstance(v, plain)]
        value = self.value

        def ready(r):
            if not convert:
                return r + extra
            r = list(r)
            for k in convert:
                r[k] = value(r[k])
            return tuple(r) + extra

        cur = self.conn.cursor()
        count = 0
        try:
            if not self.sqlite:
                with cur.copy(f'COPY "{table_name}" ({quoted}) FROM STDIN') as copy:
                    for row in chain([first], it):
                        copy.write_row(ready(row))
                        count += 1
                return count
            sql = f'INSERT INTO "{table_name}" ({quoted}) VALUES ({", ".join(["?"] * len(columns))})'
            batch = [ready(first)]
            while True:
                batch += [ready(r) for r in islice(it, chunk - len(batch))]
                if not batch:
                    return count
                cur.executemany(sql, batch)
                count += len(batch)
                batch = []
        finally:
            cur.close()

    def execute(self, sql: str, params=()) -> int:
        cur = self.conn.cursor()
        try:
            if params:
                cur.execute(sql, params)
            else:  # no parameters: '%' in the SQL is an operator, not a placeholder
                cur.execute(sql)
            return cur.rowcount
        finally:
            cur.close()


REMISS_COLUMNS = ["id", "direction", "title", "remittent", "sender_dnr", "our_dnr", "namnd_id", "handlaggare_id",
                  "status", "received_on", "deadline_on", "effective_deadline_on", "sent_at", "notes",
                  "created_at", "updated_at",
                  # remiss.remisser.keys of title, sender_dnr and our_dnr (_with_keys), as the ORM sets them
                  "our_dnr_key", "our_dnr_tail", "sender_dnr_key", "sender_dnr_tail", "title_key"]


def _with_keys(rows: Iterator[tuple]) -> Iterator[tuple]:
    """Each remiss row with its lookup keys: the diarienummer and the title, as remiss.remisser.models sets them."""
    from remiss.remisser.keys import dnr_key, dnr_tail, title_key

    for row in rows:
        title, sender_dnr, our_dnr = row[2], row[4], row[5]
        yield (*row, dnr_key(our_dnr), dnr_tail(our_dnr), dnr_key(sender_dnr), dnr_tail(sender_dnr), title_key(title))


def _remisser(n: dict[str, int], members_of: dict[int, list[int]], seed: int) -> Iterator[tuple]:
    """The remisser, oldest first: the history before the newest ten years, then those ten years."""
    history = n["remiss"] - n["recent"]
    first = END - timedelta(days=YEARS_DAYS + 40)  # the newest ten years' first deadline (before jitter)
    closed_before = NOW.date() - timedelta(days=CLOSED_AFTER_DAYS)
    rnd = random.Random(seed + 2)
    for i in range(1, history + 1):  # ninety years (at scale 10) at the same rate, all closed
        namnd_id = 1 + i % n["namnd"]
        deadline = first - timedelta(days=(history - i + 1) * YEARS_DAYS // RECENT) + timedelta(
            days=rnd.randint(0, 40))
        yield (i, "inkommande", f"{rnd.choice(SUBJECTS)} {i}", rnd.choice(REMITTENTER),
               f"{rnd.choice(['KS', 'STK', 'KN'])}-{deadline.year}-{i:05d}", f"N{namnd_id} {deadline.year}/{i:06d}",
               namnd_id, rnd.choice(members_of.get(namnd_id, [None])), rnd.choice(CLOSED_STATUSES),
               deadline - timedelta(days=60), deadline, deadline, None, "", NOW, NOW)
    rnd = random.Random(seed + 1)  # the newest ten years: the same rows at every scale ≥ 1
    for j in range(1, n["recent"] + 1):
        namnd_id = 1 + j % n["namnd"]
        deadline = first + timedelta(days=j * YEARS_DAYS // n["recent"] + rnd.randint(0, 40))
        outgoing = j % OUTGOING_EVERY == OUTGOING_EVERY // 2
        status = rnd.choice(STATUSES)
        if deadline < closed_before and status not in CLOSED_STATUSES:
            status = CLOSED_STATUSES[j % len(CLOSED_STATUSES)]  # not drawn: the stream stays the same
        sent = datetime.combine(deadline - timedelta(days=45), datetime.min.time(), timezone.utc)
        yield (history + j, "utgaende" if outgoing else "inkommande", f"{rnd.choice(SUBJECTS)} {j}",
               "Storstad" if outgoing else rnd.choice(REMITTENTER),
               f"{rnd.choice(['KS', 'STK', 'KN'])}-{deadline.year}-{j:05d}", f"N{namnd_id} {deadline.year}/{j:05d}",
               namnd_id, rnd.choice(members_of.get(namnd_id, [None])), status, deadline - timedelta(days=60),
               deadline, deadline, sent if outgoing and sent < NOW else None, "", NOW, NOW)


def _outgoing_entries(n: dict[str, int], seed: int) -> Iterator[tuple]:
    """The 40 instanser of each outgoing remiss, with their answers where the remiss was sent."""
    rnd = random.Random(seed + 3)
    history = n["remiss"] - n["recent"]
    first = END - timedelta(days=YEARS_DAYS + 40)
    for j in range(OUTGOING_EVERY // 2, n["recent"] + 1, OUTGOING_EVERY):
        deadline = first + timedelta(days=j * YEARS_DAYS // n["recent"])
        answered = deadline < NOW.date()
        for p in range(1, OUTGOING_ENTRIES + 1):
            org = 1 + (j * 17 + p) % n["organisation"]
            status = rnd.choice(ANSWERS) if answered else rnd.choice(["ej_svarat"] * 3 + ["svarat"])
            yield (history + j, p, org, f"Remissinstans {org}", f"instans{org}@example.se", f"Grupp {p % 4}",
                   status, deadline - timedelta(days=rnd.randint(0, 20)) if status == "svarat" else None,
                   status == "svarat" and rnd.random() < 0.3)


def _incoming_entries_sql(w: Writer, organisations: int) -> tuple[str, dict]:
    """One INSERT … SELECT that lists ENTRIES instanser on every incoming remiss, run by the database."""
    given = ["remiss_id", "position", "organisation_id", "name"]
    fill = w.filler("sandlista_entry", given)
    org = f"(1 + (r.id * 13 + p.n) % {int(organisations)})"
    literals = []
    for v in fill.values():
        v = w.value(v)
        literals.append("0" if v is False and w.sqlite else "false" if v is False else
                        str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'")
    columns = ", ".join(f'"{c}"' for c in given + list(fill))
    # CROSS JOIN: SQLite then keeps remiss as the outer loop, so rows arrive in (remiss_id, position) order
    select = (f"SELECT r.id, p.n, {org}, 'Remissinstans ' || {org}{''.join(', ' + x for x in literals)} "
              "FROM remiss r CROSS JOIN positions p WHERE r.direction = 'inkommande'")
    if w.sqlite:
        return (f"INSERT INTO sandlista_entry ({columns}) WITH RECURSIVE positions(n) AS "
                f"(SELECT 1 UNION ALL SELECT n + 1 FROM positions WHERE n < {ENTRIES}) {select}"), {}
    return (f"INSERT INTO sandlista_entry ({columns}) {select.replace('positions p', f'generate_series(1, {ENTRIES}) AS p(n)')}"), {}


def _sandlista_index_triggers(w: Writer, *, on: bool) -> None:
    """Turn the search index's sändlista triggers (remiss.search.schema) off or on again."""
    from remiss.search.schema import PG_SANDLISTA_TRIGGERS, SQLITE_CREATE, SQLITE_SANDLISTA_TRIGGERS

    if w.sqlite:
        for sql in (SQLITE_CREATE if on else [f"DROP TRIGGER IF EXISTS {n}" for n in SQLITE_SANDLISTA_TRIGGERS]):
            w.execute(sql)
    else:
        for name in PG_SANDLISTA_TRIGGERS:
            w.execute(f"ALTER TABLE sandlista_entry {'ENABLE' if on else 'DISABLE'} TRIGGER {name}")


def _foreign_key_checks(w: Writer, *, on: bool) -> bool:
    """PostgreSQL: turn the per-row foreign key checks off for this transaction (two look-ups for each of
    10,000,000 sändlista entries at scale 10; the rows are right by construction), or on again. Needs a
    superuser, as the role .ci/run makes is; without one the checks stay and False is returned."""
    if on:
        w.execute("SET LOCAL session_replication_role = origin")
        return True
    w.execute("SAVEPOINT checks")
    try:
        w.execute("SET LOCAL session_replication_role = replica")
    except Exception:
        w.execute("ROLLBACK TO SAVEPOINT checks")
        return False
    w.execute("RELEASE SAVEPOINT checks")
    return True


def generate(engine, scale: float = 1.0, seed: int = 2026, log=print) -> dict[str, int]:
    """Insert the data set; return the row counts (and seconds per step under 'steps')."""
    from remiss.auth.passwords import hash_password

    n = counts(scale)
    rnd = random.Random(seed)
    password_hash = hash_password(BENCH_PASSWORD)  # one hash for everyone: hashing 5,000 would take minutes
    raw = engine.raw_connection()
    steps: dict[str, float] = {}
    made: dict[str, int] = {}
    try:
        conn = raw.driver_connection
        w = Writer(conn, engine.dialect.name)
        if w.sqlite:  # a bulk load: a big page cache, no fsync (the bench database is thrown away)
            for pragma in ("PRAGMA synchronous=OFF", "PRAGMA cache_size=-1000000", "PRAGMA temp_store=MEMORY"):
                w.execute(pragma)
            w.execute("BEGIN")

        def step(name, fn):
            started = time.perf_counter()
            made[name] = fn()
            steps[name] = time.perf_counter() - started
            log(f"  {name}: {made[name]:,} rows in {steps[name]:.1f} s")

        step("namnd", lambda: w.insert("namnd", ["id", "name", "short_name", "dnr_prefix", "organisation",
                                                 "forvaltning", "email", "ics_token", "created_at"],
                                       ((i, f"Nämnd {i}", f"N{i}", f"N{i}", "Storstad", f"Förvaltning {i}",
                                         f"namnd{i}@example.se", f"n{i:060d}", NOW)
                                        for i in range(1, n["namnd"] + 1))))
        roles = ["handlaggare"] * 8 + ["registrator", "granskare"]
        users = n["user_account"]
        admins = {1, *range(users - ADMINS + 2, users + 1)}
        step("user_account", lambda: w.insert(
            "user_account", ["id", "email", "name", "password_hash", "role", "ics_token", "created_at"],
            [(i, f"user{i}@example.se", f"Användare {i}", password_hash,
              rnd.choice(roles) if i != 1 else "admin", f"u{i:060d}", NOW) for i in range(1, users + 1)]))
        w.execute("UPDATE user_account SET role = 'admin' WHERE id IN (%s)" % ", ".join(map(str, sorted(admins))))
        memberships = sorted({(i, 1 + (i * 7 + k) % n["namnd"]) for i in range(2, users + 1) for k in range(2)})
        step("namnd_membership", lambda: w.insert("namnd_membership", ["user_id", "namnd_id"], memberships))
        step("organisation", lambda: w.insert("organisation", ["id", "name", "email", "created_at"],
                                              ((i, f"Remissinstans {i}", f"instans{i}@example.se", NOW)
                                               for i in range(1, n["organisation"] + 1))))
        members_of: dict[int, list[int]] = {}
        for u, m in memberships:
            members_of.setdefault(m, []).append(u)
        # The search index is filled by one set-based statement, not by the per-row triggers (60 % of the
        # load on SQLite, 85 % on PostgreSQL). SQLite: FTS5 filled after the rows. PostgreSQL: the rows are
        # copied into a temporary table and moved into remiss with their search_document computed by the
        # trigger's own expression (no second write of every row).
        if w.sqlite:
            w.execute("DROP TRIGGER remiss_fts_ai")
            step("remiss", lambda: w.insert("remiss", REMISS_COLUMNS, _with_keys(_remisser(n, members_of, seed))))
        else:
            from remiss.search.schema import PG_DOCUMENT

            w.execute("CREATE TEMPORARY TABLE remiss_load (LIKE remiss INCLUDING DEFAULTS) ON COMMIT DROP")
            step("remiss (copy)", lambda: w.insert("remiss", REMISS_COLUMNS, _with_keys(_remisser(n, members_of, seed)),
                                                   into="remiss_load"))
            columns = ", ".join(f'"{c.name}"' for c in SQLModel.metadata.tables["remiss"].columns)
            w.execute("ALTER TABLE remiss DISABLE TRIGGER remiss_search_remiss")
            step("remiss", lambda: w.execute(f"INSERT INTO remiss ({columns}, search_document) SELECT {columns}, "
                                             f"{PG_DOCUMENT.format(r='s')} FROM remiss_load s"))
            w.execute("ALTER TABLE remiss ENABLE TRIGGER remiss_search_remiss")
        if w.sqlite:
            from remiss.search.schema import SQLITE_CREATE, SQLITE_REBUILD

            step("remiss_fts", lambda: [w.execute(sql) for sql in SQLITE_REBUILD][-1])
            for sql in SQLITE_CREATE:  # IF NOT EXISTS: puts the insert trigger back
                w.execute(sql)
        # The sändlista's names stay out of the generated documents (every one is "Remissinstans N": one word in
        # all of them would change what the search benchmarks measure), so its index triggers are off while loading.
        _sandlista_index_triggers(w, on=False)
        step("sandlista_entry (outgoing)", lambda: w.insert(
            "sandlista_entry", ["remiss_id", "position", "organisation_id", "name", "email", "group_name",
                                "answer_status", "answered_on", "no_comments"], _outgoing_entries(n, seed)))
        sql, params = _incoming_entries_sql(w, n["organisation"])
        checks_off = not w.sqlite and _foreign_key_checks(w, on=False)
        step("sandlista_entry (incoming)", lambda: w.execute(sql, params))
        if checks_off:
            _foreign_key_checks(w, on=True)
        _sandlista_index_triggers(w, on=True)
        if not w.sqlite:  # explicit ids: move the sequences past them
            for table in ("namnd", "user_account", "organisation", "remiss"):
                w.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT max(id) FROM \"{table}\"))")
        conn.commit()
    finally:
        raw.close()
    return {"namnd": made["namnd"], "user_account": made["user_account"], "remiss": made["remiss"],
            "sandlista_entry": made["sandlista_entry (outgoing)"] + made["sandlista_entry (incoming)"],
            "recent": n["recent"], "steps": steps}
