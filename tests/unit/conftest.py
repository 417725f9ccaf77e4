"""The missiv parser's linear-time test starts its fresh timing process as soon as the session's tests are known
(tests/unit/test_missiv_linear.py, start_fresh_times): it then runs beside the earlier tests, on CPU they leave idle,
instead of holding the pass up for two minutes when its tests come."""
from __future__ import annotations

import sys


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    if any("fresh_times" in getattr(item, "fixturenames", ()) for item in session.items):
        from tests.unit.test_missiv_linear import FRESH_PROCESS, start_fresh_times

        session.config.stash[FRESH_PROCESS] = start_fresh_times()


def pytest_sessionfinish(session):
    """Stop the timing process when its tests never came (-x, an interrupted run)."""
    module = sys.modules.get("tests.unit.test_missiv_linear")
    process = module and session.config.stash.get(module.FRESH_PROCESS, None)
    if process is not None:
        process.kill()
        process.wait()
