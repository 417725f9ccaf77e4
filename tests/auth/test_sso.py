"""Sign-in with the kommun's account (issue 22) against a real OpenID Provider on localhost."""
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc.jwk import RSAKey
from sqlmodel import select

from remiss.auth import directory
from remiss.auth.models import NamndMembership, Role, SignIn, User
from remiss.auth.views import sso
from tests.conftest import Auth
from tests.support.factories import make_namnd, make_user
from tests.support.oidc import running_provider


@pytest.fixture
def provider(monkeypatch):
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider runs on http://localhost
    with running_provider() as p:
        yield p


@pytest.fixture
def sso_app(app, provider):
    app.config.update(OIDC_ISSUER=provider.url, OIDC_CLIENT_ID="remiss", OIDC_CLIENT_SECRET="hemligt")
    sso.init_app(app)
    return app


@pytest.fixture
def world(session, clock):
    kultur = make_namnd(session, name="Kulturnämnden")
    miljo = make_namnd(session, name="Miljönämnden")
    make_user(session, role=Role.admin, email="admin@x.se")
    directory.save_group(session, now=clock(), actor_id=None, group=None, name="kultur-handlaggare",
                         label="", role=Role.handlaggare, namnd_ids=[kultur.id])
    directory.save_group(session, now=clock(), actor_id=None, group=None, name="miljo-registrator",
                         label="", role=Role.registrator, namnd_ids=[miljo.id])
    session.commit()
    return kultur, miljo


def sso_login(client, provider, sub: str):
    r = client.get("/logga-in/kommunens-konto")
    assert r.status_code == 302 and r.headers["Location"].startswith(provider.url), r.get_data(as_text=True)
    return client.get(provider.sign_in(r.headers["Location"], sub))


def _user(db, sub: str) -> User | None:
    with db.session() as s:
        return s.exec(select(User).where(User.sso_subject == sub)).first()


def _namnder(db, user_id: int) -> set[int]:
    with db.session() as s:
        return set(s.exec(select(NamndMembership.namnd_id).where(NamndMembership.user_id == user_id)))


def test_the_login_page_offers_the_kommuns_account(sso_app, client):
    assert "Logga in med kommunens konto" in client.get("/logga-in").get_data(as_text=True)


def test_first_sign_in_creates_the_user_with_the_role_and_namnder_of_their_groups(sso_app, client, provider,
                                                                                   world, db):
    kultur, _ = world
    provider.set_user("u-1", email="Karin@Kommun.se", name="Karin Ek", groups=["kultur-handlaggare", "alla"])
    r = client.get("/logga-in/kommunens-konto")
    query = parse_qs(urlsplit(r.headers["Location"]).query)
    # authorization code with PKCE (S256), state and nonce
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["state"][0] and query["nonce"][0]
    r = client.get(provider.sign_in(r.headers["Location"], "u-1"))
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    user = _user(db, "u-1")
    assert (user.email, user.name, user.role, user.is_active) == ("karin@kommun.se", "Karin Ek", "handlaggare", True)
    assert _namnder(db, user.id) == {kultur.id}
    with db.session() as s:
        [event] = s.exec(select(SignIn).where(SignIn.method == "sso")).all()
        assert event.ok and event.user_id == user.id


def test_each_sign_in_updates_the_user_and_no_access_closes_the_account(sso_app, app, client, provider, world, db):
    kultur, miljo = world
    provider.set_user("u-2", email="per@kommun.se", name="Per", groups=["kultur-handlaggare"])
    sso_login(client, provider, "u-2")
    other_browser = app.test_client()
    sso_login(other_browser, provider, "u-2")
    Auth(client).logout()

    # The directory moves Per: the next sign-in gives the new role and nämnder.
    provider.set_user("u-2", email="per@kommun.se", name="Per Nord", groups=["miljo-registrator"])
    sso_login(client, provider, "u-2")
    user = _user(db, "u-2")
    assert (user.role, user.name, _namnder(db, user.id)) == ("registrator", "Per Nord", {miljo.id})
    Auth(client).logout()

    # He leaves: no mapped group any more. He is refused with an explanation, and closed.
    provider.set_user("u-2", email="per@kommun.se", name="Per Nord", groups=["alla"])
    r = sso_login(client, provider, "u-2")
    page = r.get_data(as_text=True)
    assert r.status_code == 403 and "ingen behörighet i Remiss" in page
    assert _user(db, "u-2").is_active is False
    assert other_browser.get("/").status_code == 302  # the session he still had has ended
    with db.session() as s:
        refused = s.exec(select(SignIn).where(SignIn.ok.is_(False))).all()
        assert [e.method for e in refused] == ["sso"] and "ingen behörighet" in refused[0].reason

    # Back in a group: the directory opens the account again.
    provider.set_user("u-2", email="per@kommun.se", name="Per Nord", groups=["kultur-handlaggare"])
    assert sso_login(client, provider, "u-2").status_code == 302
    assert _user(db, "u-2").is_active is True


