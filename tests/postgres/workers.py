"""Code run in child processes by the PostgreSQL tests (importable under spawn)."""
from __future__ import annotations

from remiss.auth.access import Principal
from remiss.db import Database
from remiss.remisser import service
from remiss.remisser.input import RemissData
from tests.support.factories import T0


def register_many(url: str, namnd_id: int, count: int, start, tag: str, results) -> None:
    """Wait for the start signal, register count remisser (one transaction each), report the numbers."""
    db = Database(url)
    start.wait()
    numbers = []
    try:
        for n in range(count):
            with db.transaction() as s:
                remiss = service.register(s, now=T0, principal=Principal.system(),
                                          data=RemissData(title=f"{tag} {n}", namnd_id=namnd_id))
                numbers.append(remiss.our_dnr)
    finally:
        db.dispose()
        results.put(numbers)
