"""A duplicate registered by hand (not from the Inkorg) is makulerad from its own page: "Registrerad av misstag?"
on the remiss page, for those who register, with a reason (prefilled when another registered remiss has the same
remittent's diarienummer) and a confirmation. The same verb as the Inkorg's (remiss.remisser.voided): the remiss
leaves the start page and the lists, its reminders are cancelled, the history says why. Real SQLite."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.reminders import schedule
from remiss.reminders.models import OutboxMessage
from remiss.remisser import voided
from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


TITLE = "Remiss av promemorian Sänkt skatt på arbetsinkomster"


@pytest.fixture
def world(session, clock):
    """One letter registered twice by hand: the same remittent's diarienummer and title."""
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    for role, email in (("registrator", "mia@miljo.se"), ("handlaggare", "hl@miljo.se"),
                        ("granskare", "gr@miljo.se")):
        make_user(session, role=role, namnder=[namnd], email=email, name=email.split("@")[0])
    kept = make_remiss(session, namnd=namnd, title=TITLE, sender_dnr="Fi2026/01234", deadline_on=date(2027, 3, 1),
                       now=clock())
    twice = make_remiss(session, namnd=namnd, title=TITLE, sender_dnr="Fi2026/01234", deadline_on=date(2027, 3, 1),
                        now=clock())
    session.commit()
    return (kept.id, kept.our_dnr), (twice.id, twice.our_dnr)


def _pending_reminders(db, remiss_id: int) -> list:
    with db.transaction(write=False) as s:
        return s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                  OutboxMessage.status == "pending")).all()


def test_a_remiss_registered_twice_by_hand_is_makulerad_from_its_page(world, auth, client, db, clock):
    (kept_id, kept_dnr), (twice_id, twice_dnr) = world
    url = f"/remisser/{twice_id}"
    with db.transaction() as s:  # the reminders up to the sista svarsdag, planned now
        schedule.sync_remiss(s, now=clock(), remiss=s.get(Remiss, twice_id), lookahead_days=200)
    assert _pending_reminders(db, twice_id)
    auth.login("mia@miljo.se")
    assert twice_dnr in client.get("/").get_data(as_text=True)

    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "Registrerad av misstag? Makulera" in page and f"Makulera {twice_dnr}</button>" in page
    reason = re.search(r'<input id="f-void-reason" name="reason" type="text" value="([^"]*)"', page).group(1)
    assert reason == f"Samma brev registrerades två gånger; det gäller {kept_dnr}."
    # no reason, no confirmation: both asked for, nothing changed
    empty = auth.post(f"{url}/makulera", {"reason": " "}, form_url=url)
    assert empty.status_code == 400
    assert voided.NO_REASON in visible_text(empty.get_data(as_text=True))
    assert voided.NO_CONFIRM in visible_text(empty.get_data(as_text=True))
    # the reason without the confirmation: asked for, the reason typed kept in its box
    unconfirmed = auth.post(f"{url}/makulera", {"reason": "Dubblett"}, form_url=url)
    body = unconfirmed.get_data(as_text=True)
    assert unconfirmed.status_code == 400 and voided.NO_CONFIRM in visible_text(body) and 'value="Dubblett"' in body
    assert voided.NO_REASON not in visible_text(body)
    with db.transaction(write=False) as s:
        assert s.get(Remiss, twice_id).status == "registrerad"

    done = auth.post(f"{url}/makulera", {"reason": reason, "confirm": "1"}, form_url=url)
    assert done.status_code == 302 and done.headers["Location"].endswith(url)
    with db.transaction(write=False) as s:
        assert s.get(Remiss, twice_id).status == "makulerad" and s.get(Remiss, kept_id).status == "registrerad"
        event = s.exec(select(AuditEvent).where(AuditEvent.remiss_id == twice_id,
                                                AuditEvent.action == "makulera")).one()
        assert event.note == reason
    assert not _pending_reminders(db, twice_id)
    shown = html.unescape(client.get(url).get_data(as_text=True))
    assert "Makulerad – registrerad av misstag" in shown and reason in shown  # the history
    assert "Registrerad av misstag? Makulera" not in shown  # already makulerad: the form is gone
    assert twice_dnr not in client.get("/").get_data(as_text=True)
    assert twice_dnr not in client.get("/remisser").get_data(as_text=True)
    assert kept_dnr in client.get("/remisser").get_data(as_text=True)
    assert twice_dnr in client.get("/remisser?status=makulerad").get_data(as_text=True)


@pytest.mark.parametrize("email", ["hl@miljo.se", "gr@miljo.se"])
def test_only_those_who_register_may_makulera_on_the_remiss_page(world, auth, client, db, email):
    _, (twice_id, _) = world
    url = f"/remisser/{twice_id}"
    auth.login(email)
    assert "Registrerad av misstag?" not in html.unescape(client.get(url).get_data(as_text=True))
    refused = auth.post(f"{url}/makulera", {"reason": "Dubblett", "confirm": "1"}, form_url=url)
    assert refused.status_code == 403
    with db.transaction(write=False) as s:
        assert s.get(Remiss, twice_id).status == "registrerad"
        assert not s.exec(select(AuditEvent).where(AuditEvent.action == "makulera")).all()


def test_no_reason_is_prefilled_without_a_duplicate(session, world, auth, client):
    """A remiss with no other of the same remittent's diarienummer or title: the reason is left to the user."""
    from remiss.namnd.models import Namnd

    namnd = session.exec(select(Namnd)).first()
    alone = make_remiss(session, namnd=namnd, title="Ensam remiss", sender_dnr="Ju2026/00077")
    session.commit()
    auth.login("mia@miljo.se")
    page = html.unescape(client.get(f"/remisser/{alone.id}").get_data(as_text=True))
    assert '<input id="f-void-reason" name="reason" type="text" value=""' in page
