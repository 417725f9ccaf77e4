"""Revocable sessions and tokens (issue 19, item 3): each case of the issue as a real HTTP flow."""
from datetime import timedelta

import pytest
from sqlmodel import select

from remiss.auth.models import ApiToken, Role, SignIn, User
from remiss.auth.service import create_api_token
from tests.conftest import Auth
from tests.support.factories import PASSWORD, make_namnd, make_user

NEW_PASSWORD = "ett-helt-nytt-losenord"


@pytest.fixture
def world(session):
    namnd = make_namnd(session, name="Kulturnämnden")
    anna = make_user(session, role=Role.handlaggare, namnder=[namnd], email="anna@x.se")
    admin = make_user(session, role=Role.admin, email="admin@x.se")
    session.commit()
    return namnd, anna, admin


def _second_client(app, client):
    """Another browser holding a copy of client's session cookie."""
    copy = app.test_client()
    cookie = client.get_cookie("session")
    copy.set_cookie("session", cookie.value)
    return copy


def _signed_in(c) -> bool:
    return c.get("/").status_code == 200


def test_a_copied_cookie_stops_working_after_logout(app, client, auth, world):
    auth.login("anna@x.se")
    thief = _second_client(app, client)
    assert _signed_in(thief)
    auth.logout()
    assert not _signed_in(client)
    r = thief.get("/")
    assert r.status_code == 302 and r.headers["Location"].startswith("/logga-in")


