"""walk20 H10: an avsnitt with a rubrik and no text was saved, sent to granskning and printed as a bare heading. The
save warns (what was typed is saved), the panel says it, and "Skicka till granskning" is refused until the text is
written or the rubrik removed – as a missing answer is caught before granskning."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.drafting.models import YttrandeDraft
from tests.drafting.conftest import doc_lines
from tests.support.factories import make_remiss
from tests.support.pages import visible_text


BARE = "Avsnittet ”Rubrik utan text” saknar text – skriv texten eller ta bort rubriken."


def test_a_rubrik_without_text_is_warned_at_save_and_refused_at_granskning(world, auth, client, session):
    remiss = make_remiss(session, namnd=world["namnd"], title="Förslag till trafikplan", received_on=date(2015, 8, 20),
                         handlaggare_id=world["handlaggare"].id)  # no frågeställningar: the yttrande has avsnitt
    session.commit()
    rid, page_url = remiss.id, f"/remisser/{remiss.id}"
    auth.login(world["handlaggare"].email)
    data = {"sammanfattning": "Nämnden är positiv.",
            "avsnitt-1-rubrik": "Inledande synpunkter", "avsnitt-1-text": "Planen är genomarbetad.",
            "avsnitt-2-rubrik": "Rubrik utan text", "avsnitt-2-text": "",
            "avsnitt-3-rubrik": "Trafiksäkerhet", "avsnitt-3-text": "Skolvägarna behöver ses över."}
    saved = auth.post(f"/remisser/{rid}/yttrande", data, form_url=page_url, follow_redirects=True)
    shown = visible_text(saved.get_data(as_text=True))
    assert "Klart: Version 1 av yttrandet är sparad." in shown
    assert f"Observera: {BARE}" in shown  # warned, and what was typed is saved
    assert 'value="Rubrik utan text"' in saved.get_data(as_text=True)
    assert 'id="without-text"' in saved.get_data(as_text=True)  # said beside Skicka till granskning too
    refused = auth.post(f"/remisser/{rid}/yttrande/lage", {"state": "granskning"}, form_url=page_url,
                        follow_redirects=True)
    assert f"Fel: {BARE}" in visible_text(refused.get_data(as_text=True))
    session.expire_all()
    assert session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one().state == "utkast"
    session.rollback()  # let go of SQLite before the app writes
    # two bare rubriker are named together
    two = dict(data, **{"avsnitt-3-text": ""})
    shown = visible_text(auth.post(f"/remisser/{rid}/yttrande", two, form_url=page_url,
                            follow_redirects=True).get_data(as_text=True))
    assert ("Avsnitten ”Rubrik utan text” och ”Trafiksäkerhet” saknar text – skriv texten eller ta bort "
            "rubrikerna.") in shown
    # the rubrik removed: sent, and the yttrande prints no bare heading
    fixed = dict(data, **{"avsnitt-2-rubrik": ""})
    assert auth.post(f"/remisser/{rid}/yttrande", fixed, form_url=page_url).status_code == 302
    sent = auth.post(f"/remisser/{rid}/yttrande/lage", {"state": "granskning"}, form_url=page_url,
                     follow_redirects=True)
    assert "Klart: Yttrandet är skickat till granskning." in visible_text(sent.get_data(as_text=True))
    headings = [t for s, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)
                if s == "Heading 3"]
    assert "Rubrik utan text" not in headings and headings[:2] == ["Inledande synpunkter", "Trafiksäkerhet"]


def test_the_prefilled_first_section_left_empty_is_neither_asked_about_nor_printed(world, auth, client, session):
    remiss = make_remiss(session, namnd=world["namnd"], title="Förslag till parkplan", received_on=date(2015, 8, 20),
                         handlaggare_id=world["handlaggare"].id)
    session.commit()
    rid, page_url = remiss.id, f"/remisser/{remiss.id}"
    auth.login(world["handlaggare"].email)
    form = client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True)
    assert 'value="Inledande synpunkter"' in form  # the suggestion the form starts with
    saved = auth.post(f"/remisser/{rid}/yttrande", {"sammanfattning": "Nämnden är positiv till planen."},
                      form_url=page_url, follow_redirects=True)
    assert "saknar text" not in visible_text(saved.get_data(as_text=True))
    sent = auth.post(f"/remisser/{rid}/yttrande/lage", {"state": "granskning"}, form_url=page_url,
                     follow_redirects=True)
    assert "Klart: Yttrandet är skickat till granskning." in visible_text(sent.get_data(as_text=True))
    lines = doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)
    assert "Inledande synpunkter" not in [t for _, t in lines]  # no bare heading
    assert "Nämnden är positiv till planen." in [t for _, t in lines]
