"""Links built from patterns (remiss.urls) are exactly what url_for builds."""
from __future__ import annotations

import pytest
from flask import url_for

from remiss.urls import Urls, app_url

CASES = [
    ("remisser.edit", {"remiss_id": 5}),
    ("remisser.download", {"attachment_id": 3}),
    ("drafting.document", {"remiss_id": 5, "kind": "yttrande"}),
    ("drafting.document", {"remiss_id": 5, "kind": "a b/c"}),  # quoted: through url_for
    ("drafting.stored_document", {"remiss_id": 5, "document_id": 77}),
    ("drafting.remove_consultation", {"remiss_id": 12, "consultation_id": 9}),
    ("planning.decide_extension", {"remiss_id": 0, "extension_id": 1}),
    ("remisser.show", {"remiss_id": 5, "status": "x y&z"}),  # a query argument
    ("remisser.show", {"remiss_id": True}),  # not an int: through url_for
]


@pytest.mark.parametrize("script_name", ["", "/remiss"])
def test_urls_match_url_for(app, script_name):
    with app.test_request_context("/", environ_base={"SCRIPT_NAME": script_name}):
        url = Urls()
        for _ in range(2):  # the second round uses the stored patterns
            for endpoint, values in CASES:
                assert url(endpoint, **values) == url_for(endpoint, **values)


def test_prefix_and_app_url(app):
    with app.test_request_context("/"):
        assert Urls().prefix("remisser.show", "remiss_id") + "7" == url_for("remisser.show", remiss_id=7)
        assert Urls().prefix("remisser.edit", "remiss_id") == ""  # the id does not end the URL
        for endpoint, values in [("static", {"filename": "style.css"}), ("remisser.diarium", {"status": "open"}),
                                 ("remisser.start", {}), ("static", {"filename": "a b.css"})]:
            assert app_url(endpoint, **values) == url_for(endpoint, **values)
