"""walk16 #8: expediering replaced the version's own comment ("Fråga 3 besvarad") with "Expedierad med
diarienummer …", and the Versioner row then read as if the version's author had expedited it. The comment stays;
the row says who expedited it and when."""
from __future__ import annotations

from sqlmodel import select

from remiss.drafting import dispatch
from remiss.drafting.models import DraftVersion
from remiss.drafting.panel import panel_context
from remiss.drafting.states import change_state
from remiss.drafting.versions import save

from tests.drafting.conftest import NOW, record
from tests.drafting.test_rattelse import SENT_AT


def test_the_sent_version_keeps_its_comment_and_names_who_expedited_it(session, w):
    remiss = w["remiss"]
    save(session, now=NOW, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."},
         comment="Fråga 3 besvarad")
    change_state(session, now=NOW, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=NOW, principal=w["g"], remiss=remiss, new="godkand")
    record(session, w, omedelbar_justering=True)
    dispatch.expediera(session, now=SENT_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    versions = session.exec(select(DraftVersion)).all()
    assert [v.comment for v in versions] == ["Fråga 3 besvarad"]
    [row] = panel_context(session, w["r"], remiss, SENT_AT)["versions"]
    assert row["comment"] == "Fråga 3 besvarad" and row["author"] == "Sabina Vendela Dethorey"
    assert row["sent"] == f"Expedierad 25 september 2015 kl. 11.00 av Nina Registrator, diarienummer {remiss.our_dnr}"
