"""What the saved sammanställning prints of each instans that has not answered – "(begärt anstånd)", "(anstånd
beviljat till …)", "(har inte fått remissen)" – dates it when it changes, as a changed title does
(compiled.Staleness): on the remiss page, in the API (`changed_parts` "anstand" and "sent", `anstand_since`,
`sent_since`), in Att göra, the start page and publishing."""
from __future__ import annotations

import re
from datetime import datetime
from html import unescape

from remiss.clock import STOCKHOLM
from remiss.remisser import service as remisser
from tests.conftest import csrf_token
from tests.outgoing.test_compilation_dated import (_compiled_again_is_current, _edit, _publish_refused,
                                                   _says_out_of_date, _saved_text)
from tests.outgoing.test_walk19_outgoing import _compile, _sent, _text, _todo, compiled


def _entry(session, rid, name) -> int:
    found = next(e.id for e in remisser.entries(session, rid) if e.name == name)
    session.close()
    return found


def _on_entry(auth, session, rid, name, **fields):
    url = f"/remisser/{rid}/utskick/instanser/{_entry(session, rid, name)}"
    done = auth.post(url, fields, form_url=url)
    assert done.status_code == 302, _text(done)


def _api(client, rid) -> dict:
    return client.get(f"/api/v1/remisser/{rid}").json["sammanstallning"]


def test_an_anstand_asked_for_after_the_sammanstallning_dates_it(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    assert "Ungdomsrådet (begärt anstånd)" not in _saved_text(client, rid)
    _on_entry(auth, session, rid, "Ungdomsrådet", action="request_extension", until_on="2027-03-12",
              reason="Rådet möts i mars")
    # Old code: up to date, though the document lists Ungdomsrådet as only "not answered".
    _says_out_of_date(auth, client, rid, dnr,
                      said="Sammanställningen är äldre än anståndet för Ungdomsrådet – sammanställ igen.",
                      reason="ett anstånd har begärts efter sammanställningen", parts=["anstand"])
    assert _api(client, rid)["anstand_since"] == ["Ungdomsrådet"]
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Ungdomsrådet (begärt anstånd)" in _saved_text(client, rid)

    # granted later: dated again, in the words for a grant
    _on_entry(auth, session, rid, "Ungdomsrådet", action="grant_extension", until_on="2027-03-12")
    _says_out_of_date(auth, client, rid, dnr,
                      said="Sammanställningen är äldre än anståndet för Ungdomsrådet – sammanställ igen.",
                      reason="ett anstånd har beviljats efter sammanställningen", parts=["anstand"])
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Ungdomsrådet (anstånd beviljat till 12 mars 2027)" in _saved_text(client, rid)


def test_two_anstand_and_an_answer_are_named_together(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    _on_entry(auth, session, rid, "Ungdomsrådet", action="grant_extension", until_on="2027-03-12")
    _on_entry(auth, session, rid, "Funktionshinderrådet", action="request_extension", until_on="2027-03-19")
    _edit(auth, rid, title="Lekplatsprogram 2027")
    said = ("Sammanställningen är äldre än anstånden för Ungdomsrådet och Funktionshinderrådet, och titeln har "
            "ändrats sedan – sammanställ igen.")
    assert said in _text(client.get(f"/remisser/{rid}"))
    part = _api(client, rid)
    assert (part["out_of_date"], part["changed_since"], part["changed_parts"], part["anstand_since"],
            part["message"]) == (True, [], ["title", "anstand"], ["Ungdomsrådet", "Funktionshinderrådet"], said)
    assert ("– anstånd har begärts och beviljats, och titeln har ändrats efter sammanställningen; vänta sedan på svar "
            "från ") in _todo(client)
    # an instans that asked for anstånd and then answered is named for its answer alone
    url = f"/remisser/{rid}/utskick/instanser/{_entry(session, rid, 'Funktionshinderrådet')}"
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-05", "summary": "Bra."},
                     form_url=url).status_code == 302
    part = _api(client, rid)
    assert (part["changed_since"], part["anstand_since"], part["message"]) == (
        ["Funktionshinderrådet"], ["Ungdomsrådet"],
        "Sammanställningen är äldre än svaret från Funktionshinderrådet och anståndet för Ungdomsrådet, och titeln "
        "har ändrats sedan – sammanställ igen.")


def test_sending_to_an_instans_after_the_sammanstallning_dates_it(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    _edit(auth, rid,
          sandlista="Pensionärsrådet\nUngdomsrådet\nFunktionshinderrådet\nKulturrådet <kultur@malmo.example>")
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM))  # the svarstid is over
    _compile(auth, rid)
    assert "Kulturrådet (har inte fått remissen)" in _saved_text(client, rid)
    page = f"/remisser/{rid}"
    # back to waiting for answers, a longer svarstid, and the remiss sent to Kulturrådet too
    assert auth.post(f"{page}/status", {"status": "svarstiden_ute"}, form_url=page).status_code == 302
    assert auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-03-26", "confirm_extension": "1"},
                     form_url=page).status_code == 302
    sent = auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page)
    assert sent.status_code == 302, _text(sent)
    # Old code: the svarstid alone was named; the document's "(har inte fått remissen)" was not.
    said = ("Svarstiden har ändrats och remissen har skickats till Kulturrådet efter sammanställningen – "
            "sammanställ igen.")
    assert said in _text(client.get(page))
    part = _api(client, rid)
    assert (part["out_of_date"], part["changed_parts"], part["sent_since"], part["message"]) == (
        True, ["deadline", "sent"], ["Kulturrådet"], said)
    assert f"publicerades inte. {said}" in _publish_refused(auth, client, rid)
    _compile(auth, rid)
    part = _api(client, rid)
    assert (part["out_of_date"], part["changed_parts"], part["sent_since"]) == (False, [], [])
    assert "Kulturrådet (har inte fått remissen)" not in _saved_text(client, rid)


