"""walk19 G11: the yttrande panel names the control the page has ("Tilldela handläggare" when nobody is assigned);
walk19 G14: "Rättelsen är påbörjad." in correct Swedish."""
from __future__ import annotations

from tests.drafting.conftest import decide
from tests.drafting.test_unassigned_yttrande import _old_draft, _unassign
from tests.support.pages import visible_text


def test_the_yttrande_panel_names_the_tilldela_handlaggare_control_on_the_page(world, session, auth, client, clock):
    rid = _unassign(session, world)
    auth.login(world["registrator"].email)
    page = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert "Tilldela handläggare" in page and "Byt handläggare" not in page  # the control, as the page names it
    assert ("Remissen har ingen handläggare ännu. Välj en handläggare under ”Tilldela handläggare” på remissens "
            "sida innan yttrandet påbörjas") in page
    _old_draft(session, world, rid, "godkand")
    refused = visible_text(decide(auth, rid, clock).get_data(as_text=True))
    assert "Remissen har ingen handläggare. Välj en handläggare under ”Tilldela handläggare” först" in refused
    assert "Byt handläggare" not in refused


def test_starting_a_rattelse_says_rattelsen_ar_paborjad(decided, auth):
    from tests.drafting.test_expediering_mail import expediera

    rid = decided()
    assert expediera(auth, rid).status_code == 302
    started = auth.post(f"/remisser/{rid}/yttrande/rattelse", {"comment": "Fel belopp i svaret på fråga 3."},
                        form_url=f"/remisser/{rid}", follow_redirects=True)
    shown = visible_text(started.get_data(as_text=True))
    assert "Klart: Rättelsen är påbörjad. Det expedierade yttrandet och dess beslut ligger kvar" in shown, shown
