"""walk10 finding 8: a begäran om förlängning cannot be dated in the future ("Begärd den" 2027-01-01 on
4 December 2026), on the remiss page and in the API, as an answer cannot; today is accepted."""
from __future__ import annotations

from datetime import date, datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.planning.models import Extension
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm
FUTURE = ("Förlängningen kan inte ha begärts i framtiden. Ange dagen då den begärdes (senast i dag, "
          "4 december 2026).")


def test_a_request_dated_in_the_future_is_refused_on_the_page_and_in_the_api(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 1, 29), deadline_time=None)
    rid = remiss.id
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{rid}"
    form = {"requested_by": "Handläggaren", "until_on": "2027-02-12", "requested_on": "2027-01-01",
            "reason": "Nämnden sammanträder sent."}
    refused = auth.post(f"{page}/forlangningar", form, form_url=page)
    said = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert FUTURE in said
    assert "Nämnden sammanträder sent." in said  # what was typed is kept
    api = client.post(f"/api/v1/remisser/{rid}/extensions", json=dict(form, reason=""),
                      headers={"X-CSRFToken": csrf_token(client, page)})
    assert api.status_code == 400 and api.get_json()["errors"]["requested_on"] == FUTURE
    assert session.exec(select(Extension).where(Extension.remiss_id == rid)).all() == []
    session.rollback()
    done = auth.post(f"{page}/forlangningar", dict(form, requested_on="2026-12-04"), form_url=page)
    assert done.status_code == 302
    session.expire_all()
    assert [e.requested_on for e in session.exec(select(Extension).where(Extension.remiss_id == rid))] == [
        date(2026, 12, 4)]
