"""walk11 finding 4 (lost input): a yttrande saved after the session ended. The answer names the real cause and
shows the posted text (escaped, each under its field's label, never the CSRF token or a password) with a login link
back to the form; nothing of it is stored. The API keeps its JSON errors; a GET still goes to the login page."""
from __future__ import annotations

from html import unescape

from sqlmodel import select

from remiss.drafting.models import YttrandeDraft
from tests.conftest import Auth, csrf_token
from tests.drafting.test_flow import draft_form

TYPED = "Nämnden <b>tillstyrker</b> & vill\nläsa mer."


def _form(rid: int, token: str) -> dict:
    return draft_form(rid, sammanfattning=TYPED, base_version="0", csrf_token=token, password="hemligt-123",
                      paragraf="§ 142", namnd_id="7")


def _assert_text_shown(body: str, rid: int) -> None:
    assert "Nämnden &lt;b&gt;tillstyrker&lt;/b&gt; &amp; vill\nläsa mer." in body  # escaped, line kept
    assert '<label for="lost-1">Sammanfattning</label>' in body  # the label the form showed, not the name
    assert ">Svar på fråga 1</label>" in body and ">Ordförande</label>" in body and ">svar-1<" not in body
    assert "Andreas Konstantinides" in unescape(body)  # another text field, under its own name
    assert "hemligt-123" not in body and "password" not in body
    assert "Kopiera texten nedan" in body
    assert ">§ 142</textarea>" in body  # typed without a letter, still kept
    assert 'for="lost-' in body and ">namnd_id<" not in body and ">base_version<" not in body  # ids are not text


def _no_draft(reader, rid: int) -> None:
    reader.rollback()
    assert reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).first() is None


def test_saving_after_logout_in_another_tab_says_not_signed_in_and_shows_the_text(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    page = f"/remisser/{rid}/yttrande"
    token = csrf_token(client, page)  # the form open in tab 1
    auth.logout()  # tab 2
    response = client.post(page, data=_form(rid, token), headers={"Referer": f"http://localhost{page}"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Du är inte längre inloggad</h1>" in body
    assert token not in body
    _assert_text_shown(body, rid)
    assert f'href="/logga-in?next=/remisser/{rid}/yttrande"' in body
    _no_draft(reader, rid)


def test_saving_after_the_session_was_ended_elsewhere_shows_the_text_not_a_redirect(world, auth, client, app, reader):
    rid = world["remiss"].id
    email = world["handlaggare"].email
    auth.login(email)
    page = f"/remisser/{rid}/yttrande"
    token = csrf_token(client, page)
    other = Auth(app.test_client())
    other.login(email)
    assert other.post("/konto/sessioner/avsluta", form_url="/konto").status_code == 302
    response = client.post(page, data=_form(rid, token))  # no Referer: the address posted to is the form's page
    body = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "<h1>Du är inte längre inloggad</h1>" in body
    _assert_text_shown(body, rid)
    assert f'href="/logga-in?next=/remisser/{rid}/yttrande"' in body
    _no_draft(reader, rid)


def test_a_post_without_csrf_token_while_signed_in_says_the_form_has_expired(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    page = f"/remisser/{rid}"
    form = _form(rid, "")
    del form["csrf_token"]
    response = client.post(f"/remisser/{rid}/yttrande", data=form, headers={"Referer": f"http://localhost{page}"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Formuläret har gått ut</h1>" in body
    _assert_text_shown(body, rid)
    assert f'href="{page}">Öppna formuläret igen' in body  # signed in: back to the form, not to the login
    _no_draft(reader, rid)


def test_a_foreign_referer_is_not_the_form_page_and_the_shown_text_is_bounded(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    form = _form(rid, "") | {"sammanfattning": "å" * 300_000}
    del form["csrf_token"]
    body = client.post(f"/remisser/{rid}/yttrande", data=form,
                       headers={"Referer": "http://evil.example/phish"}).get_data(as_text=True)
    assert "evil.example" not in body
    assert f'href="/remisser/{rid}/yttrande">Öppna formuläret igen' in body
    assert body.count("å") <= 200_000 + 100
    assert "Texten är avkortad" in body


def test_the_api_keeps_json_and_a_get_still_goes_to_the_login_page(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    refused = client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "x"})
    assert refused.status_code == 400 and "X-CSRFToken" in refused.get_json()["error"]
    auth.logout()
    assert client.post(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "x"}).status_code in (400, 401, 405)
    assert client.post(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "x"}).is_json
    page = client.get(f"/remisser/{rid}/yttrande")
    assert page.status_code == 302 and "/logga-in?next=" in page.headers["Location"]
