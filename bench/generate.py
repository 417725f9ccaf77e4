"""Fill a migrated database with a deterministic data set through the raw driver.

SQLite: executemany. PostgreSQL: COPY; the search trigger fills each remiss's search document as
the row is copied in.

Full scale: 300 nämnder, 5,000 users, 100,000 remisser, 1,000,000 sändlista entries;
--scale shrinks every count alike. The same seed always gives the same rows.
"""
from __future__ import annotations

import enum
import random
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Boolean, Integer
from sqlmodel import SQLModel

import remiss.models  # noqa: F401

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
FULL = {"namnd": 300, "user_account": 5000, "organisation": 2000, "remiss": 100_000, "sandlista_entry": 1_000_000}
SUBJECTS = ["Förslag till ny IoF-plan", "Handlingsplan för kulturstrategi", "Riktlinjer för missbruksvården",
            "Kommungemensamt kontaktcenter", "Översiktsplan", "Trafikstrategi", "Cykelprogram", "Avfallsplan",
            "Miljöprogram", "Äldreomsorgsplan", "Skolutveckling", "Budget och verksamhetsplan",
            "Tillsyn av serveringstillstånd", "Vattenförsörjningsplan", "Friluftsprogram", "Bostadsförsörjning"]
REMITTENTER = ["Kommunstyrelsen", "Stadskontoret", "Kulturnämnden", "Finansdepartementet", "Länsstyrelsen Skåne",
               "Socialdepartementet", "Trafikverket", "Region Skåne"]
STATUSES = ["registrerad", "tilldelad", "under_beredning", "klar_for_beslut", "beslutad", "besvarad", "avstar"]
BENCH_PASSWORD = "bench-losenord-2026"


def counts(scale: float) -> dict[str, int]:
    return {k: max(3, int(v * scale)) for k, v in FULL.items()}


class Writer:
    """executemany on the raw DBAPI connection, filling NOT NULL columns the rows leave out."""

    def __init__(self, engine):
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.mark = "?" if self.sqlite else "%s"

    def value(self, v):
        if isinstance(v, enum.Enum):
            v = v.value
        if self.sqlite and isinstance(v, datetime):
            return v.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ")
        if self.sqlite and isinstance(v, date):
            return v.isoformat()
        if not self.sqlite and isinstance(v, datetime):
            return v.astimezone(timezone.utc).replace(tzinfo=None)
        return v

    def insert(self, conn, table_name: str, rows: list[dict], chunk: int = 20_000) -> None:
        table = SQLModel.metadata.tables[table_name]
        cols = [c for c in table.columns if c.name in rows[0] or (not c.nullable and not c.primary_key)]
        fill = {}
        for c in cols:
            if c.name in rows[0]:
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
        names = [c.name for c in cols]
        sql = (f'INSERT INTO "{table_name}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
               f'VALUES ({", ".join([self.mark] * len(names))})')
        cur = conn.cursor()
        if not self.sqlite:
            quoted = ", ".join(f'"{n}"' for n in names)
            with cur.copy(f'COPY "{table_name}" ({quoted}) FROM STDIN') as copy:
                for r in rows:
                    copy.write_row(tuple(self.value(r[n] if n in r else fill[n]) for n in names))
            cur.close()
            return
        for start in range(0, len(rows), chunk):
            batch = [tuple(self.value(r[n] if n in r else fill[n]) for n in names) for r in rows[start:start + chunk]]
            cur.executemany(sql, batch)
        cur.close()


def generate(engine, scale: float = 1.0, seed: int = 2026) -> dict[str, int]:
    """Insert the data set; return the row counts."""
    from remiss.auth.passwords import hash_password

    n = counts(scale)
    rnd = random.Random(seed)
    w = Writer(engine)
    password_hash = hash_password(BENCH_PASSWORD)  # one hash for everyone: hashing 5,000 would take minutes
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection if hasattr(raw, "driver_connection") else raw.connection
        w.insert(conn, "namnd", [dict(id=i, name=f"Nämnd {i}", short_name=f"N{i}", dnr_prefix=f"N{i}",
                                     organisation="Storstad", forvaltning=f"Förvaltning {i}",
                                     email=f"namnd{i}@example.se", ics_token=f"n{i:060d}", created_at=NOW)
                                for i in range(1, n["namnd"] + 1)])
        roles = ["handlaggare"] * 8 + ["registrator", "granskare"]
        users = [dict(id=i, email=f"user{i}@example.se", name=f"Användare {i}", password_hash=password_hash,
                      role="admin" if i == 1 else rnd.choice(roles), ics_token=f"u{i:060d}", created_at=NOW)
                 for i in range(1, n["user_account"] + 1)]
        w.insert(conn, "user_account", users)
        memberships = {(i, 1 + (i * 7 + k) % n["namnd"]) for i in range(2, n["user_account"] + 1) for k in range(2)}
        w.insert(conn, "namnd_membership", [dict(user_id=u, namnd_id=m) for u, m in sorted(memberships)])
        w.insert(conn, "organisation", [dict(id=i, name=f"Remissinstans {i}", email=f"instans{i}@example.se",
                                             created_at=NOW) for i in range(1, n["organisation"] + 1)])
        members_of: dict[int, list[int]] = {}
        for u, m in sorted(memberships):
            members_of.setdefault(m, []).append(u)
        remisser = []
        for i in range(1, n["remiss"] + 1):
            namnd_id = 1 + i % n["namnd"]
            deadline = date(2016, 1, 1) + timedelta(days=i * 3653 // n["remiss"] + rnd.randint(0, 40))
            year = deadline.year
            remisser.append(dict(
                id=i, title=f"{rnd.choice(SUBJECTS)} {i}", remittent=rnd.choice(REMITTENTER),
                sender_dnr=f"{rnd.choice(['KS', 'STK', 'KN'])}-{year}-{i:05d}", our_dnr=f"N{namnd_id} {year}/{i:05d}",
                namnd_id=namnd_id, handlaggare_id=rnd.choice(members_of.get(namnd_id, [None])),
                status=rnd.choice(STATUSES), received_on=deadline - timedelta(days=60), deadline_on=deadline,
                effective_deadline_on=deadline, notes="", created_at=NOW, updated_at=NOW))
        w.insert(conn, "remiss", remisser)  # on PostgreSQL the BEFORE trigger fills remiss.search_document
        per = n["sandlista_entry"] // n["remiss"]
        entries = [dict(remiss_id=r, position=p, organisation_id=1 + (r * 13 + p) % n["organisation"],
                        name=f"Remissinstans {1 + (r * 13 + p) % n['organisation']}")
                   for r in range(1, n["remiss"] + 1) for p in range(1, per + 1)]
        w.insert(conn, "sandlista_entry", entries)
        if not w.sqlite:  # explicit ids: move the sequences past them
            cur = conn.cursor()
            for table in ("namnd", "user_account", "organisation", "remiss"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT max(id) FROM \"{table}\"))")
            cur.close()
        conn.commit()
    finally:
        raw.close()
    return {"namnd": n["namnd"], "user_account": n["user_account"], "remiss": n["remiss"],
            "sandlista_entry": len(entries)}
