"""Two tabs on a yttrande with free sections (a remiss without frågeställningar): sections are merged by their id,
never by their place. One tab inserts, removes or reorders sections, the other edits one; the merge keeps both.
And the conflict text beside a field is tied to it for assistive technology (aria-describedby), with the error
summary linking to fields that are there."""
from __future__ import annotations

import json
import re
from html import unescape

from sqlmodel import select

from remiss.drafting.merge import three_way
from remiss.drafting.models import DraftVersion, YttrandeDraft
from tests.conftest import csrf_token
from tests.support.factories import make_remiss

SECTIONS = [("Inledande synpunkter", "Utredningen ger viktiga infallsvinklar."),
            ("Finansiering och ekonomi", "Budgeten behöver utredas vidare."),
            ("Tidplan", "Tidplanen är snäv.")]


def _remiss(world, session):
    remiss = make_remiss(session, namnd=world["namnd"], title="Förslag till kommungemensamt kontaktcenter",
                         remittent="Kommunstyrelsen", sender_dnr="STK-2015-523",
                         answer_instructions="Remissyttrandet bör följa dispositionen i utredningen.",
                         handlaggare_id=world["handlaggare"].id)  # a yttrande is begun by its handläggare
    session.commit()
    rid = remiss.id
    session.rollback()
    return rid


def _values(html: str) -> dict:
    """What the draft form holds, as a browser sends it again (hidden section ids too)."""
    form = html[html.index('class="draft-form"'):]
    form = form[:form.index("</form>")]
    values = {m.group(1): unescape(m.group(2)) for m in re.finditer(
        r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S)}
    values |= {m.group(1): unescape(m.group(2)) for m in re.finditer(
        r'<input id="f-[^"]+" name="([^"]+)" type="text" value="([^"]*)"', form)}
    values |= {m.group(1): m.group(2) for m in re.finditer(r'<input type="hidden" name="(avsnitt-\d+-id)" value="([^"]*)"', form)}
    values["base_version"] = re.search(r'name="base_version" value="(\d*)"', form).group(1)
    return values


def _latest(reader, rid: int) -> dict:
    reader.rollback()
    draft = reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    version = reader.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                          .order_by(DraftVersion.number.desc())).first()
    reader.rollback()
    return {"number": version.number, **json.loads(version.content)}


def _sections(content: dict) -> list[tuple[str, str]]:
    return [(s["rubrik"], s["text"]) for s in content["avsnitt"]]


def _start(world, session, auth, client, reader):
    """Version 1 with three sections, saved on the page; returns (url, page, the form as opened on version 1)."""
    rid = _remiss(world, session)
    auth.login("sabina.dethorey@malmo.se")
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    opened = _values(client.get(url).get_data(as_text=True))
    for n, (rubrik, text) in enumerate(SECTIONS, 1):
        opened[f"avsnitt-{n}-rubrik"], opened[f"avsnitt-{n}-text"] = rubrik, text
    assert auth.post(url, opened, form_url=page).status_code == 302
    v1 = _values(client.get(url).get_data(as_text=True))
    assert v1["base_version"] == "1" and all(v1.get(f"avsnitt-{n}-id") for n in (1, 2, 3))
    return rid, url, page, v1


def _save_again(auth, client, url, page, response):
    """The merge offered (409, nothing saved), then "Spara ny version" as the user would."""
    assert response.status_code == 409, response.get_data(as_text=True)[:500]
    return auth.post(url, _values(response.get_data(as_text=True)), form_url=page)


def test_a_section_removed_in_one_tab_and_another_edited_in_the_other(world, session, auth, client, reader):
    rid, url, page, v1 = _start(world, session, auth, client, reader)
    a = dict(v1, **{"avsnitt-1-rubrik": "", "avsnitt-1-text": ""})  # tab A removes the first section
    assert auth.post(url, a, form_url=page).status_code == 302
    assert _sections(_latest(reader, rid)) == SECTIONS[1:]
    b = dict(v1, **{"avsnitt-3-text": "Tidplanen är snäv; B vill ha ett halvår till."})  # tab B edits the third
    offered = auth.post(url, b, form_url=page)
    said = unescape(offered.get_data(as_text=True))
    assert "Från version 2 är nu taget: borttaget avsnitt ”Inledande synpunkter”." in said
    assert "Dina ändringar står kvar: Avsnitt 2, text." in said
    assert "Formuläret innehåller fel" not in said  # no conflict: the right sections were merged
    assert _save_again(auth, client, url, page, offered).status_code == 302
    assert _sections(_latest(reader, rid)) == [SECTIONS[1], ("Tidplan", "Tidplanen är snäv; B vill ha ett halvår till.")]


