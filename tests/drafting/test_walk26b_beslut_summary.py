"""walk26b X17: the Beslut form's error summary listed "Ange ett giltigt datum …" twice with no field names, and a
missing delegat name was said only in a second round, after the dates were right."""
from __future__ import annotations

import html
import re

from tests.drafting.conftest import ready_to_decide


def test_the_summary_names_each_field_and_says_everything_in_one_round(session, w, auth, clock):
    rid = ready_to_decide(session, w, auth, clock)
    form = {"decided_by": "delegat", "delegat": "", "meeting_on": "31 februari 2027", "paragraf": "D 7",
            "justerad_on": "i morgon"}
    r = auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    summary = re.search(r'<h2>Beslutet sparades inte</h2>\s*<ul>(.*?)</ul>', page, re.S).group(1)
    items = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
             for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    # old code: two "Ange ett giltigt datum …" alike, and no word of the delegat until the dates were right
    assert items[0] == "Delegatens namn och titel: Ange delegatens namn och titel.", items
    assert items[1].startswith("Sammanträdets eller delegationsbeslutets datum: Ange ett giltigt datum"), items
    assert len(items) == 2, items  # a delegationsbeslut has no justering: its date is moot


def _summary(page: str) -> list[str]:
    summary = re.search(r'<h2>Beslutet sparades inte</h2>\s*<ul>(.*?)</ul>', page, re.S).group(1)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]


def test_a_delegat_named_on_a_beslut_of_the_namnd_is_said_in_the_same_round(session, w, auth, clock):
    """walk28 Z10 aside: "Delegatens namn" filled while Nämnden is chosen was accepted and the name dropped, so a
    delegationsbeslut whose Beslutat av was left at Nämnden was recorded as the nämnd's. It is said beside the
    form's other errors, the name kept; changing a recorded delegationsbeslut to the nämnd's, its name left in the
    field as the form filled it, is no slip and is saved."""
    from remiss.drafting.models import Decision
    from sqlmodel import select

    rid = ready_to_decide(session, w, auth, clock)
    url = f"/remisser/{rid}/yttrande/beslut"
    form = {"decided_by": "namnd", "delegat": "Anna Svensson, förvaltningschef", "meeting_on": "2015-09-24",
            "paragraf": "0"}
    r = auth.post(url, form, form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    items = _summary(page)
    assert items[0] == ("Delegatens namn och titel: Ange delegat bara för ett delegationsbeslut: välj ”Delegat” "
                        "under Beslutat av, eller töm fältet om nämnden beslutade."), items
    assert items[1].startswith("Paragraf:"), items  # one round: the paragraf's error too
    assert 'value="Anna Svensson, förvaltningschef"' in html.unescape(page)
    assert session.exec(select(Decision).where(Decision.remiss_id == rid)).first() is None
    session.rollback()

    form = {"decided_by": "delegat", "delegat": "Anna Svensson, förvaltningschef", "meeting_on": "2015-09-24"}
    assert auth.post(url, form, form_url=f"/remisser/{rid}").status_code == 302
    form = form | {"decided_by": "namnd", "paragraf": "142"}  # Ändra beslutet: the nämnd decided after all
    r = auth.post(url, form, form_url=f"/remisser/{rid}")
    assert r.status_code == 302, _summary(r.get_data(as_text=True))
    session.expire_all()
    decision = session.exec(select(Decision).where(Decision.remiss_id == rid)).one()
    assert (decision.decided_by, decision.delegat, decision.paragraf) == ("namnd", "", "§ 142")
