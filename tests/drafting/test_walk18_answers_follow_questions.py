"""walk18 F10: the registrator changes the frågeställningar of an incoming remiss after the handläggare has drafted
answers. Each answer follows its own question (not its place) in the editor and in yttrande.docx; an answer whose
question was removed is kept as "Svar utan fråga" for the handläggare, never put under another question; and the
registrator is told what happened to the answers."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

from tests.drafting.conftest import NOW, doc_lines
from tests.drafting.test_flow import draft_form
from tests.support.factories import make_remiss

A, B, C = "Fråga A om kultur?", "Fråga B om ekonomi?", "Ny fråga C om miljö?"
SVAR_A, SVAR_B = "Svar på A: kultur är viktigt.", "Svar på B: ekonomin räcker."


def _under(lines: list[str], answer: str, headings: list[str]) -> str | None:
    """The heading above answer in the document, without its number (None: answer not there)."""
    place = next((n for n, line in enumerate(lines) if answer in line), None)
    if place is None:
        return None
    above = next((line for line in reversed(lines[:place]) if any(h in line for h in headings)), "")
    return above.split(". ", 1)[1] if above[:1].isdigit() else above or None  # "3. Fråga A …": the question


def _docx_lines(client, rid: int) -> list[str]:
    response = client.get(f"/remisser/{rid}/dokument/yttrande.docx")
    assert response.status_code == 200
    return [line for _, line in doc_lines(response.data)]


def _change_questions(auth, clock, rid: int, questions: list[str]) -> str:
    clock.advance(minutes=5)
    url = f"/remisser/{rid}/andra"
    done = auth.post(url, {"questions": "\n".join(questions)}, form_url=url, follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert done.status_code == 200, said
    assert "Ändringarna är sparade." in said
    return said


def test_drafted_answers_follow_their_questions_and_a_removed_questions_answer_is_kept(world, session, auth,
                                                                                        client, clock):
    remiss = make_remiss(session, namnd=world["namnd"], now=NOW, title="Remiss om parkeringsnorm",
                         remittent="Kulturnämnden", deadline_on=date(2015, 9, 28), deadline_time=None,
                         handlaggare_id=world["handlaggare"].id, questions=[A, B])
    session.commit()
    rid = remiss.id
    auth.login(world["handlaggare"].email)
    saved = auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, **{"svar-1": SVAR_A, "svar-2": SVAR_B}),
                      form_url=f"/remisser/{rid}")
    assert saved.status_code == 302

    # the remittent's corrected list: a new question first, A and B swapped
    auth.logout()
    auth.login(world["registrator"].email)
    said = _change_questions(auth, clock, rid, [C, B, A])
    auth.logout()
    auth.login(world["handlaggare"].email)
    lines = _docx_lines(client, rid)
    # Old code: "Svar på A" stood under "Ny fråga C om miljö?" (answers were kept by place).
    assert _under(lines, SVAR_A, [A, B, C]) == A
    assert _under(lines, SVAR_B, [A, B, C]) == B
    form = unescape(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True))
    assert form.index(A) < form.index(SVAR_A) and form.index(C) < form.index(B) < form.index(SVAR_B) < form.index(A)
    assert "1 svar i utkastet till yttrande flyttades med sin fråga." in said

    # a typo fixed in A keeps its answer; B removed: its answer is kept, shown apart, under no other question
    auth.logout()
    auth.login(world["registrator"].email)
    fixed_a = "Fråga A om kulturen?"
    said = _change_questions(auth, clock, rid, [C, fixed_a])
    assert ("1 svar i utkastet till yttrande flyttades med sin fråga; 1 svar i utkastet hör till en fråga som inte "
            "finns kvar och visas för handläggaren som ”Svar utan fråga”.") in said
    history = " ".join(unescape(client.get(f"/remisser/{rid}").get_data(as_text=True)).split())
    assert "visas för handläggaren som ”Svar utan fråga”" in history
    auth.logout()
    auth.login(world["handlaggare"].email)
    lines = _docx_lines(client, rid)
    assert _under(lines, SVAR_A, [fixed_a, C, "Svar utan fråga"]) == fixed_a, "\n".join(lines)
    # Old code: "Svar på B" was nowhere (a removed question's answer vanished, or sat under the next question).
    assert _under(lines, SVAR_B, [fixed_a, C, "Svar utan fråga"]) == f"Svar utan fråga: {B}"
    form = unescape(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True))
    assert f"Svar utan fråga: {B}" in form and SVAR_B in form

    assert 'name="avsnitt-1-text"' in form

    # the handläggare saves: the answer without a question stays a section of its own until she removes it
    saved = auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, **{"svar-1": "", "svar-2": SVAR_A}),
                      form_url=f"/remisser/{rid}")
    assert saved.status_code == 302
    form = unescape(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True))
    assert f"Svar utan fråga: {B}" in form and SVAR_B in form
    emptied = {"avsnitt-1-rubrik": "", "avsnitt-1-text": "", "avsnitt-1-id": "utan-fraga-1"}
    saved = auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, **{"svar-1": "", "svar-2": SVAR_A}, **emptied),
                      form_url=f"/remisser/{rid}")
    assert saved.status_code == 302
    assert SVAR_B not in unescape(client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True))
    assert not [line for line in _docx_lines(client, rid) if SVAR_B in line or "Svar utan fråga" in line]


def test_a_form_opened_before_the_questions_changed_saves_each_answer_under_its_own_question(world, session, auth,
                                                                                             client, clock):
    remiss = make_remiss(session, namnd=world["namnd"], now=NOW, title="Remiss om parkeringsnorm",
                         remittent="Kulturnämnden", deadline_on=date(2015, 9, 28), deadline_time=None,
                         handlaggare_id=world["handlaggare"].id, questions=[A, B])
    session.commit()
    rid = remiss.id
    auth.login(world["handlaggare"].email)
    opened = client.get(f"/remisser/{rid}/yttrande").get_data(as_text=True)  # nothing saved yet
    hidden = dict(re.findall(r'<input type="hidden" name="(fraga-\d+(?:-id)?)" value="([^"]*)"', opened))
    # Old code: the form named no question; only the answers' places were sent.
    assert sorted(hidden) == ["fraga-1", "fraga-1-id", "fraga-2", "fraga-2-id"]
    auth.logout()
    auth.login(world["registrator"].email)
    _change_questions(auth, clock, rid, [C, B, A])
    auth.logout()
    auth.login(world["handlaggare"].email)
    typed = draft_form(rid, **{"svar-1": SVAR_A, "svar-2": SVAR_B, "base_version": "0"}, **unescape_all(hidden))
    assert auth.post(f"/remisser/{rid}/yttrande", typed, form_url=f"/remisser/{rid}").status_code == 302
    lines = _docx_lines(client, rid)
    assert _under(lines, SVAR_A, [A, B, C]) == A
    assert _under(lines, SVAR_B, [A, B, C]) == B


def unescape_all(values: dict[str, str]) -> dict[str, str]:
    return {key: unescape(value) for key, value in values.items()}


def test_an_answer_without_a_question_stops_granskning_and_approval_until_it_is_moved(world, session, auth,
                                                                                       client, clock, reader):
    """The F10 follow-up: "Svar utan fråga: …" would be sent as a section of the yttrande; the handläggare moves
    or removes it before the draft goes on."""
    from remiss.drafting.models import YttrandeDraft
    from sqlmodel import select

    remiss = make_remiss(session, namnd=world["namnd"], now=NOW, title="Remiss om parkeringsnorm",
                         remittent="Kulturnämnden", deadline_on=date(2015, 9, 28), deadline_time=None,
                         handlaggare_id=world["handlaggare"].id, questions=[A, B])
    session.commit()
    rid, page = remiss.id, f"/remisser/{remiss.id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande", draft_form(rid, **{"svar-1": SVAR_A, "svar-2": SVAR_B}),
                     form_url=page).status_code == 302
    auth.logout()
    auth.login(world["registrator"].email)
    _change_questions(auth, clock, rid, [A])  # B removed: its answer becomes "Svar utan fråga: Fråga B …"
    auth.logout()
    auth.login(world["handlaggare"].email)

    shown = " ".join(unescape(client.get(page).get_data(as_text=True)).split())
    assert 'id="without-question"' in shown and f"medan det har avsnittet ”Svar utan fråga: {B}”" in shown
    sent = auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page, follow_redirects=True)
    said = " ".join(unescape(sent.get_data(as_text=True)).split())
    # Old code: the draft went to granskning with the stray answer as a section of the yttrande.
    assert (f"Yttrandet kan inte skickas till granskning medan det har avsnittet ”Svar utan fråga: {B}”: ett svar "
            "vars fråga inte längre finns bland frågeställningarna. Öppna Redigera yttrandet, flytta texten till den "
            "fråga den hör till eller ta bort avsnittet, och spara.") in said, said
    reader.rollback()
    assert reader.exec(select(YttrandeDraft.state).where(YttrandeDraft.remiss_id == rid)).one() == "utkast"

    # moved: the text under A, the section removed; now it goes
    moved = {"svar-1": f"{SVAR_A} {SVAR_B}", "avsnitt-1-rubrik": "", "avsnitt-1-text": "",
             "avsnitt-1-id": "utan-fraga-1"}
    assert auth.post(f"{page}/yttrande", draft_form(rid, **moved), form_url=page).status_code == 302
    sent = auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page, follow_redirects=True)
    assert "kan inte skickas till granskning" not in unescape(sent.get_data(as_text=True))
    reader.rollback()
    assert reader.exec(select(YttrandeDraft.state).where(YttrandeDraft.remiss_id == rid)).one() == "granskning"

    # the question changed again while in granskning: the granskare cannot approve the stray answer either
    auth.logout()
    auth.login(world["registrator"].email)
    _change_questions(auth, clock, rid, [C])
    auth.logout()
    auth.login(world["granskare"].email)
    approved = auth.post(f"{page}/yttrande/lage", {"state": "godkand"}, form_url=page, follow_redirects=True)
    said = " ".join(unescape(approved.get_data(as_text=True)).split())
    assert f"Yttrandet kan inte godkännas medan det har avsnittet ”Svar utan fråga: {A}”" in said, said
    reader.rollback()
    assert reader.exec(select(YttrandeDraft.state).where(YttrandeDraft.remiss_id == rid)).one() == "granskning"
