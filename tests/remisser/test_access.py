"""The access matrix: every role × every action × own nämnd and another nämnd, for pages, API and files."""
from io import BytesIO

import pytest

from remiss.auth.access import Action, Principal
from remiss.auth.models import Role
from remiss.remisser import attachments
from tests.support.factories import make_namnd, make_remiss, make_user

# What each role may do in its own nämnder, written out by hand from the project's documents and not read
# from remiss.auth.access.ROLE_ACTIONS, so that a wrong entry there fails here:
# - design.md, "Who uses it": the registrator registers a remiss (create), assigns the handläggare (assign),
#   records extensions and marks it answered (edit); the handläggare drafts and asks for extensions (edit)
#   but neither registers nor assigns; the granskare reviews and approves drafts (review).
# - docs/capabilities/drafting.md: a draft is approved, returned and expedierad by "granskare/registrator"
#   (review) — not by the handläggare who wrote it.
# - README: users see and change only the remisser of their own nämnder, admin sees all, a läsare only reads
#   (so the granskare, too, may change its nämnd's remisser: edit); admin pages are the admin's (administer).
# - issue 20: the nämndsekreterare (registrator) corrects an instans's address in the shared register from the
#   remiss page (register); the other roles fix it on their own remiss only.
COLUMNS = ("view", "edit", "create", "assign", "review", "administer", "register")
MATRIX = {
    #                   view   edit   create assign review administer register
    Role.admin:        (True,  True,  True,  True,  True,  True,  True),
    Role.registrator:  (True,  True,  True,  True,  True,  False, True),
    Role.granskare:    (True,  True,  False, False, True,  False, False),
    Role.handlaggare:  (True,  True,  False, False, False, False, False),
    Role.lasare:       (True,  False, False, False, False, False, False),
}


def allowed(role: Role, action: str, own: bool) -> bool:
    """The matrix above: admin everywhere, every other role only in its own nämnder."""
    return MATRIX[role][COLUMNS.index(action)] and (own or role == Role.admin)


def test_the_matrix_covers_every_role_and_action():
    # A new role or action must be decided here by hand, not silently left out of this file's checks.
    assert set(MATRIX) == set(Role)
    assert set(COLUMNS) == {a.value for a in Action}


@pytest.mark.parametrize("action", COLUMNS)
@pytest.mark.parametrize("role", list(Role))
def test_principal_may_follows_the_matrix(role, action):
    principal = Principal(1, role, frozenset({10}))
    assert principal.may(Action(action), 10) == allowed(role, action, own=True)
    assert principal.may(Action(action), 20) == allowed(role, action, own=False)
    assert principal.may(Action(action)) == allowed(role, action, own=True)  # in any of its nämnder


@pytest.fixture
def world(session, app):
    own = make_namnd(session, name="Egen nämnd")
    other = make_namnd(session, name="Annan nämnd")
    users = {role: make_user(session, role=role, namnder=[own], email=f"{role.value}@x.se") for role in Role}
    admin_principal = Principal(users[Role.admin].id, Role.admin, frozenset())
    mine = make_remiss(session, namnd=own, title="Vår remiss")
    theirs = make_remiss(session, namnd=other, title="Deras remiss")
    files = {}
    for remiss in (mine, theirs):
        files[remiss.id] = attachments.add(session, now=remiss.created_at, principal=admin_principal, remiss=remiss,
                                           filename="bilaga.pdf", data=b"%PDF-1.4 x", files_dir=app.config["FILES_DIR"],
                                           max_bytes=10_000).id
    session.commit()
    return {"own": own, "other": other, "users": users, "mine": mine, "theirs": theirs, "files": files}


@pytest.mark.parametrize("role", list(Role))
def test_pages_api_and_files(world, client, auth, role):
    auth.login(f"{role.value}@x.se")
    for key, own in (("mine", True), ("theirs", False)):
        remiss = world[key]
        view_ok = allowed(role, "view", own)
        edit_ok = allowed(role, "edit", own)
        assign_ok = allowed(role, "assign", own)
        review_ok = allowed(role, "review", own)
        # Read: page, API, file download. Someone else's remiss is answered as not found.
        assert client.get(f"/remisser/{remiss.id}").status_code == (200 if view_ok else 404)
        assert client.get(f"/api/v1/remisser/{remiss.id}").status_code == (200 if view_ok else 404)
        assert client.get(f"/filer/{world['files'][remiss.id]}").status_code == (200 if view_ok else 404)
        # Edit: the form page, a status change, an upload, and an API update.
        expected = 200 if edit_ok else (403 if view_ok else 404)
        assert client.get(f"/remisser/{remiss.id}/andra").status_code == expected
        token = _token(client)
        r = client.post(f"/remisser/{remiss.id}/status", data={"csrf_token": token, "status": "aterkallad",
                        "note": "Remittenten återkallade remissen.", "confirm": "1"})
        assert r.status_code == (302 if edit_ok else expected)
        r = client.post(f"/remisser/{remiss.id}/filer", data={"csrf_token": token,
                        "files": (BytesIO(b"%PDF-1.4"), "ny.pdf")}, content_type="multipart/form-data")
        assert r.status_code == (302 if edit_ok else expected)
        r = client.patch(f"/api/v1/remisser/{remiss.id}", json={"notes": "ändrat"}, headers={"X-CSRFToken": token})
        assert r.status_code == (200 if edit_ok else expected)
        r = client.post(f"/remisser/{remiss.id}/tilldela", data={"csrf_token": token,
                        "handlaggare_id": world["users"][Role.handlaggare].id})
        # allowed: assigned, or (a handläggare outside that nämnd) refused at the field with 400, never 403
        assert r.status_code in ((302, 400) if assign_ok else ((403,) if view_ok else (404,)))
        # Review: expediera is checked before the draft is looked at (there is none: a message and back).
        r = client.post(f"/remisser/{remiss.id}/yttrande/expediera", data={"csrf_token": token})
        assert r.status_code == (302 if review_ok else (403 if view_ok else 404))
    # Create: only in one's own nämnd, only for roles that may create.
    create_own, create_other = allowed(role, "create", True), allowed(role, "create", False)
    assert client.get("/remisser/ny").status_code == (200 if create_own else 403)
    token = _token(client)
    r = client.post("/api/v1/remisser", json={"title": "Ny", "namnd_id": world["other"].id},
                    headers={"X-CSRFToken": token})
    assert r.status_code == (201 if create_other else (400 if create_own else 403))
    # Lists never show another nämnd's remisser to non-admins.
    listing = client.get("/api/v1/remisser").get_json()
    titles = {item["title"] for item in listing["items"]}
    assert ("Deras remiss" in titles) == allowed(role, "view", own=False)
    assert "Vår remiss" in titles
    # Admin pages.
    assert client.get("/admin/anvandare").status_code == (200 if allowed(role, "administer", True) else 403)


def _token(client) -> str:
    from tests.conftest import csrf_token
    return csrf_token(client, "/konto/losenord")


def test_anonymous_is_sent_to_login_and_api_says_401(world, client):
    r = client.get(f"/remisser/{world['mine'].id}")
    assert r.status_code == 302 and "/logga-in?next=" in r.headers["Location"]
    assert client.get(f"/filer/{world['files'][world['mine'].id]}").status_code == 302
    r = client.get("/api/v1/remisser")
    assert r.status_code == 401 and "Inloggning krävs" in r.get_json()["error"]
