"""Where a sweep's writes run: a thread beside the mail building on PostgreSQL, in order on SQLite."""
from __future__ import annotations

import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

from remiss.db import Database

_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


@contextmanager
def quick_gil_handover(interval: float = 0.0005):
    """While the writer thread waits on the database beside the CPU-bound main thread, let it have the
    GIL back soon after each answer: with CPython's default 5 ms switch interval every statement of
    the writer waited up to 5 ms for the main thread to yield (measured: marking 20 batches took
    1.3 s instead of 0.8 s). Process-wide, so counted: concurrent sweeps restore it once, at the end."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_saved, interval))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


class _Inline:
    """An executor that runs each job at once, in the calling thread (the writer on SQLite, see sweep)."""

    def submit(self, fn, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed over as a thread's would be, raised by result()
            future.set_exception(exc)
        return future


@contextmanager
def writer(db: Database):
    """PostgreSQL: a writer thread (its statements wait on the server, where the GIL is free). SQLite:
    the calling thread, in the same order — SQLite works inside this process and hands the GIL back
    and forth for every row it returns, so a second thread slowed both (a claim 5 → 100 ms)."""
    if db.dialect != "postgresql":
        yield _Inline()
        return
    with quick_gil_handover(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="remiss-writer") as pool:
        yield pool


