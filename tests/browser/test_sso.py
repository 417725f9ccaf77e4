"""Sign-in with the kommun's account in a real browser, through a real OpenID Provider's login page on localhost:
the person lands with the role and nämnder their group maps to, signs out (the provider's session too), and is
refused with an explanation after the directory removes them from the group. The content security policy is on."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import START, check_axe, serve_axe
from tests.support.oidc import running_provider

pytestmark = pytest.mark.browser


@pytest.fixture
def sso_server(tmp_path, monkeypatch):
    """Remiss with sign-in by the provider, on its own port; yield (base URL, provider)."""
    from remiss import create_app
    from remiss.auth import directory
    from remiss.auth.models import Role
    from remiss.db import migrate
    from tests.support.factories import make_namnd

    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    with running_provider() as provider:
        url = f"sqlite:///{tmp_path / 'remiss.db'}"
        migrate(url)
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "sso",
                          "MAIL_DIR": str(tmp_path / "mail"), "FILES_DIR": str(tmp_path / "files"),
                          "OIDC_ISSUER": provider.url, "OIDC_CLIENT_ID": "remiss", "OIDC_CLIENT_SECRET": "hemligt",
                          "LOCAL_LOGIN": "admins", "CLOCK": lambda: START})
        serve_axe(app)
        with app.extensions["remiss_db"].transaction() as session:
            kultur = make_namnd(session, name="Kulturnämnden", now=START)
            directory.save_group(session, now=START, actor_id=None, group=None, name="/Kultur/Handläggare",
                                 label="", role=Role.handlaggare, namnd_ids=[kultur.id])
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", provider
        finally:
            server.shutdown()
            thread.join(5)
            app.extensions["remiss_db"].dispose()


def test_sign_in_with_the_kommuns_account(browser, sso_server):
    base, provider = sso_server
    provider.set_user("karin", email="karin@kommun.se", name="Karin Ek", groups=["/Kultur/Handläggare"])
    context = browser.new_context(base_url=base, locale="sv-SE")
    errors = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    try:
        page.goto("/logga-in")
        check_axe(page)
        page.get_by_role("link", name="Logga in med kommunens konto").click()
        page.wait_for_url(f"{provider.url}/**")
        page.get_by_placeholder("sub").fill("karin")
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(f"{base}/")
        assert page.locator(".user-name").inner_text() == "Karin Ek"
        page.get_by_role("link", name="Konto").click()
        check_axe(page)
        facts = page.locator(".facts").inner_text()
        assert "Handläggare" in facts and "Kulturnämnden" in facts and "kommunens konto" in facts

        # Logout ends Remiss's session and goes on to the provider's (the policy's form-action allows it).
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url(f"{provider.url}/oauth2/end_session**")
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{base}/logga-in**")
        page.goto("/konto")
        assert "/logga-in" in page.url

        # The directory removes Karin from the group: she is refused, in Swedish.
        provider.set_user("karin", email="karin@kommun.se", name="Karin Ek", groups=[])
        page.goto("/logga-in")
        page.get_by_role("link", name="Logga in med kommunens konto").click()
        page.wait_for_url(f"{provider.url}/**")
        page.get_by_role("button", name="karin").click()  # the provider remembers recent users
        page.wait_for_url(f"{base}/logga-in/kommunens-konto/klar**")
        assert "ingen behörighet i Remiss" in page.locator("#error-summary").inner_text()
        check_axe(page)
        assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    finally:
        context.close()
