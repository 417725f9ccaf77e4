"""Walk12 item 4: the same letter registered twice from the Inkorg is undone with "Makulera" (registrerad av
misstag): the remiss is kept with its history, its reminders stop, and it leaves the start page, the diarium and
the API's lists; a new mail of the letter belongs to the remiss kept. Real SQLite and real mails."""
from __future__ import annotations

import re
from html import unescape

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.intake.models import InboxMessage
from remiss.intake.service import inbox
from remiss.remisser import voided
from remiss.reminders import schedule
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.intake.test_walk7 import POLLED, RK_TEXT, kommun, mail, page_fields, receive, register_now  # noqa: F401
from tests.support.factories import T0, make_user

SUBJECT = "VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"


def _registered_twice(client, auth, app, db, miljo):
    """Two colleagues forward the same letter; both are registered (the second after "registrera ändå")."""
    ids = []
    for n in (1, 2):
        message = receive(db, app, mail(SUBJECT, RK_TEXT, f"<rk-{n}@x>"))
        fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
        fields["namnd_id"] = str(miljo.id)
        done = register_now(auth, message.id, **fields, confirm_duplicate="1")
        assert done.status_code == 302, unescape(done.get_data(as_text=True))[:3000]
        ids.append(message.id)
    with db.transaction() as s:
        kept, twice = s.exec(select(Remiss).order_by(Remiss.id)).all()
        return ids[1], (kept.id, kept.our_dnr), (twice.id, twice.our_dnr)


def test_a_letter_registered_twice_is_makulerad_from_its_inkorg_page(client, auth, app, db, session, kommun, clock):
    miljo, _, user = kommun
    clock.set(POLLED)
    auth.login("reg@malmo.se")
    message_id, (kept_id, kept_dnr), (twice_id, twice_dnr) = _registered_twice(client, auth, app, db, miljo)
    with db.transaction() as s:  # the reminders up to the sista svarsdag, planned now (not a week at a time)
        schedule.sync_remiss(s, now=POLLED, remiss=s.get(Remiss, twice_id), lookahead_days=200)
        assert s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == twice_id,
                                                  OutboxMessage.status == "pending")).all()
    assert twice_dnr in client.get("/").get_data(as_text=True)

    page = unescape(client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert "Registrerad av misstag?" in page and f"Makulera {twice_dnr}</button>" in page
    # what undoing it gives, in so many words (truth17 F8)
    assert ("Makuleringen kan ångras på remissens sida: välj Registrerad under ”Ändra status för hand”, så får "
            "remissen tillbaka den status den har nu, Registrerad.") in page
    reason = re.search(r'<input id="f-reason" name="reason" type="text" value="([^"]*)"', page).group(1)
    assert reason == f"Samma brev registrerades två gånger; det gäller {kept_dnr}."
    empty = auth.post(f"/inkorg/{message_id}/makulera", {"reason": " "}, form_url=f"/inkorg/{message_id}")
    assert empty.status_code == 400 and voided.NO_REASON in unescape(empty.get_data(as_text=True))
    done = auth.post(f"/inkorg/{message_id}/makulera", {"reason": reason}, form_url=f"/inkorg/{message_id}")
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/remisser/{twice_id}")

    with db.transaction() as s:
        assert s.get(Remiss, twice_id).status == "makulerad" and s.get(Remiss, kept_id).status == "registrerad"
        event = s.exec(select(AuditEvent).where(AuditEvent.remiss_id == twice_id,
                                                AuditEvent.action == "makulera")).one()
        assert event.note == reason
        assert not s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == twice_id,
                                                      OutboxMessage.status == "pending")).all()
    remiss_page = unescape(client.get(f"/remisser/{twice_id}").get_data(as_text=True))
    assert "Makulerad – registrerad av misstag" in remiss_page and reason in remiss_page  # the history
    assert twice_dnr not in client.get("/").get_data(as_text=True)
    assert twice_dnr not in client.get("/remisser").get_data(as_text=True)
    assert twice_dnr in client.get("/remisser?status=makulerad").get_data(as_text=True)
    token = create_api_token(session, now=T0, user=session.get(type(user), user.id))
    session.commit()
    api = client.get("/api/v1/remisser", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [item["our_dnr"] for item in api["items"]] == [kept_dnr]
    assert "(makulerad)" in client.get("/inkorg?visa=hanterade").get_data(as_text=True)
    # the letter forwarded a third time belongs to the remiss kept, not to the makulerad one
    third = receive(db, app, mail(SUBJECT, RK_TEXT, "<rk-3@x>"))
    with db.transaction() as s:
        assert inbox.existing_remiss(s, s.get(InboxMessage, third.id)).id == kept_id
    with db.transaction() as s:  # walk14 #12: the stopped reminders say why
        reasons = {r.last_error for r in s.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == twice_id,
                                                                            OutboxMessage.status == "cancelled"))}
        assert reasons == {"Remissen är makulerad (registrerad av misstag)."}
    # makulerad by mistake: undone on the remiss page, back in the lists
    voided_page = unescape(client.get(f"/remisser/{twice_id}").get_data(as_text=True))
    assert 'value="registrerad"' in voided_page
    form = voided_page[voided_page.index('id="status-form"'):]
    form = " ".join(form[:form.index("</details>")].split())
    # walk14 #9: only Registrerad can be chosen, so only it is explained
    assert "Avstår" not in form and "Återkallad" not in form, form
    assert ("Makulerad: remissen registrerades av misstag och syns inte i listorna. Väljer du Registrerad ångras "
            "makuleringen: remissen får tillbaka den status den hade (Tilldelad om den har en handläggare), kommer "
            "tillbaka i listorna och påminnelserna planeras igen.") in form
    undone = auth.post(f"/remisser/{twice_id}/status", {"status": "registrerad", "note": "Fel remiss makulerades"},
                       form_url=f"/remisser/{twice_id}")
    assert undone.status_code == 302
    with db.transaction() as s:
        assert s.get(Remiss, twice_id).status == "registrerad"
    assert twice_dnr in client.get("/remisser").get_data(as_text=True)


def test_only_those_who_register_may_makulera(client, auth, app, db, session, kommun, clock):
    """The access rule of the status move (remiss.auth.access): a handläggare of the nämnd may not."""
    miljo, _, _ = kommun
    clock.set(POLLED)
    auth.login("reg@malmo.se")
    _, _, (twice_id, _) = _registered_twice(client, auth, app, db, miljo)
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[miljo], email="hl@malmo.se")
    session.commit()
    from remiss.auth.access import Principal

    with db.transaction() as s:
        remiss = s.get(Remiss, twice_id)
        assert voided.may_void(Principal.of(s, s.get(type(handlaggare), handlaggare.id)), remiss) is False


def test_makulerad_is_not_set_by_hand(session, kommun):
    """Only through its verb, which asks why: a status change by hand (page or API) says where it is done."""
    import pytest

    from remiss.auth.access import Principal
    from remiss.remisser.service import change_status
    from remiss.remisser.status import TransitionError
    from tests.support.factories import make_remiss

    miljo, _, user = kommun
    remiss = make_remiss(session, namnd=miljo, title="Registrerad två gånger")
    where = r"sätts med Makulera under ”Registrerad av misstag\?” på remissens sida"
    with pytest.raises(TransitionError, match=where):
        change_status(session, now=POLLED, principal=Principal.of(session, user), remiss=remiss, new="makulerad")
