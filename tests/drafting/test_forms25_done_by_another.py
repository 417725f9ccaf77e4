"""Session 25: a button of the Yttrande panel pressed in an old tab after someone else already did what it does
(approved the yttrande, started the rättelse, recorded it as sent, made it "inga synpunkter") is a stale form: the
remiss page answers 409 Conflict (it answered 200), saying who did it and when, and nothing is done twice. One's own
second click stays 200, as information (tests/drafting/test_double_click.py)."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone

import pytest

from tests.drafting.test_expediering_mail import expediera
from tests.drafting.test_flow import draft_form


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _switch(auth, email: str) -> None:
    auth.logout()
    auth.login(email)


def _rattelse(request, auth, clock, world):
    rid = request.getfixturevalue("decided")()  # the registrator is signed in
    assert expediera(auth, rid).status_code == 302
    clock.set(datetime(2015, 9, 25, 7, 30, tzinfo=timezone.utc))
    url, page = f"/remisser/{rid}/yttrande/rattelse", f"/remisser/{rid}"
    assert auth.post(url, {"comment": "Fel i fråga 2."}, form_url=page).status_code == 302
    _switch(auth, world["granskare"].email)
    return (auth.post(url, {"comment": "Fel datum."}, form_url=page),
            f"Rättelsen är redan påbörjad av {world['registrator'].name} 25 september 2015 kl. 09.30")


def _skickat(request, auth, clock, world):
    rid = request.getfixturevalue("decided")(answer_email="")
    page = f"/remisser/{rid}"
    assert expediera(auth, rid).status_code == 302
    clock.set(datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc))
    form = {"way": "post", "sent_on": "25 september 2015"}
    assert auth.post(f"{page}/yttrande/skickat", form, form_url=page).status_code == 302
    _switch(auth, world["granskare"].email)
    return (auth.post(f"{page}/yttrande/skickat", form, form_url=page),
            f"Yttrandet är redan registrerat som skickat av {world['registrator'].name} 28 september 2015 kl. 10.00")


def _inga_synpunkter(request, auth, clock, world):
    rid, page = world["remiss"].id, f"/remisser/{world['remiss'].id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(f"{page}/yttrande", {"sammanfattning": "Vår egen text."}, form_url=f"{page}/yttrande"
                     ).status_code == 302
    clock.set(datetime(2015, 9, 2, 7, 15, tzinfo=timezone.utc))
    assert auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"},
                     form_url=page).status_code == 302
    _switch(auth, world["granskare"].email)
    return (auth.post(f"{page}/yttrande/inga-synpunkter", {"confirm_inga_synpunkter": "1"}, form_url=page),
            f"Yttrandet är redan ”inga synpunkter”: version 2, sparad av {world['handlaggare'].name} 2 september "
            "2015 kl. 09.15")


def _lage(request, auth, clock, world):
    rid, url, page = world["remiss"].id, f"/remisser/{world['remiss'].id}/yttrande", f"/remisser/{world['remiss'].id}"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    clock.set(datetime(2015, 9, 2, 7, 15, tzinfo=timezone.utc))
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    _switch(auth, world["registrator"].email)
    return (auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page),
            f"Yttrandet är redan skickat till granskning av {world['handlaggare'].name} 2 september 2015 kl. 09.15")


@pytest.mark.parametrize("done", [_rattelse, _skickat, _inga_synpunkter, _lage],
                         ids=lambda case: case.__name__.strip("_"))
def test_a_button_pressed_after_someone_else_did_it_answers_409_naming_them(done, request, auth, clock, world):
    answer, said = done(request, auth, clock, world)
    assert answer.status_code == 409, f"answered {answer.status_code}, not 409 Conflict"
    assert "Location" not in answer.headers
    assert said in _text(answer)
