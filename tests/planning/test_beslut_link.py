"""A yttrande recorded as decided with no sammanträde and § behind it: the remiss page and the API warn, and link to
where the beslut is registered; the warning goes once the beslut is registered."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.drafting import decision as decisions
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user

UNLINKED = "inget sammanträde och ingen paragraf (§) är kopplade till beslutet"


def _world(session, clock, *, approved=True):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    h = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@oster.se")
    g = make_user(session, role=Role.granskare, namnder=[namnd], email="g@oster.se")
    r = make_user(session, role=Role.registrator, namnder=[namnd], email="r@oster.se")
    clock.set(at(2026, 11, 23))
    # it came in before the beslut of 19 November (a beslut before the arrival is refused, truth17 F11)
    remiss = make_remiss(session, namnd=namnd, by=r, now=clock(), handlaggare_id=h.id, received_on=date(2026, 11, 2),
                         deadline_on=date(2026, 12, 18), deadline_time=None)
    ph, pg, pr = (Principal.of(session, u) for u in (h, g, r))
    if approved:
        save(session, now=clock(), principal=ph, remiss=remiss, raw={"sammanfattning": "Positiva."})
        change_state(session, now=clock(), principal=ph, remiss=remiss, new="granskning")
        change_state(session, now=clock(), principal=pg, remiss=remiss, new="godkand")
    # the yttrande's own verbs moved it to "Klar för beslut"; without them the registrator moves it by hand
    steps = ["beslutad"] if approved else ["under_beredning", "klar_for_beslut", "beslutad"]
    for status in steps:  # "Beslutad" set by hand, as when the beslut was taken on paper: no meeting or § recorded
        remisser.change_status(session, now=clock(), principal=pr, remiss=remiss, new=status)
    assert remiss.status == "beslutad"
    token = create_api_token(session, now=clock(), user=r, name="test")
    session.commit()
    return remiss, pr, {"Authorization": f"Bearer {token}"}


def test_decided_without_a_meeting_warns_on_the_page_and_in_the_api_until_the_beslut_is_registered(
        client, auth, session, clock):
    remiss, pr, headers = _world(session, clock)
    rid = remiss.id
    auth.login("r@oster.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert UNLINKED in page and 'href="#beslut">Lägg till sammanträde och §</a>' in page
    assert 'id="beslut"' in page  # the link leads to the beslut form
    body = client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    [warning] = body["warnings"]
    assert warning["code"] == "beslut_utan_sammantrade" and UNLINKED in warning["message"]
    assert warning["url"] == f"/remisser/{rid}#beslut"
    assert body["status"] == "beslutad" and "milestones" in body  # the keys that were there stay

    decisions.record_decision(session, now=clock(), principal=pr, remiss=session.merge(remiss), decided_by="namnd",
                              meeting_on=date(2026, 11, 19), paragraf="§ 142", omedelbar_justering=True,
                              confirm_before_approval=True)  # decided 19 November, approved in Remiss 23rd
    session.commit()
    assert UNLINKED not in client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()["warnings"] == []


def test_without_an_approved_yttrande_the_link_goes_to_the_yttrande(client, auth, session, clock):
    remiss, pr, headers = _world(session, clock, approved=False)
    auth.login("r@oster.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert UNLINKED in page and 'href="#yttrande">' in page and "när yttrandet är godkänt" in page


def test_an_open_remiss_has_no_warnings(client, session, clock):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, by=user, now=clock())
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    body = client.get(f"/api/v1/remisser/{remiss.id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body["warnings"] == []


def test_beslutad_by_hand_asks_to_register_the_beslut_not_the_justering(client, auth, session, clock):
    """walk18 F8: "Ändra status för hand → Beslutad" with no beslut registered: Nästa steg said "registrera justeringen
    av protokollet" while only the beslut form is offered."""
    import html
    import re

    remiss, pr, headers = _world(session, clock)
    rid = remiss.id
    session.close()
    auth.login("r@oster.se")

    def next_step() -> tuple[str, str]:
        page = client.get(f"/remisser/{rid}").get_data(as_text=True)
        found = re.search(r'<p class="next-step">(.*?)</p>', page, re.S)
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()), page

    step, page = next_step()
    assert "Registrera beslutet (sammanträde och §)" in step, step
    assert "justeringen" not in step
    assert 'id="beslut"' in page  # the beslut form the step asks for is there
    start = client.get("/").get_data(as_text=True)
    todo = start[start.index('id="h-att-registrera"'):]
    todo = todo[:todo.index("</section>")]
    assert f'href="/remisser/{rid}#beslut">Registrera beslutet: ' in todo and "Expediera yttrandet" not in todo
    decisions.record_decision(session, now=clock(), principal=pr, remiss=session.get(Remiss, rid),
                              decided_by="namnd", meeting_on=date(2026, 11, 19), paragraf="§ 142",
                              omedelbar_justering=False, confirm_before_approval=True)
    session.commit()
    session.close()
    step, _ = next_step()
    assert "registrera justeringen av protokollet" in step, step
    assert f'href="/remisser/{rid}#justering-form">Registrera justeringen: ' in client.get("/").get_data(as_text=True)
