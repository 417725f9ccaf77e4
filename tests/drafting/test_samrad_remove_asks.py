"""Ta bort on a samråd (the Yttrande panel) removed it at once, with and without JavaScript, and said nothing. It now
asks first (remiss/web/asking.py): with JavaScript in the dialog, without it beside the button with the box "Ja, ta
bort samrådet"; removed, the page says so. A closed remiss's samråd is refused before anything is asked."""
from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from remiss.drafting.models import Consultation
from tests.support.factories import make_remiss
from tests.support.asking import form_at, visible_text

PARTY = "Pensionärsrådet"
QUESTION = (f"Ta bort samrådet med {PARTY} 1 september 2015? Yttrandet säger då inte längre att {PARTY} har beretts "
            "tillfälle att yttra sig när det skapas på nytt, och anteckningen om samrådet försvinner. Det går inte "
            "att ångra.")


def _form(page: str, consultation_id: int) -> str:
    return form_at(page, f'id="samrad-{consultation_id}"')


def _samrad(session, rid: int) -> list[int]:
    ids = list(session.exec(select(Consultation.id).where(Consultation.remiss_id == rid)))
    session.rollback()
    return ids


def test_removing_a_samrad_asks_first(world, auth, client, session):
    remiss = make_remiss(session, namnd=world["namnd"], title="Förslag till parkplan", received_on=date(2015, 9, 1),
                         handlaggare_id=world["handlaggare"].id)
    session.commit()
    rid, page = remiss.id, f"/remisser/{remiss.id}"
    auth.login("sabina.dethorey@malmo.se")  # today is 1 September 2015
    assert auth.post(f"{page}/samrad", {"party": PARTY, "consulted_on": "2015-09-01"}, form_url=page).status_code == 302
    [sid] = _samrad(session, rid)
    form = _form(client.get(page).get_data(as_text=True), sid)
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_remove_samrad"' in form  # the dialog, with JavaScript

    refused = auth.post(f"{page}/samrad/{sid}/ta-bort", form_url=page)  # no confirmation: no JavaScript
    # Old code: the samråd gone, not a word said
    assert refused.headers["Location"].endswith(f"{page}?samrad-{sid}=fraga#samrad-{sid}")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert (f"Observera: Samrådet med {PARTY} är inte borttaget. Läs frågan vid knappen och kryssa i ”Ja, ta bort "
            "samrådet” om det ska tas bort.") in visible_text(asked) and "Fel:" not in visible_text(asked)
    form = _form(asked, sid)
    assert f'<p id="q-confirm_remove_samrad">{QUESTION}</p>' in form and "data-confirm" not in form
    assert re.search(r'id="f-confirm_remove_samrad" name="confirm_remove_samrad" value="1"[^>]*> Ja, ta bort '
                     r'samrådet</label>', form)
    assert _samrad(session, rid) == [sid]

    done = auth.post(f"{page}/samrad/{sid}/ta-bort", {"confirm_remove_samrad": "1"},
                     form_url=refused.headers["Location"], follow_redirects=True)
    assert f"Samrådet med {PARTY} är borttaget." in visible_text(done.get_data(as_text=True))
    assert _samrad(session, rid) == []

    again = auth.post(f"{page}/samrad/{sid}/ta-bort", form_url=page, follow_redirects=True)  # refused, not asked
    assert "Fel: Samrådet finns inte." in visible_text(again.get_data(as_text=True))
    assert "är inte borttaget" not in visible_text(again.get_data(as_text=True))
