"""Walk18 F7: a medborgarförslag is "ärendet" on its page, not "remissen" (remisser.kind_words, one noun per kind);
a remiss still reads "remissen"."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import RemissKind
from remiss.remisser.status import NEXT_STEPS, RemissStatus, next_step_of
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def world(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    forslag = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), kind="medborgarforslag",
                          title="Medborgarförslag om fler parkbänkar", questions=[])
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), questions=[])
    undated = make_remiss(session, namnd=namnd, deadline_on=None, deadline_time=None, now=clock(),
                          kind="medborgarforslag", title="Medborgarförslag om en hundrastgård", questions=[])
    session.commit()
    return forslag.id, remiss.id, undated.id


def test_a_medborgarforslag_is_called_arendet_on_its_page(world, auth, client):
    forslag, remiss, undated = world
    auth.login("mia@miljo.se")
    page = client.get(f"/remisser/{forslag}").get_data(as_text=True)
    text = _text(page)
    # Old code: "Tilldela remissen en handläggare.", "Remissen har inga frågeställningar."
    assert "Nästa steg: Tilldela ärendet en handläggare." in text, text
    assert "Ärendet har inga frågeställningar." in text
    assert 'aria-label="Delar av ärendet"' in page
    assert "Ärendet är registrerat av misstag och ska makuleras" in text and "Varför makuleras ärendet?" in text
    assert "meddelar alla att svarstiden förlängs" in text
    assert ("Ärendet har ingen handläggare ännu. Välj en handläggare under ”Tilldela handläggare” på ärendets "
            "sida") in text
    assert "Avstår eller Återkallad: ärendet avslutas utan yttrande" in text and "Skrivs i ärendets historik." in text

    assert "Ingen tidplan: ärendet har ingen sista svarsdag." in _text(
        client.get(f"/remisser/{undated}").get_data(as_text=True))

    text = _text(client.get(f"/remisser/{remiss}").get_data(as_text=True))
    assert "Nästa steg: Tilldela remissen en handläggare." in text and "Remissen har inga frågeställningar." in text
    assert "meddelar alla att remisstiden förlängs" in text


def test_the_next_steps_agree_with_the_noun():
    assert next_step_of("besvarad", has_handlaggare=True, kind="medborgarforslag") == \
        "Ärendet är besvarat. Inget mer att göra."
    assert next_step_of("makulerad", has_handlaggare=True, kind=RemissKind.medborgarforslag) == \
        "Ärendet är makulerat: det registrerades av misstag. Inget mer att göra."
    for status in RemissStatus:  # a remiss reads as before
        assert next_step_of(status, has_handlaggare=False) == (
            NEXT_STEPS[RemissStatus.tilldelad] if False else NEXT_STEPS[status])
    assert noun_of(None).the == "remissen" and noun_of("medborgarforslag").done("återkallad") == "återkallat"
