"""walk16 finding 12: the yttrande went out with empty signature lines and nothing warned. Before expediering the
panel and the Expediera question name the missing signers, and the names can be filled in on the decided
yttrande without reopening its text."""
from __future__ import annotations

from remiss.drafting import generate
from remiss.drafting.drafts import find_draft
from tests.drafting.conftest import DECIDED_AT, approve, doc_lines, record
from tests.outgoing.test_outgoing_words import _confirm

WARNING = "Underskrifterna saknar namn: ordförande och förvaltningschef står utan namn i yttrandet."


def test_missing_signers_are_warned_before_expediering_and_can_be_filled_in(session, w, auth, client, clock):
    remiss = w["remiss"]
    approve(session, w)  # saved without names under the yttrande
    record(session, w, omedelbar_justering=True)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    question = _confirm(page, "/yttrande/expediera")
    assert question.startswith("Expediera yttrandet? Det läggs i utkorgen och e-postas inom några minuter till "
                               "kulturkansli@malmo.se.")
    assert WARNING in question and "under Underskrifter i panelen Yttrande" in question
    assert 'id="unsigned-warning"' in page
    api = client.get(f"/api/v1/remisser/{remiss.id}/yttrande").get_json()
    assert api["missing_signatures"] == ["ordförande", "förvaltningschef"]
    done = auth.post(f"/remisser/{remiss.id}/yttrande/underskrifter",
                     {"ordforande": "Andreas Konstantinides", "forvaltningschef": "Britt-Marie Pettersson"},
                     form_url=f"/remisser/{remiss.id}", follow_redirects=True).get_data(as_text=True)
    assert "Underskrifterna är sparade i version 2." in done
    assert WARNING not in _confirm(done, "/yttrande/expediera") and 'id="unsigned-warning"' not in done
    session.expire_all()
    assert find_draft(session, remiss.id).state == "godkand"  # still approved and decided: the text is unchanged
    lines = [t for _, t in doc_lines(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=remiss,
                                                     kind="yttrande").data)]
    assert "Andreas Konstantinides" in lines and "Britt-Marie Pettersson" in lines
    assert "Positiva." in lines
