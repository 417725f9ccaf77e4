"""After a förlängning the tjänsteskrivelse names the deadline in force in "Ärendet", as its Beslutsplanering
follows the new tidplan: the pre-filled sentence stored in the draft is rendered with the new date."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from remiss.drafting import generate
from remiss.drafting.drafts import current_content
from remiss.drafting.versions import save
from remiss.planning.service import extensions
from tests.drafting.conftest import NOW, doc_lines


def test_tjansteskrivelse_names_the_extended_deadline_in_a_reopened_docx(session, w):
    remiss = w["remiss"]
    save(session, now=NOW, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."})
    _, _, content = current_content(session, remiss)
    assert "tillhanda senast den 28 september 2015." in content["arendet"]  # stored in the draft
    later = datetime(2015, 9, 10, 8, 0, tzinfo=timezone.utc)
    extensions.general_notice(session, now=later, principal=w["r"], remiss=remiss, sender="Kulturnämnden",
                              until_on=date(2015, 10, 30), until_time=time(12, 0), notice_on=date(2015, 9, 10))
    data = generate.render(session, now=later, principal=w["h"], remiss=remiss, kind="tjansteskrivelse").data
    texts = " ".join(t for _, t in doc_lines(data))
    assert "tillhanda senast den 30 oktober 2015 kl. 12.00." in texts
    assert "28 september 2015" not in texts
    # the draft as written is not changed behind the handläggare's back
    _, _, content = current_content(session, remiss)
    assert "tillhanda senast den 28 september 2015." in content["arendet"]


def test_a_sentence_the_handlaggare_rewrote_is_left_as_written(session, w):
    remiss = w["remiss"]
    save(session, now=NOW, principal=w["h"], remiss=remiss,
         raw={"arendet": "Kulturnämnden vill ha svar senast den 1 oktober 2015."})
    extensions.general_notice(session, now=NOW, principal=w["r"], remiss=remiss, sender="Kulturnämnden",
                              until_on=date(2015, 10, 30), notice_on=date(2015, 9, 1))
    data = generate.render(session, now=NOW, principal=w["h"], remiss=remiss, kind="tjansteskrivelse").data
    assert "Kulturnämnden vill ha svar senast den 1 oktober 2015." in " ".join(t for _, t in doc_lines(data))
