"""Every test here needs a real PostgreSQL server named by REMISS_TEST_DATABASE_URL."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PG_URL

HERE = Path(__file__).resolve().parent
REASON = ("needs PostgreSQL: set REMISS_TEST_DATABASE_URL=postgresql+psycopg://… "
          "(make test and .ci/run do so when a server is available)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.postgres)
            if not PG_URL:
                item.add_marker(pytest.mark.skip(reason=REASON))
