"""walk18 F17: a samråd ("Vem har tillfrågats") could be registered as held on a future date. It is refused like the
other "not after today" dates, with what was typed kept."""
from __future__ import annotations

from datetime import date
from html import unescape

from sqlmodel import select

from remiss.drafting.models import Consultation
from tests.support.factories import make_remiss


def test_a_samrad_dated_in_the_future_is_refused_and_the_input_kept(world, auth, client, session):
    remiss = make_remiss(session, namnd=world["namnd"], title="Förslag till parkplan", received_on=date(2015, 9, 1),
                         handlaggare_id=world["handlaggare"].id)  # came in today: not before inkom (walk20 H4)
    session.commit()
    rid = remiss.id
    auth.login("sabina.dethorey@malmo.se")  # today is 1 September 2015
    future = auth.post(f"/remisser/{rid}/samrad", {"party": "Miljöförvaltningen, Eva Ek", "consulted_on": "2015-09-24",
                                                   "note": "Möte om parken."}, form_url=f"/remisser/{rid}")
    page = unescape(future.get_data(as_text=True))
    assert future.status_code == 400
    assert ("Samrådet kan inte ha hållits i framtiden. Ange dagen då samrådet hölls (senast i dag, 1 september 2015)."
            in page)
    assert 'value="Miljöförvaltningen, Eva Ek"' in page and 'value="2015-09-24"' in page and "Möte om parken." in page
    assert session.exec(select(Consultation).where(Consultation.remiss_id == rid)).all() == []
    session.rollback()
    today = auth.post(f"/remisser/{rid}/samrad", {"party": "Miljöförvaltningen, Eva Ek", "consulted_on": "2015-09-01"},
                      form_url=f"/remisser/{rid}")
    assert today.status_code == 302
