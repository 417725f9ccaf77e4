"""walk9 finding 2 (work silently lost): two tabs edit one yttrande. Tab B's save on the older version is refused,
and its returned form is the three-way merge per field of the version B opened (base), the newest (theirs) and
what B sent (mine): what only A changed is A's, what only B changed is B's, and a field both changed keeps B's text,
marked with A's beside it. One more "Spara ny version" then loses nothing."""
from __future__ import annotations

import json
import re
from html import unescape

from sqlmodel import select

from remiss.drafting.models import DraftVersion, YttrandeDraft
from tests.drafting.test_flow import ANSWERS, draft_form


def _latest(reader, rid: int) -> dict:
    reader.rollback()
    draft = reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    version = reader.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                          .order_by(DraftVersion.number.desc())).first()
    return {"number": version.number, **json.loads(version.content)}


def _form_values(html: str) -> dict:
    """The values the returned form holds, as a browser would send them again."""
    form = html[html.index('class="draft-form"'):]
    form = form[:form.index("</form>")]
    values = {m.group(1): unescape(m.group(2)) for m in re.finditer(
        r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S)}
    values |= {m.group(1): unescape(m.group(2)) for m in re.finditer(
        r'<input id="f-[^"]+" name="([^"]+)" type="text" value="([^"]*)"', form)}
    values["base_version"] = re.search(r'name="base_version" value="(\d*)"', form).group(1)
    return values


def _two_tabs(auth, rid: int) -> tuple[str, str]:
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    assert auth.post(url, draft_form(rid, base_version="0"), form_url=page).status_code == 302  # version 1
    return url, page


