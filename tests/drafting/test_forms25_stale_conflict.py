"""Session 25: a form of the Yttrande posted from an old tab after someone else changed the thing answers 409
Conflict, as Ändra uppgifter did (they answered 400): the page again, the message naming who changed what and when,
and the text typed still in the page (remiss.stale_form.status). The API keeps its own codes."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone

import pytest

from tests.drafting.conftest import ready_to_decide
from tests.drafting.test_base23_panel_two_tabs import _form
from tests.drafting.test_flow import draft_form
from tests.support.pages import visible_text


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


def _underskrifter(request, auth, clock):
    """Tab A opens Underskrifter, tab B saves another ordförande, tab A saves its förvaltningschef."""
    rid = request.getfixturevalue("decided")()
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/underskrifter"
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    clock.set(datetime(2015, 9, 25, 7, 30, tzinfo=timezone.utc))
    assert auth.post(url, tab_a | {"ordforande": "Anna Ek"}, form_url=page_url).status_code == 302
    typed = "Bo Typadsson"
    return (auth.post(url, tab_a | {"forvaltningschef": typed}, form_url=page_url),
            "Underskrifterna ändrades av Nina Registrator 25 september 2015 kl. 09.30, efter att du öppnade sidan.",
            typed)


def _editor_version(request, auth, clock):
    """Tab A and tab B open the editor on version 1; B saves Sammanfattning, then A saves its own."""
    world = request.getfixturevalue("world")
    rid, url, page = world["remiss"].id, f"/remisser/{world['remiss'].id}/yttrande", f"/remisser/{world['remiss'].id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid, base_version="0"), form_url=page).status_code == 302
    clock.set(datetime(2015, 9, 2, 7, 15, tzinfo=timezone.utc))
    assert auth.post(url, draft_form(rid, base_version="1", sammanfattning="B:s sammanfattning."),
                     form_url=page).status_code == 302
    typed = "A:s sammanfattning, skriven i den gamla fliken."
    return (auth.post(url, draft_form(rid, base_version="1", sammanfattning=typed), form_url=page),
            "Utkastet har sparats i en nyare version (2) sedan du öppnade det (version 1), så din ändring är inte "
            "sparad än. Version 2 sparades av Sabina Vendela Dethorey 2 september 2015 kl. 09.15.", typed)


def _editor_state(request, auth, clock):
    """The editor opened on the utkast; meanwhile it is sent to granskning; then the old tab saves."""
    world = request.getfixturevalue("world")
    rid, url, page = world["remiss"].id, f"/remisser/{world['remiss'].id}/yttrande", f"/remisser/{world['remiss'].id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    opened = auth.client.get(url).get_data(as_text=True)
    tab_a = draft_form(rid) | {"base_version": _hidden(opened, "base_version"),
                               "base_state": _hidden(opened, "base_state")}
    clock.set(datetime(2015, 9, 2, 7, 15, tzinfo=timezone.utc))
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    typed = "Nämnden tillstyrker, skrivet i den gamla fliken."
    return (auth.post(url, tab_a | {"sammanfattning": typed}, form_url=url),
            "Yttrandet skickades till granskning av Sabina Vendela Dethorey 2 september 2015 kl. 09.15, efter att "
            "du öppnade sidan.", typed)


def _beslut(request, auth, clock):
    """Tab A opens Registrera beslutet; tab B registers § 10; tab A registers § 99 with its own paragraf."""
    session, w, client = (request.getfixturevalue(name) for name in ("session", "w", "client"))
    rid = ready_to_decide(session, w, auth, clock)
    tab_a = _hidden(client.get(f"/remisser/{rid}").get_data(as_text=True), "base_decision")

    def post(base, paragraf):
        form = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": paragraf, "base_decision": base}
        return auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}",
                         content_type="multipart/form-data")

    assert post(tab_a, "§ 10").status_code == 302
    return (post(tab_a, "§ 99 typad"),
            "Ett beslut registrerades av Nina Registrator 24 september 2015 kl. 18.00, efter att du öppnade sidan. "
            "Nu: Stadsområdesnämnd Öster vid sammanträde 24 september 2015, § 10", "§ 99 typad")


@pytest.mark.parametrize("stale", [_underskrifter, _editor_version, _editor_state, _beslut],
                         ids=lambda case: case.__name__.strip("_"))
def test_a_stale_yttrande_form_answers_409_naming_the_change_and_keeping_the_text(stale, request, auth, clock):
    refused, said, typed = stale(request, auth, clock)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409, f"a stale form answered {refused.status_code}, not 409 Conflict"
    assert said in visible_text(page)
    assert html.escape(typed, quote=True) in page or typed in page, "what was typed is lost"
