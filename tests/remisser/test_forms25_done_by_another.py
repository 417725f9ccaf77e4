"""Session 25: *Ändra status för hand* and *Makulera* sent from an old tab after someone else already did it are stale
forms: the remiss page answers 409 Conflict (it answered 200), naming who did it and when, and nothing is done twice.
One's own second click stays 200, as information (test_status_by_hand, test_makulera_double_click)."""
from __future__ import annotations

import html
import re

from sqlmodel import select

from remiss.calendar.swedish import format_date_time
from remiss.namnd.models import Namnd
from tests.remisser.test_makulera_by_hand import world  # noqa: F401 (a fixture)
from tests.support.factories import make_user


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _second_registrator(session) -> str:
    namnd = session.exec(select(Namnd).where(Namnd.name == "Miljönämnden")).one()
    make_user(session, role="registrator", namnder=[namnd], email="rut@miljo.se", name="Rut Registrator")
    session.commit()
    return "rut@miljo.se"


def test_a_status_set_by_another_since_answers_409_naming_them(world, session, auth, clock):
    (rid, _), _ = world
    other = _second_registrator(session)
    url = f"/remisser/{rid}"
    form = {"status": "avstar", "note": "Berör inte nämndens ansvarsområde.", "confirm": "1"}
    auth.login("mia@miljo.se")
    set_at = clock()
    assert auth.post(f"{url}/status", form, form_url=url).status_code == 302
    auth.logout()
    auth.login(other)
    clock.advance(minutes=1)
    again = auth.post(f"{url}/status", form, form_url=url)
    assert again.status_code == 409 and "Location" not in again.headers
    assert (f"Remissen har redan status ”Avstår” (satt av mia {format_date_time(set_at)}). Inget mer behöver "
            "göras.") in _text(again)


def test_a_remiss_makulerad_by_another_since_answers_409_naming_them(world, session, auth, clock):
    _, (twice_id, twice_dnr) = world
    other = _second_registrator(session)
    url = f"/remisser/{twice_id}"
    form = {"reason": "Registrerad två gånger", "confirm": "1"}
    auth.login("mia@miljo.se")
    assert auth.post(f"{url}/makulera", form, form_url=url).status_code == 302
    auth.logout()
    auth.login(other)
    clock.advance(minutes=1)
    again = auth.post(f"{url}/makulera", form, form_url=url)
    assert again.status_code == 409 and "Location" not in again.headers
    assert f"{twice_dnr} är redan makulerad (av mia, " in _text(again)
