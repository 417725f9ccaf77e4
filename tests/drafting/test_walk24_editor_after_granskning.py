"""walk24 V16: the yttrande editor open in an old tab after the draft was sent to granskning and approved said only
"Formuläret innehåller fel – Utkastet har status ”Godkänd” …", though nothing in the form was wrong. The editor
carries the state it was opened in (base_state, remiss.stale_form): such a save is refused naming who sent it to
granskning and who approved it, and when, that nothing was saved and what to do, with the text typed kept."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone

from remiss.drafting.drafts import current_content
from remiss.remisser.models import Remiss
from tests.drafting.test_flow import draft_form
from tests.support.pages import visible_text


TYPED = "Nämnden tillstyrker förslaget med en ändrad sammanfattning skriven i den gamla fliken."


def _hidden(page: str, name: str) -> str:
    """The hidden field's value ("" without the field: then it is posted empty, as no base)."""
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


def _textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no textarea {name}"
    return html.unescape(found.group(1)).strip()


def _sammanfattning(reader, rid: int) -> str:
    """The saved Sammanfattning, read in a reading transaction closed again."""
    reader.rollback()
    _, _, content = current_content(reader, reader.get(Remiss, rid))
    reader.rollback()
    return content.get("sammanfattning", "")


def _open_tab(auth, rid: int) -> dict:
    """The editor as a tab opened it: the text shown and the bases it carries."""
    page = auth.client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True)
    return draft_form(rid) | {"base_version": _hidden(page, "base_version"), "base_state": _hidden(page, "base_state")}


def test_an_editor_opened_before_granskning_and_approval_names_who_did_each_and_keeps_the_text(
        world, auth, reader, clock):
    rid, url = world["remiss"].id, f"/remisser/{world['remiss'].id}/yttrande"
    page_url = f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid), form_url=page_url).status_code == 302
    tab_a = _open_tab(auth, rid)

    clock.set(datetime(2015, 9, 2, 7, 15, tzinfo=timezone.utc))  # tab B sends it to granskning
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page_url).status_code == 302
    auth.logout()
    auth.login(world["granskare"].email)
    clock.set(datetime(2015, 9, 2, 12, 40, tzinfo=timezone.utc))
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page_url).status_code == 302
    auth.logout()
    auth.login(world["handlaggare"].email)

    refused = auth.post(url, tab_a | {"sammanfattning": TYPED}, form_url=url)
    page = refused.get_data(as_text=True)
    said = visible_text(page)
    assert refused.status_code == 409
    assert "Formuläret innehåller fel" not in said and "Yttrandet sparades inte" in said, "no error was made"
    assert ("Yttrandet skickades till granskning av Sabina Vendela Dethorey 2 september 2015 kl. 09.15 och "
            "godkändes av Marie Hendra 2 september 2015 kl. 14.40, efter att du öppnade sidan. Det du skrev står kvar "
            "nedan men är inte sparat, och det kan inte ändras nu. För att ändra det måste en granskare öppna det "
            "igen som utkast (”Öppna igen som utkast”, med en kommentar); spara sedan det du skrev härifrån.") in said
    assert _textarea(page, "sammanfattning") == TYPED  # kept, as typed
    assert _sammanfattning(reader, rid) == draft_form(rid)["sammanfattning"]  # nothing saved
    assert tab_a["base_state"] == "utkast"
    assert _hidden(page, "base_state") == "godkand"  # the page that came back carries the state it shows

    # opened again as utkast by the granskare: the text kept in the page saves from there
    auth.logout()
    auth.login(world["granskare"].email)
    assert auth.post(f"{url}/lage", {"state": "utkast", "comment": "Sammanfattningen ska ändras."},
                     form_url=page_url).status_code == 302
    auth.logout()
    auth.login(world["handlaggare"].email)
    again = tab_a | {"sammanfattning": _textarea(page, "sammanfattning"),
                     "base_version": _hidden(page, "base_version"), "base_state": _hidden(page, "base_state")}
    assert auth.post(url, again, form_url=url).status_code == 302
    assert _sammanfattning(reader, rid) == TYPED


def test_an_editor_sent_to_granskning_since_says_who_and_that_a_granskare_sends_it_back(world, auth, reader, clock):
    rid, url = world["remiss"].id, f"/remisser/{world['remiss'].id}/yttrande"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}").status_code == 302
    panel = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)  # the remiss page's editor carries it too
    tab_a = draft_form(rid) | {"base_version": _hidden(panel, "base_version"), "base_state": _hidden(panel, "base_state")}
    clock.set(datetime(2015, 9, 2, 7, 15, tzinfo=timezone.utc))
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}").status_code == 302

    refused = auth.post(url, tab_a | {"sammanfattning": TYPED}, form_url=url)
    said = visible_text(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert ("Yttrandet skickades till granskning av Sabina Vendela Dethorey 2 september 2015 kl. 09.15, efter att "
            "du öppnade sidan.") in said
    assert "måste en granskare skicka tillbaka det till utkast (”Skicka tillbaka till utkast”, med en kommentar)" in said
    assert _textarea(refused.get_data(as_text=True), "sammanfattning") == TYPED
    assert tab_a["base_state"] == "utkast"


def test_an_editor_opened_in_granskning_or_posted_without_a_state_gets_the_plain_refusal(world, auth, reader, clock):
    """Not opened before the move: nothing to name as happening since; the refusal says the state, as before."""
    rid, url = world["remiss"].id, f"/remisser/{world['remiss'].id}/yttrande"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid), form_url=f"/remisser/{rid}").status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}").status_code == 302
    tab = _open_tab(auth, rid)
    for data in (tab, {k: v for k, v in tab.items() if k != "base_state"}):
        refused = auth.post(url, data | {"sammanfattning": TYPED}, form_url=url)
        said = visible_text(refused.get_data(as_text=True))
        assert refused.status_code == 400
        assert "Utkastet har status ”Granskning” och kan inte ändras." in said and "efter att du öppnade" not in said
        assert "Yttrandet sparades inte" in said and _textarea(refused.get_data(as_text=True), "sammanfattning") == TYPED
    assert tab["base_state"] == "granskning"
