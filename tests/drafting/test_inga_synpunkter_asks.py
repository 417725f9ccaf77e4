"""walk21 J14: without JavaScript "Inga synpunkter" replaced the draft at once; the question was only in the dialog.
A post without the dialog's yes now changes nothing: the page asks beside the button with the box "Ja, ersätt
utkastet" (remiss/web/asking.py), as "Observera", not "Fel", and the question names the noun of the kind
("på ärendet" for a medborgarförslag). A draft that cannot be changed is refused first, without a question."""
from __future__ import annotations

import pytest
from sqlmodel import select

from remiss.drafting.models import DraftVersion, YttrandeDraft
from remiss.remisser.models import Remiss
from tests.support.asking import assert_asked_beside, form_at, visible_text


def _form(page: str) -> str:
    return form_at(page, 'yttrande/inga-synpunkter"')


def _versions(session, rid: int) -> int:
    session.expire_all()
    count = len(session.exec(select(DraftVersion).join(YttrandeDraft, YttrandeDraft.id == DraftVersion.draft_id)
                             .where(YttrandeDraft.remiss_id == rid)).all())
    session.rollback()
    return count


@pytest.mark.parametrize("kind, the", [("remiss", "remissen"), ("medborgarforslag", "ärendet")])
def test_inga_synpunkter_without_the_dialogs_yes_asks_on_the_page(world, session, auth, client, kind, the):
    remiss = session.get(Remiss, world["remiss"].id)
    remiss.kind = kind
    session.add(remiss)
    session.commit()
    rid = remiss.id
    page = f"/remisser/{rid}"
    question = (f"Ersätta utkastet med ett kort yttrande om att nämnden inte har några synpunkter på {the}? Den "
                "nuvarande texten finns kvar som en tidigare version.")
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande", {"sammanfattning": "Vår egen text."}, form_url=f"{page}/yttrande",
                     ).status_code == 302
    before = _versions(session, rid)
    form = _form(client.get(page).get_data(as_text=True))
    assert f'data-confirm="{question}" data-confirmed="confirm_inga_synpunkter"' in form, form

    refused = auth.post(f"{page}/yttrande/inga-synpunkter", {}, form_url=page)
    assert refused.headers["Location"].endswith("?inga-synpunkter=fraga#inga-synpunkter")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    # Old code: "Yttrandet är nu ”inga synpunkter” (version 2)." with no question
    assert ("Observera: Utkastet är inte ersatt. Läs frågan vid knappen och kryssa i ”Ja, ersätt utkastet” om "
            "yttrandet ska bli ”inga synpunkter”.") in visible_text(asked)
    form = _form(asked)
    assert_asked_beside(form, "confirm_inga_synpunkter", question, "Ja, ersätt utkastet")
    assert "Fel:" not in visible_text(asked)
    assert _versions(session, rid) == before

    done = visible_text(auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                           form_url=refused.headers["Location"], follow_redirects=True).get_data(as_text=True))
    assert "Yttrandet är nu ”inga synpunkter”" in done
    assert _versions(session, rid) == before + 1

    # sent to granskning, the draft cannot change: refused first, with no question
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page).status_code == 302
    again = auth.post(f"{page}/yttrande/inga-synpunkter", {}, form_url=page)
    assert "fraga" not in again.headers["Location"]
    said = visible_text(client.get(again.headers["Location"]).get_data(as_text=True))
    assert "Utkastet har status ”Granskning” och kan inte ändras." in said
    assert _versions(session, rid) == before + 1