def test_the_other_tabs_answer_is_kept_after_the_conflict_and_one_more_save(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = _two_tabs(auth, rid)
    # tab A changes the answer to fråga 2 (version 2)
    assert auth.post(url, draft_form(rid, base_version="1", **{"svar-2": "A-ÄNDRING av svaret."}),
                     form_url=page).status_code == 302
    # tab B, opened on version 1, changes Övriga synpunkter
    b = auth.post(url, draft_form(rid, base_version="1", ovriga_synpunkter="B-ÄNDRING av övrigt.",
                                  comment="B:s version"), form_url=page)
    html = b.get_data(as_text=True)
    assert b.status_code == 409 and _latest(reader, rid)["number"] == 2  # nothing saved yet
    values = _form_values(html)
    assert values["svar-2"] == "A-ÄNDRING av svaret."  # A's, not the old text
    assert values["ovriga_synpunkter"] == "B-ÄNDRING av övrigt."  # B's
    assert values["svar-3"] == ANSWERS[2] and values["base_version"] == "2"
    assert values["comment"] == "B:s version"
    assert "Utkastet har sparats i en nyare version (2) sedan du öppnade det (version 1)" in html
    assert "Från version 2 är nu taget: Svar på fråga 2." in html
    assert "Dina ändringar står kvar: Övriga synpunkter." in html
    assert "base_version:" not in html and "svar-2:" not in html
    assert f'href="/remisser/{rid}/yttrande/jamfor?fran=1&amp;till=2"' in html
    # walk10 finding 10: no field conflicts, so an information box, said once, and no "Formuläret innehåller fel"
    assert 'id="error-summary"' not in html and "Formuläret innehåller fel" not in html
    assert html.count("Kontrollera texten och spara igen.") == 1
    note = html[html.index('id="merge-note"'):]
    assert "Från version 2 är nu taget" in note[:note.index("</div>")]
    assert 'class="message message-info" role="status" id="merge-note"' in html
    # B saves once more, as a user who has "redone" the change would: both changes are in version 3
    assert auth.post(url, values, form_url=page).status_code == 302
    latest = _latest(reader, rid)
    assert latest["number"] == 3
    assert latest["svar"][1]["text"] == "A-ÄNDRING av svaret."
    assert latest["ovriga_synpunkter"] == "B-ÄNDRING av övrigt."


def test_a_field_both_tabs_changed_is_marked_with_the_newer_text_beside_it(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = _two_tabs(auth, rid)
    auth.post(url, draft_form(rid, base_version="1", **{"svar-2": "A:s svar."}, sammanfattning="A:s sammanfattning."),
              form_url=page)
    b = auth.post(url, draft_form(rid, base_version="1", sammanfattning="B:s sammanfattning."), form_url=page)
    html = b.get_data(as_text=True)
    assert b.status_code == 409
    assert ("Sammanfattning har ändrats både av dig och i version 2: din text står kvar i rutan, texten i version 2 "
            "under den.") in html
    assert "Både du och den som sparade version 2 har ändrat Sammanfattning" in html
    summary = html[html.index('id="error-summary"'):html.index("</div>", html.index('id="error-summary"'))]
    assert '<a href="#f-sammanfattning">Sammanfattning har ändrats' in summary
    assert 'id="merge-note"' not in html  # a conflicting field: the error summary, not the information box
    newer = html[html.index('id="t-sammanfattning"'):]
    assert "Texten i version 2, den nyare:" in newer and "A:s sammanfattning." in newer[:400]
    values = _form_values(html)
    assert values["sammanfattning"] == "B:s sammanfattning." and values["svar-2"] == "A:s svar."
    # nothing is saved until B confirms; then B's choice stands and A's other change stays
    assert _latest(reader, rid)["number"] == 2
    assert auth.post(url, values, form_url=page).status_code == 302
    latest = _latest(reader, rid)
    assert latest["sammanfattning"] == "B:s sammanfattning." and latest["svar"][1]["text"] == "A:s svar."


def test_a_save_that_loses_nothing_of_the_newer_version_goes_through(world, auth, client, reader):
    """Both tabs made the same change (or A's change is B's too): nothing to merge, B's save is kept at once."""
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = _two_tabs(auth, rid)
    auth.post(url, draft_form(rid, base_version="1", **{"svar-2": "Samma."}), form_url=page)
    b = auth.post(url, draft_form(rid, base_version="1", **{"svar-2": "Samma."}, reservationer="B:s reservation."),
                  form_url=page)
    assert b.status_code == 302
    latest = _latest(reader, rid)
    assert latest["number"] == 3 and latest["reservationer"] == "B:s reservation." and latest["svar"][1]["text"] == "Samma."


def test_two_tabs_opened_before_anything_was_saved(world, auth, client, reader):
    """Both opened the prefilled draft (base 0): the second save does not overwrite the first."""
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    opened = _form_values(client.get(url).get_data(as_text=True))
    assert opened["base_version"] == "0"
    a = dict(opened, **{"svar-1": "A:s första svar."})
    assert auth.post(url, a, form_url=page).status_code == 302
    b = auth.post(url, dict(opened, **{"svar-5": "B:s femte svar."}), form_url=page)
    assert b.status_code == 409
    assert "Utkastet har sparats (version 1) efter att du öppnade det" in b.get_data(as_text=True)
    assert auth.post(url, _form_values(b.get_data(as_text=True)), form_url=page).status_code == 302
    latest = _latest(reader, rid)
    assert latest["svar"][0]["text"] == "A:s första svar." and latest["svar"][4]["text"] == "B:s femte svar."


def test_a_refused_stale_save_keeps_the_version_it_was_opened_on(world, auth, client, reader):
    """A form sent back for another reason (a text too long) still builds on the version B opened, so the next
    save is merged rather than reverting A's change."""
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = _two_tabs(auth, rid)
    auth.post(url, draft_form(rid, base_version="1", **{"svar-2": "A:s svar."}), form_url=page)
    b = auth.post(url, draft_form(rid, base_version="1", ovriga_synpunkter="x" * 100_001), form_url=page)
    assert b.status_code == 400
    assert _form_values(b.get_data(as_text=True))["base_version"] == "1"


def test_free_sections_without_ids_merge_by_position_and_an_emptied_one_is_dropped():
    """Content saved before sections had ids: matched by place (they read as "p1", "p2", …), as before."""
    from remiss.drafting.merge import three_way

    base = {"sammanfattning": "", "svar": [], "inga_synpunkter": False,
            "avsnitt": [{"rubrik": "Ett", "text": "a"}, {"rubrik": "Två", "text": "b"}]}
    theirs = dict(base, avsnitt=[{"rubrik": "Ett", "text": "a, ändrat av A"}, {"rubrik": "Två", "text": "b"}])
    mine = dict(base, avsnitt=[{"rubrik": "Ett", "text": "a"}, {"rubrik": "", "text": ""},
                               {"rubrik": "Tre", "text": "c av B"}])
    merged = three_way(base, theirs, mine)
    assert [(s["rubrik"], s["text"]) for s in merged.content["avsnitt"]] == [("Ett", "a, ändrat av A"),
                                                                               ("Tre", "c av B")]
    assert merged.taken == ["avsnitt-1-text"] and not merged.conflicts
    assert set(merged.kept) == {"avsnitt:p2", "avsnitt-2-rubrik", "avsnitt-2-text"}


def test_the_api_refuses_a_put_on_an_older_version_and_names_the_conflicts(world, auth, client, reader):
    from tests.conftest import csrf_token

    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    api = f"/api/v1/remisser/{rid}/yttrande"
    assert client.put(api, json={"sammanfattning": "Ett."}, headers=headers).status_code == 200
    assert client.put(api, json={"sammanfattning": "A.", "base_version": 1}, headers=headers).status_code == 200
    refused = client.put(api, json={"sammanfattning": "B.", "base_version": 1}, headers=headers)
    assert refused.status_code == 400
    errors = refused.get_json()["errors"]
    assert errors["sammanfattning"].startswith("Sammanfattning har ändrats både av dig och i version 2")
    assert errors["base_version"].startswith("Utkastet har sparats i en nyare version (2)")
    # the API keeps its contract: a save on an older version is refused whenever a newer version changed something
    # (the page offers the merge instead); the client re-reads and sends again
    kept = client.put(api, json={"ovriga_synpunkter": "B:s övriga.", "base_version": 1}, headers=headers)
    assert kept.status_code == 400
    assert kept.get_json()["errors"]["base_version"].startswith("Utkastet har sparats i en nyare version (2)")
    fresh = client.get(api).get_json()
    assert fresh["version"] == 2 and fresh["content"]["sammanfattning"] == "A."


def test_the_refusal_names_who_saved_the_newer_version_and_when(world, auth, client, reader):
    """A stale form is refused naming who changed it and when (remiss.stale_form), as Ändra uppgifter and the
    instans page do: "Version 2 sparades av <namn> <dag> kl. <tid>."."""
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    url, page = _two_tabs(auth, rid)
    assert auth.post(url, draft_form(rid, base_version="1", **{"svar-2": "A-ÄNDRING av svaret."}),
                     form_url=page).status_code == 302
    b = auth.post(url, draft_form(rid, base_version="1", ovriga_synpunkter="B-ÄNDRING av övrigt."), form_url=page)
    said = " ".join(unescape(re.sub(r"<[^>]+>", " ", b.get_data(as_text=True))).split())
    assert b.status_code == 409
    name = re.escape(world["handlaggare"].name)
    assert re.search(r"Utkastet har sparats i en nyare version \(2\) sedan du öppnade det \(version 1\), så din "
                     rf"ändring är inte sparad än\. Version 2 sparades av {name} \d+ \w+ \d{{4}} kl\. \d\d\.\d\d\.",
                     said), said
