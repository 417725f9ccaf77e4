"""walk27 Y8: closing an utgående remiss sent the besked om anstånd still waiting in the Utkorg, telling the instans
to answer by 12 February a case whose answers could no longer be registered; the close question said nothing of
the anstånd. Closing now cancels such a notice with a reason (the missiv still goes out, truth17 F9), the question
names the anstånd and the notice, and the page says the notice is not sent."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from sqlmodel import select

from remiss.outgoing.service import closing
from remiss.reminders.models import OutboxMessage
from tests.outgoing.conftest import run_sweep, soder_granted_anstand
from tests.support.factories import T0
from tests.support.pages import visible_text


def test_closing_cancels_the_waiting_besked_om_anstand_and_says_so(session, app, auth, client, clock, runner, smtp):
    rid, _ = soder_granted_anstand(app, session, clock, auth, runner, smtp, compiled=True)
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    form = re.search(r'<form[^>]*utskick/avsluta".*?</form>', page, re.S).group(0)
    # old code: "… och 2 remissinstanser har inte svarat. Avslutas ärendet nu kan svaren inte registreras." only
    assert ("Svarstiden löper till 29 januari 2027 (67 dagar kvar), och 2 remissinstanser har inte svarat. Söder har "
            "anstånd till 12 februari 2027. Avslutas ärendet nu kan svaren inte registreras. Beskedet om anstånd till "
            "Söder väntar i utkorgen och skickas inte när ärendet avslutas. Avsluta ärendet ändå?") in form, form
    done = auth.post(f"/remisser/{rid}/utskick/avsluta", {"confirm_close": "1"}, form_url=f"/remisser/{rid}",
                     follow_redirects=True)
    assert ("Ärendet är avslutat. Planerade påminnelser är stoppade. Beskedet om anstånd till Söder skickas inte."
            in visible_text(done.get_data(as_text=True)))
    row = session.exec(select(OutboxMessage).where(OutboxMessage.key.like("outgoing:anstand:%"))).one()
    assert (row.status, row.last_error) == ("cancelled", closing.NOTICE_CANCELLED)
    session.close()
    # the sweep sends no besked om anstånd (old code: "svaret ska vara … tillhanda senast 12 februari 2027")
    sent = run_sweep(runner, smtp, T0 + timedelta(minutes=10))
    assert not [m for _, m in sent if m["X-Remiss-Kind"] == "outgoing_extension"]
    assert not [m for _, m in smtp.messages if "12 februari 2027" in str(m.get_body(("plain",)).get_content())]
