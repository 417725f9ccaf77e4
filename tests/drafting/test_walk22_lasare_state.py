"""walk22 L12b: a läsare who posts Skicka till granskning before any draft is saved gets the 403 the same post gets
on a saved draft ("who may, before why"), not "Fel: Spara utkastet innan det skickas vidare."."""
from __future__ import annotations


def test_lasare_without_a_draft_gets_403_not_spara_utkastet(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["lasare"].email)
    response = auth.post(f"/remisser/{rid}/yttrande/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}")
    page = response.get_data(as_text=True)
    # the refusal names the role and the act (walk26 W6)
    assert response.status_code == 403
    assert ("Med rollen Läsare kan du inte skicka yttranden till granskning: det gör handläggare, granskare och "
            "registratorer.") in page
    assert "Spara utkastet innan det skickas vidare" not in client.get(f"/remisser/{rid}").get_data(as_text=True)


def test_handlaggare_without_a_draft_is_still_told_to_save_first(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    response = auth.post(f"/remisser/{rid}/yttrande/lage", {"state": "granskning"}, form_url=f"/remisser/{rid}",
                         follow_redirects=True)
    assert "Spara utkastet innan det skickas vidare." in response.get_data(as_text=True)
