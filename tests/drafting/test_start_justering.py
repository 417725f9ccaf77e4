"""The start page tells the nämndsekreterare the true next act after a beslut: while the protokoll is not justerat,
"Registrera justeringen", not "Expediera yttrandet" (expediering waits for the justering unless the paragraph was
justerad omedelbart) — alike in "Att registrera och avsluta", the remiss page's "Nästa steg" and the Monday digest."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.reminders.digest import digest_items
from tests.drafting.conftest import approve_and_decide, decide


def _section(page: str) -> str:
    section = page[page.index('id="h-att-registrera"'):]
    return section[:section.index("</section>")]


def _decided_without_justering(world, auth, clock) -> int:
    """The world's remiss approved and decided 24 September 2015 at an ordinary meeting, on the pages: the
    protokoll is justerat later (the box "justerades omedelbart" left empty)."""
    from tests.drafting.test_flow import draft_form

    rid = world["remiss"].id
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, clock, omedelbar_justering="").status_code == 302
    return rid


def test_a_beslut_waiting_for_its_justering_asks_to_register_the_justering(world, session, db, auth, clock):
    rid = _decided_without_justering(world, auth, clock)
    dnr = world["remiss"].our_dnr
    clock.set(datetime(2015, 10, 20, 8, 0, tzinfo=timezone.utc))  # justering and expediering dates have passed
    section = _section(auth.client.get("/").get_data(as_text=True))
    assert f'href="/remisser/{rid}#justering-form">Registrera justeringen: {dnr} ' in section
    assert "Expediera yttrandet" not in section
    assert "försenad i" in section and "Datumet har passerat" in section

    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    next_step = page[page.index('class="next-step"'):]
    next_step = next_step[:next_step.index("</p>")]
    assert "registrera justeringen av protokollet och expediera sedan yttrandet" in next_step

    # the Monday digest: the justering to register is listed, and the late expediering says it waits for it
    with db.transaction(write=False) as s:
        items = digest_items(s, namnd_id=world["namnd"].id, start=date(2015, 10, 19), end=date(2015, 11, 9))
    mine = {i["milestone"]: i for i in items if i["remiss_id"] == rid}
    assert mine["Registrera justeringen"]["late"]
    assert mine["Expediering"]["why"] == "eftersom justeringen inte är registrerad"

    # registered: now the expediering is the next act, everywhere
    assert auth.post(f"/remisser/{rid}/yttrande/justering", {"justerad_on": "2015-10-19"},
                     form_url=f"/remisser/{rid}").status_code == 302
    section = _section(auth.client.get("/").get_data(as_text=True))
    assert f'href="/remisser/{rid}#yttrande">Expediera yttrandet: {dnr} ' in section
    assert "Registrera justeringen" not in section
    with db.transaction(write=False) as s:
        items = digest_items(s, namnd_id=world["namnd"].id, start=date(2015, 10, 19), end=date(2015, 11, 9))
    assert [i["why"] for i in items if i["remiss_id"] == rid and i["milestone"] == "Expediering"] == [""]
    assert not [i for i in items if i["remiss_id"] == rid and "justering" in i["milestone"].lower()]


def test_omedelbar_justering_goes_straight_to_the_expediering(world, auth, clock):
    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    approve_and_decide(auth, rid, clock)  # § 142, omedelbart justerad
    section = _section(auth.client.get("/").get_data(as_text=True))
    assert f'href="/remisser/{rid}#yttrande">Expediera yttrandet: ' in section
    assert "Registrera justeringen" not in section