def test_a_directory_session_lasts_a_working_day_then_the_provider_is_asked_again(sso_app, client, provider,
                                                                                  world, clock):
    provider.set_user("u-9", email="ida@kommun.se", name="Ida", groups=["kultur-handlaggare"])
    sso_login(client, provider, "u-9")
    clock.advance(hours=9, minutes=59)
    assert client.get("/").status_code == 200
    clock.advance(minutes=2)
    r = client.get("/")
    assert r.status_code == 302 and r.headers["Location"].startswith("/logga-in")


def test_an_account_an_admin_closed_stays_closed(sso_app, app, client, provider, world, db):
    provider.set_user("u-3", email="eva@kommun.se", name="Eva", groups=["kultur-handlaggare"])
    sso_login(client, provider, "u-3")
    Auth(client).logout()
    user = _user(db, "u-3")
    admin = Auth(app.test_client())
    admin.login("admin@x.se")
    form = {"name": user.name, "email": user.email, "title": "", "role": "handlaggare",
            "namnder": [str(i) for i in _namnder(db, user.id)]}
    assert admin.post(f"/admin/anvandare/{user.id}", form).status_code == 302  # "Aktiv" unticked
    r = sso_login(client, provider, "u-3")
    assert r.status_code == 403 and "avstängt i Remiss av en administratör" in r.get_data(as_text=True)


def test_a_local_account_is_taken_over_only_with_a_verified_address(sso_app, app, client, provider, world, db):
    """The admin's local account is not handed to whoever the provider lets type the admin's address."""
    provider.set_user("u-10", email="admin@x.se", email_verified=False, name="Mallory", groups=["kultur-handlaggare"])
    r = sso_login(client, provider, "u-10")
    assert r.status_code == 403 and "används redan av ett annat konto" in r.get_data(as_text=True)
    assert _user(db, "u-10") is None
    with db.session() as s:
        anna = make_user(s, role=Role.handlaggare, email="anna@kommun.se")
        s.commit()
    provider.set_user("u-11", email="anna@kommun.se", name="Anna", groups=["kultur-handlaggare"])
    assert sso_login(app.test_client(), provider, "u-11").status_code == 302
    assert _user(db, "u-11").id == anna.id
    r = Auth(app.test_client()).login("anna@kommun.se")  # her password went with the takeover
    assert r.status_code == 400


def test_manual_role_changes_for_directory_users_are_refused(sso_app, app, client, provider, world, db):
    provider.set_user("u-4", email="ali@kommun.se", name="Ali", groups=["kultur-handlaggare"])
    sso_login(client, provider, "u-4")
    user = _user(db, "u-4")
    admin = Auth(app.test_client())
    admin.login("admin@x.se")
    form = {"name": user.name, "email": user.email, "title": "", "role": "admin", "is_active": "y",
            "namnder": [str(i) for i in _namnder(db, user.id)]}
    r = admin.post(f"/admin/anvandare/{user.id}", form)
    assert r.status_code == 400 and "styrs av grupperna i kommunens katalog" in r.get_data(as_text=True)
    assert _user(db, "u-4").role == "handlaggare"


