"""walk11 finding 22: the "inga synpunkter" yttrande proposes until the beslut, as the full yttrande does."""
from __future__ import annotations

from tests.drafting.conftest import NOW, decide, doc_lines

PROPOSED = "Stadsområdesnämnd Öster föreslås besluta att inte lämna några synpunkter på remissen."
DECIDED = "Stadsområdesnämnd Öster har inga synpunkter på remissen."


def _texts(client, rid: int) -> list[str]:
    return [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]


def test_inga_synpunkter_is_proposed_until_the_beslut(world, auth, client, clock):
    rid = world["remiss"].id
    page = f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=page).status_code == 302
    before = _texts(client, rid)
    assert PROPOSED in before and DECIDED not in before
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page).status_code == 302
    auth.logout()
    auth.login(world["granskare"].email)
    assert auth.post(f"{page}/yttrande/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert PROPOSED in _texts(client, rid)
    assert decide(auth, rid, clock).status_code == 302
    after = _texts(client, rid)
    assert DECIDED in after and PROPOSED not in after


def test_text_typed_in_inga_synpunkter_mode_reaches_the_yttrande(world, auth, client):
    """walk16 finding 2: own text saved in "Inga synpunkter" mode was kept ("Version 2 sparad") but never reached
    the Word document. Own text ends the mode, and the page says so before and after the save."""
    rid = world["remiss"].id
    page = f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=page).status_code == 302
    form = client.get(f"{page}/yttrande").get_data(as_text=True)
    assert "Skriver du egen text här blir det ett vanligt yttrande igen" in form
    assert "Skriver du egen text här blir det ett vanligt yttrande igen" in client.get(page).get_data(as_text=True)
    data = {"sammanfattning": "Stadsområdesnämnd Öster har inga synpunkter på remissen.",
            "ovriga_synpunkter": "Nämnden avstyrker förslaget i sin helhet."}
    saved = auth.post(f"{page}/yttrande", data, form_url=f"{page}/yttrande", follow_redirects=True)
    shown = saved.get_data(as_text=True)
    assert "Version 2 av yttrandet är sparad." in shown
    assert "Yttrandet är inte längre ”Inga synpunkter”" in shown
    texts = _texts(client, rid)
    assert "Nämnden avstyrker förslaget i sin helhet." in texts and PROPOSED not in texts


def test_the_api_cannot_ask_for_inga_synpunkter_with_own_text(session, w):
    """The mode and own text contradict each other: the API is told so instead of the text being ignored."""
    import pytest

    from remiss.drafting.versions import save
    from remiss.remisser.input import InputErrors

    with pytest.raises(InputErrors) as refused:
        save(session, now=NOW, principal=w["h"], remiss=w["remiss"],
             raw={"inga_synpunkter": True, "ovriga_synpunkter": "Nämnden avstyrker."})
    assert "har ingen egen text" in refused.value.errors["inga_synpunkter"]