def test_a_new_group_for_an_instans_dates_it_as_a_sandlista_change(session, app, auth, client, clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    assert "Pensionärsrådet (Råd för äldre)" not in _saved_text(client, rid)  # the groups it prints
    rows = [{"name": "Pensionärsrådet", "group_name": "Råd för äldre"}, {"name": "Ungdomsrådet"},
            {"name": "Funktionshinderrådet"}]
    patched = client.patch(f"/api/v1/remisser/{rid}", json={"sandlista": rows},
                           headers={"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")})
    assert patched.status_code == 200, patched.get_json()
    # Old code: the group was dropped without a word, and the sammanställning stayed "current".
    assert [(e["name"], e["group_name"]) for e in patched.get_json()["sandlista"]][0] == (
        "Pensionärsrådet", "Råd för äldre")
    _says_out_of_date(auth, client, rid, dnr,
                      said="Sändlistan har ändrats efter sammanställningen – sammanställ igen.",
                      reason="sändlistan har ändrats efter sammanställningen", parts=["sandlista"])
    assert "Pensionärsrådet (Råd för äldre)" in _text(client.get(f"/remisser/{rid}"))
    _compiled_again_is_current(auth, client, rid, dnr)
    assert "Pensionärsrådet (Råd för äldre)" in _saved_text(client, rid)


def _choices(client, rid) -> dict[str, tuple[bool, str]]:
    """The publishing form's files: label → (ticked, id)."""
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    form = page[page.index('id="publicering"'):]
    return {label: ("checked" in attrs, value) for value, attrs, label in re.findall(
        r'name="attachment_ids" value="(\d+)"([^>]*)> <label for="p-\d+">([^<]*)</label>', form)}


def test_the_publishing_form_does_not_tick_a_published_sammanstallning_gone_out_of_date(session, app, auth, client,
                                                                                         clock):
    rid, dnr = compiled(session, app, auth, client, clock)
    chosen = _choices(client, rid)
    assert all(ticked for ticked, _ in chosen.values())  # the missiv and the sammanställning
    done = auth.post(f"/remisser/{rid}/utskick/publicera",
                     {"attachment_ids": [value for _, value in chosen.values()], "intro": "Svaren på remissen."},
                     form_url=f"/remisser/{rid}")
    assert done.status_code == 302
    _edit(auth, rid, title="Lekplatsprogram för Malmö 2027")
    old = next(label for label in chosen if label.endswith("(sammanställning)"))
    missiv = next(label for label in chosen if "(missiv)" in label)
    # Old code: the form still ticked the published sammanställning as if current (and publishing it again was
    # refused); now it says why it is not ticked, and keeps the rest the user chose.
    assert _choices(client, rid) == {
        missiv: (True, chosen[missiv][1]),
        f"{old} – äldre: titeln har ändrats efter sammanställningen, sammanställ igen": (False, chosen[old][1])}
    assert "Svaren på remissen.</textarea>" in client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert _api(client, rid)["out_of_date"] is True
    _compile(auth, rid)
    now = _choices(client, rid)
    new_id = str(_api(client, rid)["file_id"])
    assert now == {missiv: (True, chosen[missiv][1]),
                   f"{old} – ersatt av en senare sammanställning": (False, chosen[old][1]),
                   old: (True, new_id)}
    assert auth.post(f"/remisser/{rid}/utskick/publicera",
                     {"attachment_ids": [value for ticked, value in now.values() if ticked]},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert client.get(f"/remissvar/{rid}/filer/{new_id}").status_code == 200