def test_inga_synpunkter_sent_twice_says_so_in_the_page_and_saves_one_version(world, session, auth, client, clock):
    """Session 24: the second request saved another identical version and flashed "Yttrandet är nu ”inga
    synpunkter” (version 3)." through the session cookie (walk21b K4). The page itself now says it already is,
    naming the version, who saved it and when; the API saves as before."""
    from remiss.calendar.swedish import format_date_time
    from tests.conftest import csrf_token

    rid = world["remiss"].id
    email = world["handlaggare"].email
    session.rollback()  # end the test's read: SQLite has one writer
    page = f"/remisser/{rid}"
    auth.login(email)
    assert auth.post(f"{page}/yttrande", {"sammanfattning": "Vår egen text."}, form_url=f"{page}/yttrande",
                     ).status_code == 302
    saved_at = clock()
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=page).status_code == 302
    client.get(page)  # the first answer's flash read where it belongs
    before = _versions(session, rid)
    clock.advance(seconds=1)
    again = auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"}, form_url=page)
    # Old code: 302, "Yttrandet är nu ”inga synpunkter” (version 3)." and a third, identical version
    assert again.status_code == 200 and "Location" not in again.headers
    assert (f"Information: Yttrandet är redan ”inga synpunkter”: version {before}, sparad av dig "
            f"{format_date_time(saved_at)}. Inget mer behöver göras.") in visible_text(again.get_data(as_text=True))
    assert _versions(session, rid) == before
    api = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "inga_synpunkter"},
                      headers={"X-CSRFToken": csrf_token(client, page)})
    assert api.status_code == 200 and _versions(session, rid) == before + 1  # the API as before


def test_with_nothing_saved_the_question_promises_no_earlier_version(world, session, auth, client):
    """walk25 Y17: "Läge: Utkast · inget sparat ännu" and the question said "Ersätta utkastet … Den nuvarande texten
    finns kvar som en tidigare version." – there was neither."""
    rid = world["remiss"].id
    page = f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    assert _versions(session, rid) == 0
    question = "Göra yttrandet till ett kort svar att nämnden inte har några synpunkter på remissen?"
    form = _form(client.get(page).get_data(as_text=True))
    # old code: data-confirm="Ersätta utkastet med … Den nuvarande texten finns kvar som en tidigare version."
    assert f'data-confirm="{question}" data-confirmed="confirm_inga_synpunkter"' in form, form
    assert "utkastet" not in form and "tidigare version" not in form
    refused = auth.post(f"{page}/yttrande/inga-synpunkter", {}, form_url=page)
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert ("Observera: Yttrandet är inte ändrat. Läs frågan vid knappen och kryssa i ”Ja, inga synpunkter” om "
            "yttrandet ska bli ”inga synpunkter”.") in visible_text(asked)
    assert_asked_beside(_form(asked), "confirm_inga_synpunkter", question, "Ja, inga synpunkter")
    assert _versions(session, rid) == 0


def test_inga_synpunkter_of_a_remiss_without_questions_is_not_offered_or_saved_again(world, session, auth, client):
    """walk33: a remiss without frågeställningar reads its "inga synpunkter" draft back with the prefilled blank
    section "Inledande synpunkter" (composing.align_questions), so the draft never counted as already "inga
    synpunkter": the panel offered the button again, its dialog said the text would be replaced and a copy kept,
    and a second press saved a second, identical version. The blank prefilled section is no text of its own."""
    from tests.support.factories import make_remiss

    remiss = make_remiss(session, namnd=world["namnd"], title="Kommungemensamt kontaktcenter", questions=[],
                         handlaggare_id=world["handlaggare"].id)
    session.commit()
    rid, page = remiss.id, f"/remisser/{remiss.id}"
    session.rollback()
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=page).status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert "Yttrandet är nu ”inga synpunkter” (version 1)." in visible_text(shown)
    # Old code: the button was offered again, asking "Ersätta utkastet med ett kort yttrande …"
    assert 'yttrande/inga-synpunkter"' not in shown
    again = auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"}, form_url=page)
    # Old code: 302 and "Yttrandet är nu ”inga synpunkter” (version 2)."
    assert again.status_code == 200, again.headers.get("Location")
    assert "Yttrandet är redan ”inga synpunkter”: version 1" in visible_text(again.get_data(as_text=True))
    assert _versions(session, rid) == 1
