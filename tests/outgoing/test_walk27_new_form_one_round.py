"""walk27 Y3: "Ny utgående remiss" said the empty Ärendemening, the Klockslag, a line it could not read and the .exe
first; a passed Sista svarsdag and one instans written twice with two addresses only in the next round. Everything
comes in one answer, in the order of the fields, with what was typed kept."""
from __future__ import annotations

import io
from datetime import datetime, timezone

from sqlmodel import select

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_user
from tests.support.pages import summary_items, visible_text

INSTANSER = ("Pensionärsrådet; pr@remiss.example\nbara skräp ;;; <<>>\nFritidsnämnden <fritid@remiss.example>\n"
             "pensionärsrådet; annan@remiss.example")


def _world(session, auth, clock):
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    return str(namnd.id)


def test_the_walks_form_says_every_error_at_once(session, auth, clock):
    namnd_id = _world(session, auth, clock)
    form = {"title": "  ", "namnd_id": namnd_id, "deadline_on": "2026-11-01", "deadline_time": "kl tolv",
            "new_instanser": INSTANSER, "questions": "Hur påverkas pensionärerna?",
            "files": [(io.BytesIO(b"MZ\x90\x00program"), "program.exe")]}
    response = auth.post("/remisser/ny-utgaende", form, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    items = summary_items(page)
    assert [item.split(":")[0] for item in items] == [
        "Ärendemening", "Sista svarsdag", "Klockslag", "Remissinstanser som inte finns i registret",
        "Remisshandlingar"], items
    # old code: neither of these until the rest was right
    assert items[1].startswith("Sista svarsdag: Sista svarsdagen 1 november 2026 har redan passerat."), items
    assert "Rad 2 (”bara skräp ;;; <<>>”) kunde inte läsas." in items[3], items
    assert ("Pensionärsrådet står flera gånger med olika e-postadresser (pr@remiss.example och "
            "annan@remiss.example).") in items[3], items
    assert "program.exe" in items[4], items
    text = visible_text(page)
    assert "Sista svarsdagen har redan passerat" not in text  # said once, in the summary and at the field
    assert 'value="2026-11-01"' in page and 'value="kl tolv"' in page and "annan@remiss.example" in page
    assert "Hur påverkas pensionärerna?" in page
    assert session.exec(select(Remiss)).first() is None


def test_a_svarsdag_not_read_is_said_once_and_the_rest_is_checked(session, auth, clock):
    """A date that could not be read keeps its own message; the missiv's date is not compared with it (no 500)."""
    namnd_id = _world(session, auth, clock)
    form = {"title": "Trafikplan", "namnd_id": namnd_id, "deadline_on": "3000-01-01", "letter_date": "2026-12-01",
            "new_instanser": ""}
    response = auth.post("/remisser/ny-utgaende", form)
    assert response.status_code == 400
    assert summary_items(response.get_data(as_text=True)) == [
        "Sista svarsdag: Ange ett datum mellan år 1900 och 2199.",
        "Sändlista: En utgående remiss behöver minst en remissinstans på sändlistan."]
