"""walk18 F19: "Skicka ändringen" told an instans with a longer anstånd the general, earlier svarsdag. Each instans's
mail now states the svarsdag that applies to it (chasers.deadline_of), the one its reminders and its page use."""
from __future__ import annotations

import json

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from tests.outgoing.test_amendment import _text
from tests.outgoing.test_walk9_dates import _sent


def test_the_amendment_mail_gives_an_instans_with_anstand_its_own_svarsdag(session, client, auth, clock):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)  # svarsdag 29 januari 2027
    granted = _text(auth.post(f"{page}/utskick/instanser/{trafik}",
                              {"action": "grant_extension", "until_on": "2027-02-20", "until_time": ""},
                              follow_redirects=True))
    assert "Trafiknämnden har fått anstånd till 20 februari 2027." in granted, granted
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"questions": "Fråga ett\nFråga två (ny)"}, form_url=url).status_code == 302
    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {}, form_url=page, follow_redirects=True))
    assert "Ändringen är skickad" in done, done
    session.expire_all()
    mails = {m.recipient_email: json.loads(m.payload)["text"] for m in session.exec(select(OutboxMessage).where(
        OutboxMessage.remiss_id == remiss.id, OutboxMessage.subject.startswith("Ändrade frågeställningar")))}
    assert set(mails) == {"trafik@example.se", "miljo@example.se"}, mails
    assert "tillhanda senast 20 februari 2027" in mails["trafik@example.se"], mails["trafik@example.se"]
    assert ("tillhanda senast 20 februari 2027 enligt det anstånd ni har fått (missivet anger remissens allmänna "
            "svarsdag, 29 januari 2027)." in mails["trafik@example.se"])
    assert "tillhanda senast 29 januari 2027" in mails["miljo@example.se"]