def _api_put(client, rid, sections, base):
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    return client.put(f"/api/v1/remisser/{rid}/yttrande", json={"avsnitt": sections, "base_version": base},
                      headers=headers)


def test_a_section_inserted_first_in_one_tab_and_one_edited_in_the_other(world, session, auth, client, reader):
    rid, url, page, v1 = _start(world, session, auth, client, reader)
    read = client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["content"]["avsnitt"]
    assert [s["id"] for s in read] == [v1[f"avsnitt-{n}-id"] for n in (1, 2, 3)]  # the API shows the ids
    inserted = [{"rubrik": "Bakgrund", "text": "Kontaktcentret ska samla kommunens växlar."}] + read
    assert _api_put(client, rid, inserted, 1).status_code == 200  # tab A (the API) inserts a section first
    b = dict(v1, **{"avsnitt-2-text": "Budgeten behöver utredas vidare, säger B."})  # tab B edits Finansiering
    assert _save_again(auth, client, url, page, auth.post(url, b, form_url=page)).status_code == 302
    assert _sections(_latest(reader, rid)) == [("Bakgrund", "Kontaktcentret ska samla kommunens växlar."),
                                               SECTIONS[0],
                                               ("Finansiering och ekonomi", "Budgeten behöver utredas vidare, säger B."),
                                               SECTIONS[2]]


def test_sections_reordered_in_one_tab_and_one_edited_in_the_other(world, session, auth, client, reader):
    rid, url, page, v1 = _start(world, session, auth, client, reader)
    read = client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["content"]["avsnitt"]
    assert _api_put(client, rid, [read[2], read[0], read[1]], 1).status_code == 200  # tab A: Tidplan first
    b = dict(v1, **{"avsnitt-1-text": "Utredningen ger viktiga infallsvinklar, skriver B."})
    offered = auth.post(url, b, form_url=page)
    assert "avsnittens ordning" in unescape(offered.get_data(as_text=True))
    assert _save_again(auth, client, url, page, offered).status_code == 302
    assert _sections(_latest(reader, rid)) == [SECTIONS[2],
                                               ("Inledande synpunkter", "Utredningen ger viktiga infallsvinklar, skriver B."),
                                               SECTIONS[1]]


def test_a_section_removed_in_one_tab_and_changed_in_the_other_is_a_conflict_tied_to_its_field(
        world, session, auth, client, reader):
    rid, url, page, v1 = _start(world, session, auth, client, reader)
    assert auth.post(url, dict(v1, **{"avsnitt-2-rubrik": "", "avsnitt-2-text": ""}), form_url=page).status_code == 302
    b = dict(v1, **{"avsnitt-2-text": "B:s nya text om budgeten."})
    offered = auth.post(url, b, form_url=page)
    html = offered.get_data(as_text=True)
    said = unescape(html)
    assert offered.status_code == 409
    assert "avsnittet är borttaget i version 2 men ändrat av dig" in said
    values = _values(html)
    assert values["avsnitt-2-text"] == "B:s nya text om budgeten."  # B's text stays, in its own section
    assert values["avsnitt-3-rubrik"] == "Tidplan"
    # the conflict text and the message describe the field, and every link of the summary leads to a field
    field = re.search(r'<textarea id="f-avsnitt-2-text"[^>]*aria-describedby="([^"]+)"', html)
    assert field and set(field.group(1).split()) >= {"e-avsnitt-2-text", "t-avsnitt-2-text"}
    assert 'id="t-avsnitt-2-text"' in html and 'id="e-avsnitt-2-text"' in html
    newer = said[said.index('id="t-avsnitt-2-text"'):]
    assert "(avsnittet är borttaget i version 2)" in newer[:300]
    summary = html[html.index('id="error-summary"'):html.index("</div>", html.index('id="error-summary"'))]
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == ["f-avsnitt-2-text"]
    assert all(f'id="{target}"' in html for target in links)


