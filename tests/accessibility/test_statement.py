"""The tillgänglighetsredogörelse: one click from every page's footer (also before login), its organisation part
edited by the admin with errors like every other form, and the tested facts read from the crawl's JSON."""
from __future__ import annotations

import json

import pytest

from remiss.accessibility import conformance
from remiss.auth.models import Role
from tests.support.factories import make_user


def test_the_statement_is_public_and_linked_from_the_login_page(client):
    login = client.get("/logga-in").get_data(as_text=True)
    assert 'href="/tillganglighet"' in login
    page = client.get("/tillganglighet")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Myndigheten för digital förvaltning" in body and "https://www.digg.se/tdosanmalan" in body
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in body


def test_the_admin_edits_it_and_errors_are_linked_to_their_fields(session, client, auth):
    admin = make_user(session, role=Role.admin)
    reader = make_user(session, role=Role.lasare)
    session.commit()
    auth.login(reader.email)
    assert client.get("/admin/tillganglighet").status_code == 403
    auth.logout()
    auth.login(admin.email)
    assert 'href="/admin/tillganglighet"' in client.get("/admin/anvandare").get_data(as_text=True)
    bad = auth.post("/admin/tillganglighet", {"organisation_name": "", "contact_email": "inte en adress",
                                                "reviewed_on": "32 mars", "known_issues": "PDF-mallarna saknar taggar."})
    body = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'id="error-summary"' in body
    for name in ("organisation_name", "contact_email", "reviewed_on"):
        assert f'href="#f-{name}"' in body and f'id="e-{name}"' in body
    assert body.count('aria-invalid="true"') == 3
    assert "PDF-mallarna saknar taggar." in body and 'value="32 mars"' in body  # nothing typed is lost
    saved = auth.post("/admin/tillganglighet", {"organisation_name": "Malmö stad", "contact_email": "tillganglighet@malmo.example",
                                                 "reviewed_on": "2026-12-01", "known_issues": "PDF-mallarna saknar taggar."})
    assert saved.status_code == 302
    page = client.get("/tillganglighet").get_data(as_text=True)
    assert "Malmö stad står bakom webbtjänsten Remiss" in page
    assert "mailto:tillganglighet@malmo.example" in page and "PDF-mallarna saknar taggar." in page
    assert "granskades senast 1 december 2026" in page


def test_the_tested_facts_come_from_the_crawl_file(tmp_path):
    path = tmp_path / "verified.json"
    assert conformance.verified(path) is None
    path.write_text(json.dumps({"checked_on": "2026-12-03", "axe_version": "4.14.1", "widths": [320, 1280],
                                "pages": {"läsare": 9, "anonym": 2, "administratör": 31}}))
    facts = conformance.verified(path)
    assert facts.pages == [("anonym", 2), ("administratör", 31), ("läsare", 9)] and facts.total_pages == 42
    path.write_text("{not json")
    assert conformance.verified(path) is None


def test_the_shipped_facts_are_readable():
    """The file the crawl wrote and the repository ships is one the page can read."""
    if not conformance.VERIFIED.exists():
        pytest.skip("no verified.json yet: run make accessibility")
    assert conformance.verified() is not None
