"""Two passes over every remiss's missed sammanträden at once (two sweeps, a `remiss reminders run` beside the
schedulers, a sweep and the day's first request) take turns on PostgreSQL. Each updates many milestone rows in its own
order; at once they deadlocked, and one `remiss reminders run` exited 1 (CI, session 29, tests/postgres/test_deploy.py).
Two real connections: the second pass waits until the first one's transaction ends."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

from remiss.planning.service.missed import flag_missed_meetings

NOW = datetime(2026, 12, 7, 6, tzinfo=timezone.utc)


def test_the_second_pass_waits_for_the_first_to_end(db):
    first_holds, release, second_done = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first():
        try:
            with db.transaction() as s:
                flag_missed_meetings(s, now=NOW)
                first_holds.set()
                release.wait(10)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            first_holds.set()

    def second():
        try:
            with db.transaction() as s:
                flag_missed_meetings(s, now=NOW)
            second_done.set()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    one = threading.Thread(target=first)
    one.start()
    assert first_holds.wait(10)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(1.5)
    waited = not second_done.is_set()  # old code: done at once, each pass on its own
    release.set()
    one.join(10)
    two.join(10)
    assert not errors, errors
    assert waited, "the second pass did not wait for the first"
    assert second_done.is_set(), "the second pass never ended after the first"