def test_the_newer_text_beside_a_conflicting_field_describes_it(world, auth, client, reader):
    from tests.drafting.test_flow import draft_form

    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    assert auth.post(url, draft_form(rid, base_version="0"), form_url=page).status_code == 302
    auth.post(url, draft_form(rid, base_version="1", sammanfattning="A:s.", **{"svar-2": "A:s svar."}), form_url=page)
    html = auth.post(url, draft_form(rid, base_version="1", sammanfattning="B:s.", **{"svar-2": "B:s svar."}),
                     form_url=page).get_data(as_text=True)
    for name in ("sammanfattning", "svar-2"):
        described = re.search(rf'<textarea id="f-{name}"[^>]*aria-describedby="([^"]+)"', html).group(1).split()
        assert f"t-{name}" in described and f"e-{name}" in described
        assert f'id="t-{name}"' in html
    plain = re.search(r'<textarea id="f-ovriga_synpunkter"[^>]*>', html).group(0)
    assert "t-ovriga_synpunkter" not in plain  # a field without a conflict names no newer text
    summary = html[html.index('id="error-summary"'):html.index("</div>", html.index('id="error-summary"'))]
    assert re.findall(r'href="#([^"]+)"', summary) == ["f-sammanfattning", "f-svar-2"]


def _s(sid, rubrik, text):
    return {"id": sid, "rubrik": rubrik, "text": text}


BASE = {"sammanfattning": "", "svar": [], "inga_synpunkter": False,
        "avsnitt": [_s("a", "Ett", "a"), _s("b", "Två", "b"), _s("c", "Tre", "c")]}


def test_both_tabs_add_a_section_and_both_are_kept():
    theirs = dict(BASE, avsnitt=BASE["avsnitt"] + [_s("x", "Fyra", "av A")])
    mine = dict(BASE, avsnitt=BASE["avsnitt"] + [_s("y", "Fem", "av B")])
    merged = three_way(BASE, theirs, mine)
    assert [s["id"] for s in merged.content["avsnitt"]] == ["a", "b", "c", "x", "y"] and not merged.conflicts


def test_removed_in_mine_and_changed_in_theirs_keeps_the_empty_box_and_shows_theirs():
    theirs = dict(BASE, avsnitt=[_s("a", "Ett", "a"), _s("b", "Två", "b, ändrat av A"), _s("c", "Tre", "c")])
    mine = dict(BASE, avsnitt=[_s("a", "Ett", "a"), _s("c", "Tre", "c")])
    merged = three_way(BASE, theirs, mine)
    assert merged.content["avsnitt"][1] == _s("b", "", "")
    assert merged.conflicts == {"avsnitt-2-rubrik": "Två", "avsnitt-2-text": "b, ändrat av A"}


def test_mine_reordered_and_theirs_edited_keeps_my_order_and_their_text():
    theirs = dict(BASE, avsnitt=[_s("a", "Ett", "a av A"), _s("b", "Två", "b"), _s("c", "Tre", "c")])
    mine = dict(BASE, avsnitt=[_s("c", "Tre", "c"), _s("b", "Två", "b"), _s("a", "Ett", "a")])
    merged = three_way(BASE, theirs, mine)
    assert merged.content["avsnitt"] == [_s("c", "Tre", "c"), _s("b", "Två", "b"), _s("a", "Ett", "a av A")]
    assert merged.taken == ["avsnitt-3-text"]


def test_a_draft_saved_before_sections_had_ids_still_opens_and_saves(world, session, auth, client, reader):
    """Versions saved before this change have no ids: they read as "p<place>", and the form carries those."""
    rid, url, page, v1 = _start(world, session, auth, client, reader)
    version = session.exec(select(DraftVersion).join(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    content = json.loads(version.content)
    for item in content["avsnitt"]:
        item.pop("id")
    version.content = json.dumps(content, ensure_ascii=False)
    session.add(version)
    session.commit()
    session.rollback()
    opened = _values(client.get(url).get_data(as_text=True))
    assert [opened[f"avsnitt-{n}-id"] for n in (1, 2, 3)] == ["p1", "p2", "p3"]
    assert auth.post(url, opened, form_url=page).status_code == 302  # nothing changed: no new version
    assert _latest(reader, rid)["number"] == 1
    assert auth.post(url, dict(opened, **{"avsnitt-2-text": "Ny text."}), form_url=page).status_code == 302
    latest = _latest(reader, rid)
    assert latest["number"] == 2 and [s["id"] for s in latest["avsnitt"]] == ["p1", "p2", "p3"]
