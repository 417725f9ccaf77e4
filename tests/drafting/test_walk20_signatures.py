"""walk20 H9: once both names under the yttrande were set, the Underskrifter form was gone, so a wrong name (or one
prefilled from the nämnd's previous yttrande) went out unseen. Until expediering the names are shown above the
Expediera button and in its question, and "Ändra underskrifterna" changes them."""
from __future__ import annotations

import re
from datetime import date

from remiss.drafting import generate
from tests.drafting.conftest import DECIDED_AT, approve, decide, doc_lines, record
from tests.drafting.test_expediering_mail import expediera
from tests.drafting.test_flow import draft_form
from tests.outgoing.test_outgoing_words import _confirm
from tests.support.factories import make_remiss
from tests.support.pages import visible_text


SIGNED = ("Yttrandet undertecknas av Andreas Konstantinides (ordförande) och Britt-Marie Pettersson "
          "(stadsområdesdirektör).")


def _underskrifter(page: str) -> str:
    """The Underskrifter block of the Yttrande panel, as text."""
    block = re.search(r'<div class="card-inner" id="underskrifter">(.*?)</details>', page, re.S)
    assert block, "no Underskrifter block"
    return visible_text(block.group(1))


def test_names_set_are_shown_and_can_be_changed_until_expediering(decided, auth, session, w):
    rid = decided()  # the draft named both signers; approved and decided
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    block = _underskrifter(page)
    assert SIGNED in block and "Ändra underskrifterna" in block and "Spara underskrifterna" in block
    assert "saknar namn" not in block
    assert SIGNED in _confirm(page, "/yttrande/expediera")
    changed = auth.post(f"/remisser/{rid}/yttrande/underskrifter",
                        {"ordforande": "Anna Ek", "forvaltningschef": "Britt-Marie Pettersson"},
                        form_url=f"/remisser/{rid}", follow_redirects=True).get_data(as_text=True)
    assert "Underskrifterna är sparade i version 2." in visible_text(changed)
    now_signed = ("Yttrandet undertecknas av Anna Ek (ordförande) och Britt-Marie Pettersson "
                  "(stadsområdesdirektör).")
    assert now_signed in _underskrifter(changed) and now_signed in _confirm(changed, "/yttrande/expediera")
    assert expediera(auth, rid).status_code == 302
    sent = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Ändra underskrifterna" not in sent and 'action="/remisser/%d/yttrande/underskrifter"' % rid not in sent
    session.expire_all()
    lines = [t for _, t in doc_lines(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=w["remiss"],
                                                     kind="yttrande").data)]
    assert "Anna Ek" in lines and "Andreas Konstantinides" not in lines


def test_names_prefilled_from_the_previous_yttrande_are_shown_before_expediering(decided, auth, session, w, clock):
    decided()  # the nämnd's previous yttrande named both signers
    forslag = make_remiss(session, namnd=w["namnd"], title="Medborgarförslag om fler parkbänkar",
                          kind="medborgarforslag", received_on=date(2015, 9, 1), deadline_on=date(2015, 9, 28),
                          handlaggare_id=w["handlaggare"].id, answer_email="forslag@example.se")
    session.commit()
    # the draft is written without typing the names: they come from the previous yttrande
    data = draft_form(forslag.id)
    for key in ("ordforande", "forvaltningschef", "forvaltningschef_titel"):
        data.pop(key)
    url, page_url = f"/remisser/{forslag.id}/yttrande", f"/remisser/{forslag.id}"
    assert auth.post(url, data, form_url=page_url).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page_url).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page_url).status_code == 302
    assert decide(auth, forslag.id, clock).status_code == 302
    page = auth.client.get(page_url).get_data(as_text=True)
    assert SIGNED in _underskrifter(page) and SIGNED in _confirm(page, "/yttrande/expediera")


def test_a_delegationsbeslut_names_its_delegat_and_asks_for_no_other_names(session, w, auth, client, clock):
    approve(session, w)
    record(session, w, decided_by="delegat", delegat="Anna Svensson, stadsområdesdirektör",
           meeting_on=date(2015, 9, 21), paragraf="")
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{w['remiss'].id}").get_data(as_text=True)
    assert 'id="underskrifter"' not in page
    signed = "Yttrandet undertecknas av Anna Svensson (stadsområdesdirektör)."
    assert signed in visible_text(page) and signed in _confirm(page, "/yttrande/expediera")


def test_names_sent_from_a_tab_opened_before_expediering_are_refused_with_what_was_sent(decided, auth, w):
    """walk21 J12: the Underskrifter form of a tab opened before expediering, sent after it, was refused with a
    sentence about an utkast. It says the yttrande is expedierat, whose names it carries, and which names were not
    saved."""
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    answer = auth.post(f"/remisser/{rid}/yttrande/underskrifter", {"ordforande": "Xenia Ny", "forvaltningschef": ""},
                       form_url=f"/remisser/{rid}", follow_redirects=True).get_data(as_text=True)
    said = visible_text(answer)
    assert ("Yttrandet är redan expedierat, så underskrifterna kan inte ändras längre. Det expedierade yttrandet "
            "undertecknas av Andreas Konstantinides (ordförande) och Britt-Marie Pettersson (stadsområdesdirektör). "
            "Dina namn sparades inte: Xenia Ny.") in said
    assert "utkast" not in said.split("Dina namn sparades inte", 1)[0].rsplit("Fel:", 1)[-1]
