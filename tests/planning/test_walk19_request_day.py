"""walk19 G5: a förlängning's "Begärd den" before the remiss came in is refused, on the page and in the API, as the
besked's and the general notice's days are (walk18 F3); the typed input is kept and nothing is recorded."""
from __future__ import annotations

from datetime import date
from html import unescape

from tests.conftest import csrf_token
from tests.planning.test_walk18_extension_dates import _setup, _state

REQUEST_EARLY = ("Förlängningen kan inte ha begärts 1 oktober 2026, före remissen kom in 24 oktober 2026. "
                 "Kontrollera datumet.")


def test_a_request_dated_before_the_remiss_came_in_is_refused(session, client, auth, clock):
    rid = _setup(session, auth, clock)  # inkom 24 oktober 2026, sista svarsdag 8 januari 2027
    page = f"/remisser/{rid}"
    form = {"requested_by": "Jesper Lindkvist", "until_on": "2027-01-29", "reason": "Begärd före inkom"}
    refused = auth.post(f"{page}/forlangningar", dict(form, requested_on="2026-10-01"), form_url=page)
    said = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert REQUEST_EARLY in said
    assert "Begärd före inkom" in said and 'value="2026-10-01"' in said
    api = client.post(f"/api/v1/remisser/{rid}/extensions", headers={"X-CSRFToken": csrf_token(client, page)},
                      json={"requested_by": "API", "until_on": "2027-01-29", "requested_on": "2026-10-01"})
    assert api.status_code == 400 and api.get_json()["errors"] == {"requested_on": REQUEST_EARLY}
    assert _state(session, rid) == (date(2027, 1, 8), [])
    # the day it came in is a day it can have been asked for
    done = auth.post(f"{page}/forlangningar", dict(form, requested_on="2026-10-24"), form_url=page)
    assert done.status_code == 302
    assert _state(session, rid) == (date(2027, 1, 8), [("pending", None)])
