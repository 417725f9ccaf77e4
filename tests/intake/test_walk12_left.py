"""What walk 12 left in the Inkorg: an extension notice's page leads to the extension, not to a second registration
(item 1); the list offers an instans's answer its own step (item 2); an answer dated before the utskick can be
confirmed (item 3). Real SQLite, the walk's mails (tests/data/walk12) and real sent mails."""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.models import InboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.intake.test_outgoing_reply import _receive, _reply, _sent_remiss
from tests.intake.test_walk12_inkorg import NOW, raw
from tests.intake.test_walk7 import kommun, page_fields, receive, register_now  # noqa: F401 (kommun: a fixture)
from tests.support.factories import make_remiss, make_user


def _registered_and_notice(session, db, app, miljo):
    values = json.loads(receive(db, app, raw("16-ku-remiss.eml"), NOW).form_values)
    registered = make_remiss(session, namnd=miljo, title=values["title"], remittent=values["remittent"],
                             sender_dnr="", deadline_on=date(2027, 1, 22))
    session.commit()
    return registered, receive(db, app, raw("17-ku-forlangning.eml"), NOW)


def test_an_extension_notices_page_leads_to_the_extension_and_keeps_registering_folded_away(
        client, auth, app, db, session, kommun, clock):
    """Item 1: the notice's page offered "Registrera som ny remiss" as a step of its own beside the extension."""
    miljo, _, _ = kommun
    clock.set(NOW)
    registered, notice = _registered_and_notice(session, db, app, miljo)
    auth.login("reg@malmo.se")
    page = client.get(f"/inkorg/{notice.id}").get_data(as_text=True)
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    assert '<h3 id="register-heading">Registrera som ny remiss</h3>' not in page
    folded = re.search(r'<details class="card-inner intake-register-other">\s*<summary id="register-heading">(.*?)'
                       r'</summary>(.*?)</details>', page, re.S)
    assert folded, "the registration is not folded away"
    assert unescape(folded.group(1)) == (f"Hör meddelandet inte till {registered.our_dnr}? Registrera det som en "
                                         "ny remiss i stället")
    assert "Registrera som ny remiss</button>" in folded.group(2)
    # the one step: the extension on the matched remiss
    done = auth.post(f"/inkorg/{notice.id}/sammanfor", {"remiss_id": registered.id, "extend": "1",
                                                        "until_on": "2027-02-12", "until_time": ""},
                     form_url=f"/inkorg/{notice.id}")
    assert done.status_code == 302, unescape(done.get_data(as_text=True))[:2000]
    session.expire_all()
    assert session.get(Remiss, registered.id).effective_deadline_on == date(2027, 2, 12)


def test_a_wrong_match_can_still_be_registered_and_the_folded_form_opens_on_its_question(
        client, auth, app, db, session, kommun, clock):
    """Item 1: the secondary path is kept; asked first (a possible duplicate), with the form open."""
    miljo, _, _ = kommun
    clock.set(NOW)
    registered, notice = _registered_and_notice(session, db, app, miljo)
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{notice.id}").get_data(as_text=True))
    fields["namnd_id"] = str(miljo.id)
    asked = register_now(auth, notice.id, **fields)
    text = asked.get_data(as_text=True)
    assert asked.status_code == 400 and "Remissen kan redan vara registrerad" in text
    assert '<details class="card-inner intake-register-other" open>' in text
    done = register_now(auth, notice.id, **fields, confirm_duplicate="1")
    assert done.status_code == 302
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 2


def test_a_notice_whose_remiss_waits_in_the_inkorg_folds_registering_away(client, auth, app, db, kommun, clock):
    clock.set(NOW)
    receive(db, app, raw("16-ku-remiss.eml"), NOW)
    notice = receive(db, app, raw("17-ku-forlangning.eml"), NOW)
    auth.login("reg@malmo.se")
    page = unescape(client.get(f"/inkorg/{notice.id}").get_data(as_text=True))
    assert "Förlängning – remissen väntar i Inkorgen" in page
    assert '<summary id="register-heading">Registrera meddelandet som en ny remiss ändå</summary>' in page
