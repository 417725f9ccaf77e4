"""walk22 L12a: the yttrande form's page said a refusal twice in a row, in the error summary and again in a paragraph
at the top of the form: "Utkastet har sparats (version 1) efter att du öppnade det …" ×2, "Utkastet har status
”Granskning” och kan inte ändras. …" ×2 (from an old tab). Now once, in the summary."""
from __future__ import annotations

from tests.drafting.test_flow import draft_form
from tests.support.pages import visible_text


def test_a_conflict_from_an_old_tab_is_said_once(world, auth):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    assert auth.post(url, draft_form(rid, base_version="0"), form_url=page).status_code == 302  # tab A: version 1
    old_tab = auth.post(url, draft_form(rid, base_version="0", sammanfattning="Flik B:s sammanfattning."),
                        form_url=page)
    shown = visible_text(old_tab.get_data(as_text=True))
    assert old_tab.status_code == 409
    said = "Utkastet har sparats (version 1) efter att du öppnade det, så din ändring är inte sparad än."
    assert shown.count(said) == 1, shown  # old code: 2
    assert "Formuläret innehåller fel" in shown and "Flik B:s sammanfattning." in shown


def test_a_save_refused_in_granskning_is_said_once(world, auth):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    assert auth.post(url, draft_form(rid, base_version="0"), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    old_tab = auth.post(url, draft_form(rid, base_version="1", sammanfattning="Sent ändrad text."), form_url=page)
    shown = visible_text(old_tab.get_data(as_text=True))
    said = "Utkastet har status ”Granskning” och kan inte ändras."
    assert shown.count(said) == 1, shown  # old code: 2
    assert "Sent ändrad text." in shown  # the typed text kept
