"""Security headers (issue 19, item 9) and the password form's policy (REMISS_LOCAL_LOGIN, issue 22)."""
import re
from pathlib import Path

import pytest

from remiss import ROOT, create_app
from remiss.auth.models import Role
from tests.conftest import Auth
from tests.support.factories import make_user


@pytest.mark.parametrize("url", ["/logga-in", "/", "/finns-inte", "/api/v1/remisser", "/static/app.js"])
def test_every_response_carries_the_security_headers(client, url):
    r = client.get(url)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "same-origin"
    assert r.headers["X-Frame-Options"] == "DENY"


# Inline script, event handlers, javascript: links and style attributes would be blocked by the policy above.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:|\sstyle\s*=|<style", re.I)


def test_pages_have_no_inline_script_or_style():
    """The e-mail templates are mail, not pages, and may style inline."""
    offending = [f"{path.relative_to(ROOT)}: {m.group(0)}" for path in (ROOT / "templates").rglob("*.html")
                 if "email" not in path.parts for m in INLINE.finditer(path.read_text())]
    assert offending == []


def test_deploy_nginx_sets_the_same_headers():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert header in conf
    assert "frame-ancestors 'none'" in conf


def test_local_login_none_hides_and_refuses_the_password_form(app, session, database_url, tmp_path):
    make_user(session, role=Role.admin, email="admin@x.se")
    session.commit()
    none = create_app({"TESTING": True, "DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path / "i"),
                       "SECRET_KEY": "s", "LOCAL_LOGIN": "none", "OIDC_ISSUER": "https://idp.example",
                       "OIDC_CLIENT_ID": "remiss"})
    try:
        c = none.test_client()
        page = c.get("/logga-in").get_data(as_text=True)
        assert 'name="password"' not in page and "Logga in med kommunens konto" in page
        assert c.post("/logga-in", data={"email": "admin@x.se", "password": "x"}).status_code in (400, 403)
    finally:
        none.extensions["remiss_db"].dispose()


def test_local_login_admins_lets_only_admins_use_a_password(app, session):
    make_user(session, role=Role.admin, email="admin@x.se")
    make_user(session, role=Role.handlaggare, email="anna@x.se")
    session.commit()
    app.config["LOCAL_LOGIN"] = "admins"
    r = Auth(app.test_client()).login("anna@x.se")
    assert r.status_code == 400 and "Bara administratörer kan logga in med lösenord" in r.get_data(as_text=True)
    assert Auth(app.test_client()).login("admin@x.se").status_code == 302


@pytest.mark.parametrize("settings,message", [
    ({"LOCAL_LOGIN": "kanske"}, "REMISS_LOCAL_LOGIN måste vara all, admins eller none"),
    ({"LOCAL_LOGIN": "none"}, "kräver inloggning med kommunens konto"),
    ({"OIDC_ISSUER": "https://idp.example"}, "REMISS_OIDC_CLIENT_ID"),
    ({"OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "r", "OIDC_SCOPES": "email"}, "måste innehålla openid"),
])
def test_sign_in_settings_that_would_lock_everyone_out_are_refused(tmp_path, settings, message):
    with pytest.raises(ValueError, match=message):
        create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
                    "INSTANCE_PATH": str(tmp_path / "i"), "SECRET_KEY": "s"} | settings)


def test_static_files_exist_for_every_script_the_pages_load():
    base = (ROOT / "templates" / "base.html").read_text()
    for src in re.findall(r"filename='([^']+\.js)'", base):
        assert (ROOT / "static" / src).is_file()
    assert Path(ROOT / "static" / "app.js").read_text()


def test_the_browsers_favicon_request_finds_the_icon_without_signing_in(client):
    """walk9 finding 13: /favicon.ico was a 404 on every page load (a console error in every browser)."""
    r = client.get("/favicon.ico")
    assert r.status_code == 301 and r.headers["Location"].endswith("/static/favicon.svg")
    assert client.get(r.headers["Location"]).status_code == 200