def test_logout_ends_the_session_and_the_providers(sso_app, app, client, provider, world):
    provider.set_user("u-5", email="lo@kommun.se", name="Lo", groups=["kultur-handlaggare"])
    sso_login(client, provider, "u-5")
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    r = Auth(client).logout()
    target = urlsplit(r.headers["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.url}/oauth2/end_session"
    assert query["id_token_hint"][0].count(".") == 2 and query["post_logout_redirect_uri"] == ["http://localhost/logga-in"]
    assert client.get("/").status_code == 302 and copy.get("/").status_code == 302


def _expired(p, token):
    return p.resign(token, exp=int(time.time()) - 3600, iat=int(time.time()) - 7200)


BAD_TOKENS = {
    "aud": (lambda p, t: p.resign(t, aud="ett-annat-system"), "utfärdat för ett annat system"),
    "iss": (lambda p, t: p.resign(t, iss="https://falsk.example"), "fel utfärdare"),
    "exp": (_expired, "har gått ut"),
    "nonce": (lambda p, t: p.resign(t, nonce="en-annan-nonce"), "nonce stämmer inte"),
    "alg-none": (lambda p, t: p.unsigned(t), "kunde inte kontrolleras"),
    "signature": (lambda p, t: p.resign(t, key=RSAKey.generate_key(2048)), "ogiltig signatur"),
}


@pytest.mark.parametrize("case", BAD_TOKENS)
def test_bad_id_tokens_are_refused_with_a_swedish_message_and_logged(sso_app, client, provider, world, db, case):
    change, message = BAD_TOKENS[case]
    provider.set_user("u-6", email="mallory@kommun.se", name="M", groups=["kultur-handlaggare"])
    provider.tamper = lambda token: change(provider, token)
    r = sso_login(client, provider, "u-6")
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and message in page, page
    assert provider.token_requests  # the answer really came from the provider's token endpoint
    assert _user(db, "u-6") is None and client.get("/").status_code == 302
    with db.session() as s:
        [event] = s.exec(select(SignIn)).all()
        assert not event.ok and event.method == "sso" and message in event.reason


def test_the_state_is_checked(sso_app, app, client, provider, world, db):
    provider.set_user("u-7", email="sam@kommun.se", name="Sam", groups=["kultur-handlaggare"])
    r = client.get("/logga-in/kommunens-konto")
    back = provider.sign_in(r.headers["Location"], "u-7")
    # The answer taken to another browser (login CSRF) or with its state changed is refused.
    r = app.test_client().get(back)
    assert r.status_code == 400 and "state stämmer inte" in r.get_data(as_text=True)
    state = parse_qs(urlsplit(back).query)["state"][0]
    changed = ("y" if state[0] == "x" else "x") + state[1:]  # a state starting with "x" made this the same state
    r = client.get(back.replace(state, changed))
    assert r.status_code == 400 and "state stämmer inte" in r.get_data(as_text=True)
    assert _user(db, "u-7") is None


def test_admins_map_groups_on_their_page_and_see_sign_ins(sso_app, app, client, provider, world, db):
    kultur, miljo = world
    admin = Auth(client)
    admin.login("admin@x.se")
    page = client.get("/admin/katalogens-grupper").get_data(as_text=True)
    assert "kultur-handlaggare" in page and "Kulturnämnden" in page
    r = admin.post("/admin/katalogens-grupper/ny", {"name": "", "label": "x", "role": "lasare"})
    assert r.status_code == 400 and "Ange gruppens namn" in r.get_data(as_text=True)
    r = admin.post("/admin/katalogens-grupper/ny", {"name": "kultur-handlaggare", "label": "", "role": "lasare"})
    assert r.status_code == 400 and "redan kopplad" in r.get_data(as_text=True)
    r = admin.post("/admin/katalogens-grupper/ny", {"name": "chefer", "label": "Förvaltningschefer",
                                                    "role": "granskare", "namnder": [str(kultur.id), str(miljo.id)]})
    assert r.status_code == 302
    provider.set_user("u-8", email="chef@kommun.se", name="Chef", groups=["chefer", "kultur-handlaggare"])
    other = app.test_client()
    sso_login(other, provider, "u-8")
    user = _user(db, "u-8")
    assert user.role == "granskare" and _namnder(db, user.id) == {kultur.id, miljo.id}  # the most-allowing role
    page = client.get("/admin/inloggningar").get_data(as_text=True)
    assert "Kommunens konto" in page and "chef@kommun.se" in page
