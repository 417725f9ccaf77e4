"""walk12b finding 10: "Registrera begäran" (an instans asks for anstånd) lost the day and reason asked for, and
took a day before the deadline in force. Now they are kept, shown and offered when granting; a bad day is refused
in Swedish with what was typed kept."""
from __future__ import annotations

from datetime import date, datetime, time
from html import unescape

from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import sending
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from sqlmodel import select
from tests.support.factories import make_namnd, make_remiss, make_user


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _world(app, session, clock, auth):
    clock.set(at(2026, 12, 5, 0, 45))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 0, 20),
                         deadline_on=date(2026, 12, 18), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Miljönämnden", "miljo@example.se", "")])
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 0, 25), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    auth.login(user.email)
    remiss_id, entry_id = remiss.id, remisser.entries(session, remiss.id)[0].id
    session.rollback()
    return remiss_id, entry_id


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def test_a_request_before_the_deadline_in_force_is_refused_and_the_typing_kept(app, session, client, auth, clock):
    remiss_id, entry_id = _world(app, session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{entry_id}"
    for day, message in (("2026-12-01", "Den begärda svarsdagen måste ligga efter i dag (5 december 2026)."),
                         ("2026-12-18", "Den begärda svarsdagen måste ligga efter den som gäller för Miljönämnden "
                                        "nu (18 december 2026 kl. 12.00).")):
        refused = auth.post(url, {"action": "request_extension", "until_on": day, "reason": "Nämndmöte 14 januari"})
        said = _text(refused)
        # Old code: 302 "Klart: Miljönämnden har begärt anstånd."
        assert refused.status_code == 400, said
        assert message in said
        assert f'value="{day}"' in said and "Nämndmöte 14 januari" in said  # what was typed is kept
    session.expire_all()
    assert remisser.entries(session, remiss_id)[0].answer_status == "ej_svarat"


def test_the_day_and_reason_asked_for_are_shown_logged_and_offered_when_granting(app, db, session, client, auth,
                                                                                  clock):
    remiss_id, entry_id = _world(app, session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{entry_id}"
    done = _text(auth.post(url, {"action": "request_extension", "until_on": "2027-01-15", "until_time": "12.00",
                                 "reason": "Nämndmöte 14 januari"}, follow_redirects=True))
    assert "Miljönämnden begär anstånd till 15 januari 2027 kl. 12.00 – Nämndmöte 14 januari." in done
    # the remiss page's panel (where the redirect lands) names the request
    assert "Miljönämnden begär anstånd till 15 januari 2027 kl. 12.00 – Nämndmöte 14 januari (inte beslutat)" in done
    page = _text(client.get(url))
    assert "Begäran om anstånd: Miljönämnden begär anstånd till 15 januari 2027 kl. 12.00 – Nämndmöte 14 januari." \
        in page
    # the Anstånd form offers it: granting is one click
    assert 'value="2027-01-15"' in page and 'value="12.00"' in page and 'value="Nämndmöte 14 januari"' in page
    notes = db.session(write=False).exec(select(AuditEvent.note).where(AuditEvent.action == "extension_request")).all()
    assert notes == ["Miljönämnden begär anstånd till 15 januari 2027 kl. 12.00 – Nämndmöte 14 januari"]

    granted = _text(auth.post(url, {"action": "grant_extension", "until_on": "2027-01-15", "until_time": "12.00",
                                    "reason": "Nämndmöte 14 januari"}, follow_redirects=True))
    assert "Miljönämnden har fått anstånd till 15 januari 2027 kl. 12.00." in granted
    assert "(inte beslutat)" not in granted
