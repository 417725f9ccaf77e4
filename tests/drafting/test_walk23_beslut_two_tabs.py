"""walk23 W2: a beslut form opened before another tab registered the beslut replaced it silently ("Paragraf: § 10 →
§ 99"), and a justering form likewise. The forms carry the beslut they showed (remiss.stale_form): a stale one is
refused naming the beslut now (decider, date, §, justering), who registered it and when, with everything typed
kept; saving again from the page that comes back changes it knowingly."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.drafting.models import Decision
from tests.drafting.conftest import ready_to_decide



def _bases(html: str) -> list[str]:
    return re.findall(r'name="base_decision" value="([^"]*)"', html)


def _base_of(form: str, html: str) -> str:
    return re.search(rf'id="{form}".*?name="base_decision" value="([^"]*)"', html, re.S).group(1)


def _page(client, rid) -> str:
    return unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))


def _beslut(auth, rid, base, **data):
    form = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ 10", "base_decision": base}
    form.update(data)
    return auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}",
                     content_type="multipart/form-data")


def _decision(session, rid) -> dict:
    """The beslut as committed, read in a transaction closed again (an open one would lock out the next save)."""
    session.expire_all()
    decision = session.exec(select(Decision).where(Decision.remiss_id == rid)).one()
    values = {"paragraf": decision.paragraf, "justerad_on": str(decision.justerad_on)}
    session.rollback()
    return values


def test_a_beslut_form_opened_before_another_tab_decided_is_refused_naming_that_beslut(session, w, auth, client,
                                                                                      clock):
    rid = ready_to_decide(session, w, auth, clock)
    [tab_a] = _bases(_page(client, rid))  # tab A opens the empty Registrera beslutet
    [tab_b] = _bases(_page(client, rid))
    assert _beslut(auth, rid, tab_b, paragraf="§ 10").status_code == 302

    refused = _beslut(auth, rid, tab_a, paragraf="§ 99", delegat="")
    html = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409, "the stale form replaced the beslut registered meanwhile"
    assert "Beslutet sparades inte" in html
    assert ("Ett beslut registrerades av Nina Registrator 24 september 2015 kl. 18.00, efter att du öppnade sidan. "
            "Nu: Stadsområdesnämnd Öster vid sammanträde 24 september 2015, § 10, protokollet inte justerat. "
            "Det du skrev står kvar nedan: spara igen för att ändra beslutet till det.") in html
    assert 'href="#f-b-base_decision"' in html and 'id="f-b-base_decision"' in html
    assert re.search(r'id="f-b-paragraf" name="paragraf"[^>]*value="§ 99"', html), "what was typed is kept"
    assert _decision(session, rid)["paragraf"] == "§ 10"

    # the page that came back carries the beslut now: saving again changes it, knowingly
    again = _base_of("beslut-form", html)
    assert again not in (tab_a, tab_b)
    assert _beslut(auth, rid, again, paragraf="§ 99").status_code == 302
    assert _decision(session, rid)["paragraf"] == "§ 99"


def test_a_stale_form_with_other_errors_says_all_and_keeps_its_old_base(session, w, auth, client, clock):
    rid = ready_to_decide(session, w, auth, clock)
    [tab_a] = _bases(_page(client, rid))
    assert _beslut(auth, rid, tab_a, decided_by="delegat", delegat="Kim Chef, förvaltningschef",
                   paragraf="D 10").status_code == 302
    html = unescape(_beslut(auth, rid, tab_a, meeting_on="31/2", paragraf="§ 99").get_data(as_text=True))
    assert ("Nu: delegationsbeslut av Kim Chef, förvaltningschef den 24 september 2015, D 10. Det du skrev" in html)
    assert "sammanträdet" in html.lower() and 'value="31/2"' in html  # the date's own message, the date kept
    again = _base_of("beslut-form", html)
    assert _beslut(auth, rid, again, paragraf="§ 99").status_code == 302
    assert _decision(session, rid)["paragraf"] == "§ 99"


def test_a_justering_form_opened_before_another_tab_justerade_is_refused(session, w, auth, client, clock):
    rid = ready_to_decide(session, w, auth, clock)
    assert _beslut(auth, rid, "inget").status_code == 302
    clock.set(datetime(2015, 9, 29, 8, 0, tzinfo=timezone.utc))
    tab_a = _bases(_page(client, rid))
    assert len(tab_a) == 2 and tab_a[0] == tab_a[1]  # the justering form and Ändra beslutet, on the same beslut
    url = f"/remisser/{rid}/yttrande/justering"
    assert auth.post(url, {"justerad_on": "2015-09-25", "base_decision": tab_a[0]},
                     form_url=f"/remisser/{rid}").status_code == 302

    refused = auth.post(url, {"justerad_on": "2015-09-28", "base_decision": tab_a[0]}, form_url=f"/remisser/{rid}")
    html = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert "Justeringen sparades inte" in html
    assert ("Justeringen registrerades av Nina Registrator 29 september 2015 kl. 10.00, efter att du öppnade sidan. "
            "Nu: Stadsområdesnämnd Öster vid sammanträde 24 september 2015, § 10, protokollet justerat 25 september "
            "2015.") in html
    assert re.search(r'id="f-j-justerad_on" name="justerad_on"[^>]*value="2015-09-28"', html)
    assert _decision(session, rid)["justerad_on"] == "2015-09-25"

    again = _base_of("justering-form", html)
    assert auth.post(url, {"justerad_on": "2015-09-28", "base_decision": again},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert _decision(session, rid)["justerad_on"] == "2015-09-28"
    session.expire_all()
    changes = [e.changes for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == rid,
                                                                        AuditEvent.action == "justering")
                                                   .order_by(AuditEvent.id))]
    assert len(changes) == 2 and "2015-09-28" in changes[-1]
    session.rollback()
