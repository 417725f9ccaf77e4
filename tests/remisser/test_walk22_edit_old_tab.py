"""walk22 L2: Ändra uppgifter from an old tab wrote back every field it had loaded, undoing another tab's saved
change without a word (tab A saved Anteckningar, tab B – opened before – saved Kontaktperson and put the old notes
back). The form now carries what it loaded (remisser.edit_base): a save writes only the fields changed in its tab;
a field changed in both is refused, naming the other change (who, when, the value now), with what was typed kept,
and saving again then writes it. Frågeställningar and sändlista are fields too."""
from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest
from sqlmodel import select

from remiss.remisser.models import Question, Remiss
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


class _Form(HTMLParser):
    """The values a browser sends for the page's form with class remiss-form (text, hidden, checked boxes,
    textareas, selected options)."""

    def __init__(self):
        super().__init__()
        self.values, self._in, self._textarea, self._select = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "remiss-form" in (a.get("class") or ""):
            self._in = True
        if not self._in or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "file", "submit") or \
                tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.values[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_of(page: str) -> dict:
    parser = _Form()
    parser.feed(page)
    parser.values.pop("csrf_token", None)
    return {k: v.lstrip("\n") if k in ("notes", "questions", "sandlista", "answer_address") else v
            for k, v in parser.values.items()}


@pytest.fixture
def remiss_id(session, clock):
    clock.set(at(2026, 12, 6, 9))
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    make_user(session, role="registrator", namnder=[namnd], email="sara@sofo.se", name="Sara Sekreterare")
    remiss = make_remiss(session, namnd=namnd, title="Förslag till kommungemensamt kontaktcenter",
                         deadline_on=date(2027, 3, 1), notes="Demoärende byggt på en verklig remiss.",
                         questions=["Är förslaget rimligt?"], now=clock())
    session.commit()
    return remiss.id


def _open(client, remiss_id) -> dict:
    response = client.get(f"/remisser/{remiss_id}/andra")
    assert response.status_code == 200
    return form_of(response.get_data(as_text=True))


def _save(auth, remiss_id, form: dict):
    url = f"/remisser/{remiss_id}/andra"
    return auth.post(url, form, form_url=url)


def _now(db, remiss_id):
    with db.transaction(write=False) as s:
        remiss = s.get(Remiss, remiss_id)
        questions = [q.text for q in s.exec(select(Question).where(Question.remiss_id == remiss_id)
                                             .order_by(Question.position))]
        return remiss.title, remiss.notes, remiss.contact_person, questions


def test_an_old_tab_saves_only_its_own_change(remiss_id, auth, client, db, clock):
    auth.login("sara@sofo.se")
    tab_a, tab_b = _open(client, remiss_id), _open(client, remiss_id)
    assert "base" in tab_b  # the form says what it loaded
    clock.advance(minutes=2)
    saved = _save(auth, remiss_id, tab_a | {"notes": "Viktig anteckning från flik A.",
                                            "questions": "Är förslaget rimligt?\nHur påverkas äldre?"})
    assert saved.status_code == 302
    clock.advance(minutes=3)
    saved = _save(auth, remiss_id, tab_b | {"contact_person": "Kalle Kontakt"})
    assert saved.status_code == 302
    assert _now(db, remiss_id) == ("Förslag till kommungemensamt kontaktcenter", "Viktig anteckning från flik A.",
                                   "Kalle Kontakt", ["Är förslaget rimligt?", "Hur påverkas äldre?"])
    history = visible_text(client.get(f"/remisser/{remiss_id}").get_data(as_text=True))
    assert "Viktig anteckning från flik A. → Demoärende" not in history  # tab B put nothing back


def test_a_field_changed_in_both_tabs_is_refused_naming_the_other_change(remiss_id, auth, client, db, clock):
    auth.login("sara@sofo.se")
    tab_a, tab_b = _open(client, remiss_id), _open(client, remiss_id)
    clock.advance(minutes=2)  # 09.02 in Stockholm
    assert _save(auth, remiss_id, tab_a | {"notes": "Viktig anteckning från flik A.",
                                           "title": "Förslag till kontaktcenter"}).status_code == 302
    clock.advance(minutes=3)
    clash = _save(auth, remiss_id, tab_b | {"notes": "Min anteckning från flik B.", "contact_person": "Kalle"})
    page = clash.get_data(as_text=True)
    said = visible_text(page)
    assert clash.status_code == 409
    assert "Ändrat av någon annan sedan du öppnade sidan" in said
    assert ("Anteckningar: Har ändrats av Sara Sekreterare 6 december 2026 kl. 09.02, efter att du öppnade sidan. "
            "Nu: ”Viktig anteckning från flik A.”. Det du skrev står kvar i fältet") in said  # the summary
    assert said.count("Har ändrats av") == 2  # the summary and the field, Anteckningar only
    assert "Ärendemening: Har ändrats" not in said  # only tab A changed the title: no clash
    # nothing saved, nothing lost: what tab B typed is in the form, tab A's title too
    assert _now(db, remiss_id)[1:3] == ("Viktig anteckning från flik A.", "")
    again = form_of(page)
    assert again["notes"] == "Min anteckning från flik B." and again["contact_person"] == "Kalle"
    assert again["title"] == "Förslag till kontaktcenter"
    # saving again (having seen the other change) writes tab B's changes and keeps tab A's title
    assert _save(auth, remiss_id, again).status_code == 302
    assert _now(db, remiss_id)[:3] == ("Förslag till kontaktcenter", "Min anteckning från flik B.", "Kalle")


def test_questions_changed_in_both_tabs_are_refused_too(remiss_id, auth, client, db, clock):
    auth.login("sara@sofo.se")
    tab_a, tab_b = _open(client, remiss_id), _open(client, remiss_id)
    clock.advance(minutes=1)
    assert _save(auth, remiss_id, tab_a | {"questions": "Är förslaget rimligt?\nVad kostar det?"}).status_code == 302
    clash = _save(auth, remiss_id, tab_b | {"questions": "Är förslaget bra?"})
    said = visible_text(clash.get_data(as_text=True))
    assert clash.status_code == 409
    assert "Frågeställningar: Har ändrats av Sara Sekreterare" in said
    assert "Nu: ”Är förslaget rimligt?; Vad kostar det?”" in said
    assert _now(db, remiss_id)[3] == ["Är förslaget rimligt?", "Vad kostar det?"]


LONG_QUESTION = ("Hur bedömer nämnden att förslaget om ett kommungemensamt kontaktcenter påverkar tillgängligheten "
                 "för invånare som inte använder digitala kanaler, särskilt äldre personer och personer med "
                 "funktionsnedsättning, och vilka åtgärder behövs för att ingen ska få sämre service än i dag?")


def test_a_long_change_in_the_other_tab_is_shown_whole_and_kept_when_saving_again(remiss_id, auth, client, db,
                                                                                  clock):
    """M7: the clash message cut the other save's value at 200 characters, and saving again from the page that came
    back wrote this tab's lines only: a frågeställning the other tab added, past the cut, was lost unseen."""
    assert len(LONG_QUESTION) > 200
    auth.login("sara@sofo.se")
    tab_a, tab_b = _open(client, remiss_id), _open(client, remiss_id)
    clock.advance(minutes=2)
    assert _save(auth, remiss_id, tab_a | {"questions": f"Är förslaget rimligt?\n{LONG_QUESTION}"}).status_code == 302
    clock.advance(minutes=3)
    clash = _save(auth, remiss_id, tab_b | {"questions": "Är förslaget bra?"})
    page = clash.get_data(as_text=True)
    said = visible_text(page)
    assert clash.status_code == 409
    # the value now, whole: the end of the long question is there, in the summary and at the field
    assert said.count(f"Nu: ”Är förslaget rimligt?; {LONG_QUESTION}”") == 2, said
    assert "I fältet står nu dina ändringar och raden som lades till där: spara igen för att spara båda" in said
    # the field that comes back: this tab's change, and the question the other tab added
    again = form_of(page)
    assert again["questions"].splitlines() == ["Är förslaget bra?", LONG_QUESTION]
    assert _save(auth, remiss_id, again).status_code == 302
    assert _now(db, remiss_id)[3] == ["Är förslaget bra?", LONG_QUESTION]


def test_a_long_notes_value_from_the_other_tab_is_shown_whole(remiss_id, auth, client, db, clock):
    """M7 for a field of text: the other save's long Anteckningar are shown whole, so that "spara igen" (which puts
    this tab's text in their place, as the message says) is decided on all of it."""
    notes = "Anteckning från flik A. " * 12 + "Slutet av anteckningen."
    assert len(notes) > 200
    auth.login("sara@sofo.se")
    tab_a, tab_b = _open(client, remiss_id), _open(client, remiss_id)
    assert _save(auth, remiss_id, tab_a | {"notes": notes}).status_code == 302
    clash = _save(auth, remiss_id, tab_b | {"notes": "Flik B:s anteckning."})
    said = visible_text(clash.get_data(as_text=True))
    assert clash.status_code == 409
    assert f"Nu: ”{notes.strip()}”." in said
    assert form_of(clash.get_data(as_text=True))["notes"] == "Flik B:s anteckning."
