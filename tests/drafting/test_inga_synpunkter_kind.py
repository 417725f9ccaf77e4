"""walk18 F7 made the "inga synpunkter" yttrande of a medborgarförslag say "… har inga synpunkter på ärendet.", but the
check that tells that fixed sentence from own text knew only "… på remissen.": the medborgarförslag's own fixed
sentence counted as own text, so saving ended the mode (and the API refused it as a contradiction). The check reads
the sentence of either noun now (drafting.content.has_own_text)."""
from __future__ import annotations

import pytest

from remiss.remisser.models import Remiss


@pytest.mark.parametrize("kind, the", [("medborgarforslag", "ärendet"), ("remiss", "remissen")])
def test_saving_the_inga_synpunkter_yttrande_of_a_medborgarforslag_keeps_the_mode(world, session, auth, client,
                                                                                  kind, the):
    remiss = session.get(Remiss, world["remiss"].id)
    remiss.kind = kind
    session.add(remiss)
    session.commit()
    page = f"/remisser/{remiss.id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=page).status_code == 302
    fixed = f"Stadsområdesnämnd Öster har inga synpunkter på {the}."
    saved = auth.post(f"{page}/yttrande", {"sammanfattning": fixed}, form_url=f"{page}/yttrande",
                      follow_redirects=True).get_data(as_text=True)
    # Old code, of a medborgarförslag: "Yttrandet är inte längre ”Inga synpunkter” …" after saving its own sentence
    assert "Yttrandet är inte längre ”Inga synpunkter”" not in saved
    assert "Skriver du egen text här blir det ett vanligt yttrande igen" in client.get(f"{page}/yttrande").get_data(
        as_text=True)


@pytest.mark.parametrize("kind, the", [("medborgarforslag", "ärendet"), ("remiss", "remissen")])
def test_the_api_keeps_the_inga_synpunkter_yttrande_of_a_medborgarforslag(session, w, kind, the):
    """Old code refused it ("Ett yttrande med ”Inga synpunkter” har ingen egen text …") for a medborgarförslag."""
    from remiss.drafting.content import inga_synpunkter_content
    from remiss.drafting.drafts import current_content
    from remiss.drafting.versions import save
    from tests.drafting.conftest import NOW

    remiss = w["remiss"]
    remiss.kind = kind
    session.add(remiss)
    _, _, content = current_content(session, remiss)
    fixed = inga_synpunkter_content(content, "Stadsområdesnämnd Öster", the)
    save(session, now=NOW, principal=w["h"], remiss=remiss, raw={**fixed, "inga_synpunkter": True})
    _, _, saved = current_content(session, remiss)
    assert saved["inga_synpunkter"] is True
    assert saved["sammanfattning"] == f"Stadsområdesnämnd Öster har inga synpunkter på {the}."