def test_password_change_ends_other_sessions_and_tokens_but_keeps_this_one(app, client, auth, session, world,
                                                                           clock):
    _, anna, _ = world
    auth.login("anna@x.se")
    laptop = app.test_client()
    Auth(laptop).login("anna@x.se")
    token = create_api_token(session, now=clock(), user=session.get(User, anna.id), name="integration")
    session.commit()
    api = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/remisser", headers=api).status_code == 200
    r = auth.post("/konto/losenord", {"current": PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert r.status_code == 302 and r.headers["Location"] == "/konto"
    assert "alla andra enheter" in client.get("/konto").get_data(as_text=True)
    assert _signed_in(client)  # this browser goes on, in a new session
    assert not _signed_in(laptop)
    assert app.test_client().get("/api/v1/remisser", headers=api).status_code == 401


def test_deactivation_ends_every_session_even_after_reactivation(app, client, auth, world, db):
    namnd, anna, admin = world
    auth.login("anna@x.se")
    admin_client = app.test_client()
    admin_auth = Auth(admin_client)
    admin_auth.login("admin@x.se")
    # the form as the page sends it, her nämnd ticked
    form = {"name": anna.name, "email": anna.email, "title": "", "role": "handlaggare", "namnder": [str(namnd.id)]}
    r = admin_auth.post(f"/admin/anvandare/{anna.id}", form)  # is_active unchecked: deactivated
    assert r.status_code == 302
    assert not _signed_in(client)
    admin_auth.post(f"/admin/anvandare/{anna.id}", form | {"is_active": "y"})
    assert not _signed_in(client)  # the old cookie stays dead
    assert Auth(app.test_client()).login("anna@x.se").status_code == 302  # a new login works


def test_log_out_everywhere_else_from_the_account_page(app, client, auth, world):
    auth.login("anna@x.se")
    phone = app.test_client()
    Auth(phone).login("anna@x.se")
    page = client.get("/konto").get_data(as_text=True)
    assert "Den här webbläsaren" in page and "Logga ut på alla andra enheter" in page
    auth.post("/konto/sessioner/avsluta", form_url="/konto")
    assert _signed_in(client) and not _signed_in(phone)


def test_a_browser_whose_session_ended_elsewhere_logs_in_again(app, client, auth, world, db):
    """Walk11 finding 1: the ended session's cookie made the login's lookup begin the request's writer, and the
    login's own second writer waited for it 30 s on SQLite, then gave a 500. Wrong and right password both."""
    import time

    from remiss.auth.models import LoginAttempt

    auth.login("anna@x.se")
    phone = app.test_client()
    phone_auth = Auth(phone)
    phone_auth.login("anna@x.se")
    auth.post("/konto/sessioner/avsluta", form_url="/konto")
    assert not _signed_in(phone)  # the phone still carries the ended session's cookie
    started = time.monotonic()
    wrong = phone_auth.login("anna@x.se", "fel-losenord-123")
    assert wrong.status_code == 400 and time.monotonic() - started < 10  # a second writer waits 30 s
    with db.session() as s:
        assert s.exec(select(LoginAttempt)).first() is not None  # the failure is counted though the answer is 400
    started = time.monotonic()
    right = phone_auth.login("anna@x.se")
    assert right.status_code == 302 and time.monotonic() - started < 10
    assert _signed_in(phone) and _signed_in(client)


def test_tokens_are_listed_with_use_revocable_and_expire(app, client, auth, world, db, clock):
    auth.login("anna@x.se")
    r = auth.post("/konto/api-nycklar", {"name": "Diariet", "expires": ""}, form_url="/konto")
    page = r.get_data(as_text=True)
    token = page.split('id="new-token" readonly value="')[1].split('"')[0]
    assert token.startswith("rmt_") and "visas bara den här gången" in page
    assert token not in client.get("/konto").get_data(as_text=True)  # shown once
    other = app.test_client()
    api = {"Authorization": f"Bearer {token}"}
    assert other.get("/api/v1/remisser", headers=api).status_code == 200
    with db.session() as s:
        row = s.exec(select(ApiToken)).one()
        assert row.last_used_at == clock()
    # Within the minute, no second write; after it, one.
    clock.advance(seconds=30)
    other.get("/api/v1/remisser", headers=api)
    with db.session() as s:
        assert s.exec(select(ApiToken)).one().last_used_at == clock() - timedelta(seconds=30)
        assert len(s.exec(select(SignIn).where(SignIn.method == "token")).all()) == 1
    clock.advance(seconds=31)
    other.get("/api/v1/remisser", headers=api)
    with db.session() as s:
        assert s.exec(select(ApiToken)).one().last_used_at == clock()
    page = client.get("/konto").get_data(as_text=True)
    assert "Diariet" in page and "Aldrig" not in page and "Tills den återkallas" in page
    auth.post(f"/konto/api-nycklar/{row.id}/aterkalla", form_url="/konto")
    assert other.get("/api/v1/remisser", headers=api).status_code == 401
    assert "Du har inga API-nycklar" in client.get("/konto").get_data(as_text=True)

    # A token with a last day stops working after it (Stockholm time).
    r = auth.post("/konto/api-nycklar", {"name": "Kort", "expires": "2026-11-30"}, form_url="/konto")
    token = r.get_data(as_text=True).split('id="new-token" readonly value="')[1].split('"')[0]
    api = {"Authorization": f"Bearer {token}"}
    assert other.get("/api/v1/remisser", headers=api).status_code == 200
    clock.set(clock().replace(year=2026, month=11, day=30, hour=23, minute=30))  # 00.30 on 1 December in Sweden
    assert other.get("/api/v1/remisser", headers=api).status_code == 401


def test_token_form_errors_are_swedish_and_keep_what_was_typed(client, auth, world):
    auth.login("anna@x.se")
    r = auth.post("/konto/api-nycklar", {"name": "Mitt system", "expires": "32 mars"}, form_url="/konto")
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and "Ange ett giltigt datum" in page and 'value="Mitt system"' in page
    r = auth.post("/konto/api-nycklar", {"name": "", "expires": "2020-01-01"}, form_url="/konto")
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and "Skriv vad nyckeln ska användas till" in page and "i dag eller senare" in page


def test_someone_elses_token_cannot_be_revoked(app, client, auth, session, world, clock):
    _, _, admin = world
    token = create_api_token(session, now=clock(), user=session.get(User, admin.id), name="admins")
    token_id = session.exec(select(ApiToken.id)).one()
    session.commit()
    auth.login("anna@x.se")
    assert auth.post(f"/konto/api-nycklar/{token_id}/aterkalla", form_url="/konto").status_code == 404
    assert client.get("/api/v1/remisser", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_calendar_addresses_rotate(app, client, auth, world, db):
    _, anna, _ = world
    old = anna.ics_token
    assert client.get(f"/ics/anvandare/{old}.ics").status_code == 200
    auth.login("anna@x.se")
    r = auth.post("/konto/kalender/ny-adress", form_url="/konto")
    assert r.status_code == 302
    with db.session() as s:
        new = s.get(User, anna.id).ics_token
    assert new != old
    assert client.get(f"/ics/anvandare/{old}.ics").status_code == 404
    assert client.get(f"/ics/anvandare/{new}.ics").status_code == 200
    assert f"/ics/anvandare/{new}/namnd/" in client.get("/kalender/prenumerera").get_data(as_text=True)


def test_a_namnd_feed_stops_for_a_member_who_is_removed(app, client, world, db):
    namnd, anna, _ = world
    url = f"/ics/anvandare/{anna.ics_token}/namnd/{namnd.id}.ics"
    assert client.get(url).status_code == 200
    admin = Auth(app.test_client())
    admin.login("admin@x.se")
    moved_to = make_namnd_via(db, "Fritidsnämnden")
    form = {"name": anna.name, "email": anna.email, "title": "", "role": "handlaggare", "is_active": "y",
            "namnder": [str(moved_to)]}
    assert admin.post(f"/admin/anvandare/{anna.id}", form).status_code == 302  # moved to another nämnd
    assert client.get(url).status_code == 404
    assert client.get(f"/ics/anvandare/{anna.ics_token}/namnd/{moved_to}.ics").status_code == 200
    other = make_namnd_via(db)
    assert client.get(f"/ics/anvandare/{anna.ics_token}/namnd/{other}.ics").status_code == 404


def make_namnd_via(db, name: str = "Miljönämnden") -> int:
    with db.session() as s:
        n = make_namnd(s, name=name)
        s.commit()
        return n.id


def test_every_sign_in_is_logged_and_shown_to_admins(app, client, auth, world):
    auth.login("anna@x.se", "fel-losenord")
    auth.login("anna@x.se")
    auth.logout()
    auth.login("admin@x.se")
    page = client.get("/admin/inloggningar").get_data(as_text=True)
    assert "Nekad: Fel e-postadress eller lösenord." in page
    assert page.count("Inloggad") >= 2 and "Lösenord" in page
    Auth(app.test_client()).login("anna@x.se")
    assert Auth(app.test_client()).client.get("/admin/inloggningar").status_code == 302
    anna = Auth(app.test_client())
    anna.login("anna@x.se")
    assert anna.client.get("/admin/inloggningar").status_code == 403


def test_a_token_on_a_writing_request_does_not_wait_for_its_own_lock(app, client, session, world, db, clock):
    """On SQLite the request's writer holds the write lock: the token's last use is written through it, not
    through a second writer that would wait 30 s for the first."""
    import time

    _, anna, _ = world
    token = create_api_token(session, now=clock(), user=session.get(User, anna.id), name="skrivare")
    session.commit()
    started = time.monotonic()
    r = client.post("/api/v1/remisser", json={"title": ""}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code in (400, 403, 422) and time.monotonic() - started < 20  # a second writer waits 30 s


def test_an_api_token_cannot_mint_tokens_that_outlive_it(app, session, world, clock):
    _, anna, _ = world
    token = create_api_token(session, now=clock(), user=session.get(User, anna.id), name="t")
    session.commit()
    c = app.test_client()
    api = {"Authorization": f"Bearer {token}"}
    assert c.get("/konto", headers=api).status_code == 403
    assert c.post("/konto/api-nycklar", data={"name": "x"}, headers=api).status_code in (400, 403)


def test_the_cli_creates_a_token_with_a_last_day(runner, world, db):
    result = runner.invoke(args=["create-token", "anna@x.se", "--name", "Diariet", "--expires", "31 mars 2027"])
    assert result.exit_code == 0 and result.output.startswith("rmt_")
    with db.session() as s:
        row = s.exec(select(ApiToken)).one()
        assert (row.name, row.expires_at.isoformat()) == ("Diariet", "2027-03-31T21:59:00+00:00")
    result = runner.invoke(args=["create-token", "anna@x.se", "--expires", "i morgon"])
    assert result.exit_code == 1 and "Ange ett giltigt datum" in result.output


def test_sessions_of_closed_browsers_are_pruned_at_the_next_sign_in(app, client, auth, world, db, clock):
    from remiss.auth.models import UserSession

    auth.login("anna@x.se")
    clock.advance(days=91)
    Auth(app.test_client()).login("anna@x.se")
    with db.session() as s:
        assert len(s.exec(select(UserSession)).all()) == 1
    assert not _signed_in(client)


def test_the_account_page_names_each_session_s_browser_and_device(app, client, auth, world):
    """Two sessions of one user are told apart by the browser and system they were opened from."""
    from remiss.auth.device import describe

    iphone = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
              "Version/17.0 Mobile/15E148 Safari/604.1")
    edge = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
            "Safari/537.36 Edg/120.0")
    assert describe(iphone) == "Mobile Safari på iPhone" and describe(edge) == "Edge på Windows"
    assert describe("") == "" and len(describe("x" * 100_000)) <= 100
    phone = app.test_client()
    phone.environ_base["HTTP_USER_AGENT"] = iphone
    Auth(phone).login("anna@x.se")
    client.environ_base["HTTP_USER_AGENT"] = edge
    auth.login("anna@x.se")
    page = client.get("/konto").get_data(as_text=True)
    assert "Mobile Safari på iPhone" in page and "Edge på Windows" in page
