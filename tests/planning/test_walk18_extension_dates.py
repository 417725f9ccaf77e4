"""walk18 F3 and F6: the days and the deadline a förlängning needs, on the remiss page and in the API.

F3: a besked ("Beskedets datum") or a general notice ("Meddelandets datum") dated after today, before the remiss
came in, or (a besked) before its own request is refused with the typed input kept; the deadline does not move.
F6: a remiss with "Ingen sista svarsdag" has nothing to extend: a request, a grant and a general notice are
refused, and the Förlängningar panel says why instead of offering the forms."""
from __future__ import annotations

from datetime import date, datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.planning.models import Extension
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)  # Saturday 5 December 2026
BESKED_FUTURE = "Beskedet kan inte ha kommit i framtiden. Ange dagen då beskedet kom (senast i dag, 5 december 2026)."
BESKED_EARLY = ("Beskedet kan inte ha kommit 20 oktober 2026, före remissen kom in 24 oktober 2026. "
                "Kontrollera datumet.")
BESKED_BEFORE_REQUEST = ("Beskedet kan inte ha kommit 2 december 2026, före förlängningen begärdes "
                         "3 december 2026. Kontrollera datumet.")
NOTICE_FUTURE = ("Meddelandet kan inte vara daterat i framtiden. Ange meddelandets datum (senast i dag, "
                 "5 december 2026).")
NOTICE_EARLY = ("Meddelandet kan inte vara daterat 1 oktober 2026, före remissen kom in 24 oktober 2026. "
                "Kontrollera datumet.")
NO_DEADLINE = "Remissen har ingen sista svarsdag att förlänga – ange sista svarsdagen under Ändra uppgifter."


def _setup(session, auth, clock, **overrides):
    clock.set(datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    values = {"received_on": date(2026, 10, 24), "deadline_on": date(2027, 1, 8), "deadline_time": None}
    remiss = make_remiss(session, namnd=namnd, now=datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc),
                         **dict(values, **overrides))
    session.commit()
    clock.set(TODAY)
    auth.login(user.email)
    return remiss.id


def _state(session, rid):
    """The deadline in force and each extension's (decision, decided_on); the read ends its transaction, so the
    app's next write does not wait for this session (SQLite)."""
    session.expire_all()
    in_force = session.get(Remiss, rid).effective_deadline_on
    rows = [(e.decision, e.decided_on) for e in
            session.exec(select(Extension).where(Extension.remiss_id == rid).order_by(Extension.id))]
    session.rollback()
    return in_force, rows


def _only_extension(session, rid) -> int:
    eid = session.exec(select(Extension.id).where(Extension.remiss_id == rid)).one()
    session.rollback()
    return eid


def test_a_besked_dated_in_the_future_or_too_early_is_refused_on_the_page_and_in_the_api(session, client, auth,
                                                                                          clock):
    rid = _setup(session, auth, clock)
    page = f"/remisser/{rid}"
    asked = auth.post(f"{page}/forlangningar", {"requested_by": "Jesper Lindkvist", "until_on": "2027-01-15",
                                                "requested_on": "2026-12-03"}, form_url=page)
    assert asked.status_code == 302
    eid = _only_extension(session, rid)
    form = {"decision": "granted", "granted_until_on": "2027-01-12", "evidence_text": "Ni får till 12 januari."}
    for decided_on, refusal in (("2026-12-07", BESKED_FUTURE), ("2026-10-20", BESKED_EARLY),
                                ("2026-12-02", BESKED_BEFORE_REQUEST)):
        refused = auth.post(f"{page}/forlangningar/{eid}/besked", dict(form, decided_on=decided_on), form_url=page)
        said = unescape(refused.get_data(as_text=True))
        assert refused.status_code == 400
        assert refusal in said
        assert "Ni får till 12 januari." in said and f'value="{decided_on}"' in said  # what was typed is kept
        assert _state(session, rid) == (date(2027, 1, 8), [("pending", None)])
    headers = {"X-CSRFToken": csrf_token(client, page)}
    api = client.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision", headers=headers,
                      json={"decision": "granted", "granted_until_on": "2027-01-12", "decided_on": "2027-02-01"})
    assert api.status_code == 400
    assert api.get_json()["errors"] == {"decided_on": BESKED_FUTURE}
    denied = client.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision", headers=headers,
                         json={"decision": "denied", "decided_on": "2026-10-20"})
    assert denied.status_code == 400 and denied.get_json()["errors"] == {"decided_on": BESKED_EARLY}
    assert _state(session, rid) == (date(2027, 1, 8), [("pending", None)])
    done = auth.post(f"{page}/forlangningar/{eid}/besked", dict(form, decided_on="2026-12-05"), form_url=page)
    assert done.status_code == 302
    assert _state(session, rid) == (date(2027, 1, 12), [("granted", date(2026, 12, 5))])


