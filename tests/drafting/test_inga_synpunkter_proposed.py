"""walk11 finding 22: the "inga synpunkter" yttrande proposes until the beslut, as the full yttrande does."""
from __future__ import annotations

from tests.drafting.conftest import decide, doc_lines

PROPOSED = "Stadsområdesnämnd Öster föreslås besluta att inte lämna några synpunkter på remissen."
DECIDED = "Stadsområdesnämnd Öster har inga synpunkter på remissen."


def _texts(client, rid: int) -> list[str]:
    return [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]


def test_inga_synpunkter_is_proposed_until_the_beslut(world, auth, client, clock):
    rid = world["remiss"].id
    page = f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {}, form_url=page).status_code == 302
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
