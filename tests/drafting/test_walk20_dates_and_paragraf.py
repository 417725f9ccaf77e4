"""walk20 H4: a samråd dated before the ärende came in (Inkom) is refused like the other dated forms, in the kind's
word ("före ärendet kom in" for a medborgarförslag), with what was typed kept.
walk20 H5: a protokoll has no § 0 and no §§ 13–12; "Ändra beslutet" says "Beslutet är ändrat"."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from remiss.drafting.models import Consultation
from tests.drafting.conftest import approve, decide
from tests.support.factories import make_remiss
from tests.support.pages import visible_text


@pytest.mark.parametrize("kind, noun", [("medborgarforslag", "ärendet"), ("remiss", "remissen")])
def test_a_samrad_before_the_arende_came_in_is_refused_and_the_input_kept(world, auth, session, kind, noun):
    remiss = make_remiss(session, namnd=world["namnd"], title="Förslag om fler parkbänkar", kind=kind,
                         received_on=date(2015, 8, 20), handlaggare_id=world["handlaggare"].id)
    session.commit()
    rid = remiss.id
    auth.login(world["handlaggare"].email)  # today is 1 September 2015
    early = auth.post(f"/remisser/{rid}/samrad", {"party": "Gatukontoret", "consulted_on": "2015-08-10",
                                                  "note": "Möte om bänkarna."}, form_url=f"/remisser/{rid}")
    page = early.get_data(as_text=True)
    assert early.status_code == 400
    assert (f"Samrådet kan inte ha hållits 10 augusti 2015, före {noun} kom in 20 augusti 2015. Kontrollera datumet."
            in visible_text(page))
    assert 'value="Gatukontoret"' in page and 'value="2015-08-10"' in page and "Möte om bänkarna." in page
    assert session.exec(select(Consultation).where(Consultation.remiss_id == rid)).all() == []
    session.rollback()
    same_day = auth.post(f"/remisser/{rid}/samrad", {"party": "Gatukontoret", "consulted_on": "2015-08-20"},
                         form_url=f"/remisser/{rid}")
    assert same_day.status_code == 302


@pytest.mark.parametrize("typed, message", [
    ("§ 0", "Paragrafens nummer börjar på 1."),
    ("0", "Paragrafens nummer börjar på 1."),
    ("§§ 0–2", "Paragrafens nummer börjar på 1."),
    ("§§ 13–12", "Skriv paragraferna i stigande ordning: §§ 12–13."),
    ("§§ 12-12", "Första och sista paragrafen är samma: skriv § 12."),
])
def test_a_paragraf_no_protokoll_prints_is_refused_with_the_input_kept(w, session, auth, clock, typed, message):
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    refused = decide(auth, rid, clock, paragraf=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and message in visible_text(page)
    assert f'value="{typed}"' in page
    assert "Beslutet är registrerat" not in visible_text(page)


def test_changing_the_beslut_says_it_is_changed(w, session, auth, clock):
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    first = decide(auth, rid, clock, paragraf="§ 142")
    shown = visible_text(auth.client.get(first.headers["Location"]).get_data(as_text=True))
    assert "Klart: Beslutet är registrerat: vid sammanträde 24 september 2015, § 142." in shown
    changed = decide(auth, rid, clock, paragraf="§ 214")
    shown = visible_text(auth.client.get(changed.headers["Location"]).get_data(as_text=True))
    assert "Klart: Beslutet är ändrat: vid sammanträde 24 september 2015, § 214." in shown
    assert "Beslutet är registrerat" not in shown


def test_a_beslut_before_a_medborgarforslag_came_in_says_arendet(w, session):
    from remiss.remisser.input import InputErrors
    from tests.drafting.conftest import record

    w["remiss"].kind = "medborgarforslag"  # came in 1 September 2015
    session.add(w["remiss"])
    approve(session, w)
    with pytest.raises(InputErrors) as refused:
        record(session, w, meeting_on=date(2015, 8, 27))
    assert refused.value.errors["meeting_on"] == ("Beslutet kan inte vara fattat 27 augusti 2015, före ärendet kom in "
                                                  "1 september 2015. Kontrollera datumet.")
