"""Behind nginx, REMISS_PROXY_FIX makes the app trust X-Forwarded-* from one proxy."""
from __future__ import annotations

import pytest
from flask import request, url_for

from remiss import create_app

HEADERS = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "remiss.kommun.se"}


@pytest.mark.parametrize("hops, seen", [
    (1, "203.0.113.7 https://remiss.kommun.se/logga-in"),
    (0, "127.0.0.1 http://localhost/logga-in"),
])
def test_forwarded_headers_are_trusted_only_when_configured(database_url, tmp_path, hops, seen):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path),
                      "SECRET_KEY": "x", "PROXY_FIX": hops})
    app.add_url_rule("/_proxy", "proxy_probe",
                     lambda: f"{request.remote_addr} {url_for('auth.login', _external=True)}")
    body = app.test_client().get("/_proxy", headers=HEADERS).get_data(as_text=True)
    app.extensions["remiss_db"].dispose()
    assert body == seen