def test_a_general_notice_dated_in_the_future_or_before_the_remiss_came_in_is_refused(session, client, auth,
                                                                                       clock):
    rid = _setup(session, auth, clock)
    page = f"/remisser/{rid}"
    form = {"sender": "Kommunstyrelsen", "until_on": "2027-01-29", "evidence_text": "Remisstiden förlängs."}
    for notice_on, refusal in (("2026-12-20", NOTICE_FUTURE), ("2026-10-01", NOTICE_EARLY)):
        refused = auth.post(f"{page}/forlangningar/allman", dict(form, notice_on=notice_on), form_url=page)
        said = unescape(refused.get_data(as_text=True))
        assert refused.status_code == 400
        assert refusal in said
        assert "Remisstiden förlängs." in said and f'value="{notice_on}"' in said
    api = client.post(f"/api/v1/remisser/{rid}/extensions", headers={"X-CSRFToken": csrf_token(client, page)},
                      json={"requested_by": "Kommunstyrelsen", "until_on": "2027-01-29", "requested_on": "2026-12-20",
                            "general": True})
    assert api.status_code == 400 and api.get_json()["errors"] == {"requested_on": NOTICE_FUTURE}
    assert _state(session, rid) == (date(2027, 1, 8), [])
    done = auth.post(f"{page}/forlangningar/allman", dict(form, notice_on="2026-10-24"), form_url=page)
    assert done.status_code == 302
    assert _state(session, rid) == (date(2027, 1, 29), [("granted", date(2026, 10, 24))])


def test_a_remiss_with_no_sista_svarsdag_has_nothing_to_extend(session, client, auth, clock):
    rid = _setup(session, auth, clock, deadline_on=None)
    page = f"/remisser/{rid}"
    shown = unescape(client.get(page).get_data(as_text=True))
    assert NO_DEADLINE in shown
    assert "Registrera begäran" not in shown and "Allmän förlängning från remittenten" not in shown
    request = {"requested_by": "Jesper Lindkvist", "until_on": "2027-01-15", "reason": "Nämnden sammanträder sent."}
    refused = auth.post(f"{page}/forlangningar", request, form_url=page)
    said = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400 and NO_DEADLINE in said
    assert "Nämnden sammanträder sent." in said  # the refused form is shown again with what was typed
    notice = auth.post(f"{page}/forlangningar/allman", {"sender": "Kommunstyrelsen", "until_on": "2027-01-15"},
                       form_url=page)
    assert notice.status_code == 400 and NO_DEADLINE in unescape(notice.get_data(as_text=True))
    headers = {"X-CSRFToken": csrf_token(client, page)}
    for general in (False, True):
        api = client.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                          json={"requested_by": "Jesper Lindkvist", "until_on": "2027-01-15", "general": general})
        assert api.status_code == 400 and api.get_json()["errors"] == {"until_on": NO_DEADLINE}
    assert _state(session, rid) == (None, [])


def test_a_request_left_pending_on_a_remiss_without_deadline_cannot_be_granted(session, client, auth, clock):
    """A request made while the remiss had a deadline, which was then taken away under Ändra uppgifter."""
    rid = _setup(session, auth, clock)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/forlangningar", {"requested_by": "Jesper Lindkvist", "until_on": "2027-01-15"},
                     form_url=page).status_code == 302
    eid = _only_extension(session, rid)
    remiss = session.get(Remiss, rid)
    remiss.deadline_on = remiss.effective_deadline_on = None
    session.add(remiss)
    session.commit()
    api = client.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision",
                      headers={"X-CSRFToken": csrf_token(client, page)},
                      json={"decision": "granted", "granted_until_on": "2027-01-15"})
    assert api.status_code == 400 and api.get_json()["errors"] == {"granted_until_on": NO_DEADLINE}
    assert _state(session, rid) == (None, [("pending", None)])
