"""Walk20 H3, utgående: while mail cannot be sent at all (the mail directory cannot be written, so the sweeps record an
outage and the Utkorg says "Avbrott"), the question, the flash and the remiss page said the missiv "e-postas inom
några minuter" and "väntar i utkorgen … det är inte skickat ännu". They say why it waits, from the stored outage."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.reminders import outbox, policy
from tests.outgoing.test_walk9_dates import TODAY, _world
from tests.support.factories import make_user

DOWN = "e-posten går inte att skicka just nu (sedan 4 december 2026 kl. 16.40)"
HELD = (f"Missivet till trafik@example.se och miljo@example.se väntar i utkorgen sedan 4 december 2026 kl. 16.45: "
        f"{DOWN}, så det är inte skickat. Administratören ser felet under Utkorg.")


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _sweep(runner, moment) -> str:
    """`remiss reminders run --now <moment>`: its output (an outage is said, the rows stay waiting)."""
    return runner.invoke(args=["reminders", "run", "--now", moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")],
                         catch_exceptions=False).output


def test_during_an_outage_the_missiv_is_said_to_wait_because_mail_cannot_be_sent(app, session, client, auth, clock,
                                                                                 runner, tmp_path):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=TODAY.date() + timedelta(days=56))
    admin = make_user(session, role=Role.admin, email="admin@example.se")
    outbox.enqueue(session, now=TODAY, key="annan:1", recipient_email="annan@example.se", kind=policy.ASSIGNED,
                   due_at=TODAY - timedelta(minutes=5), subject="Tilldelad", payload={}, remiss_id=remiss.id)
    session.commit()
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    app.config["MAIL_DIR"] = str(blocker / "mail")  # the file mailer cannot write: a real outage, as in test_outages
    assert "går inte att skicka" in _sweep(runner, TODAY)  # the sweep records it (16.40 in Stockholm)

    clock.advance(minutes=5)
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    asked = unescape(client.get(page).get_data(as_text=True)).replace("\n", " ")
    assert (f"Skicka remissen nu? Den läggs i utkorgen och väntar där – {DOWN} – på att e-postas till "
            "2 remissinstanser: trafik@example.se, miljo@example.se.") in asked
    assert "inom några minuter" not in asked
    said = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True))
    assert (f"Remissen är skickad: missivet läggs i utkorgen och väntar där – {DOWN} – på att e-postas till "
            "2 remissinstanser.") in said
    assert HELD in said and "inom några minuter" not in said and "inte skickat ännu" not in said

    clock.advance(minutes=3)
    _sweep(runner, clock.now)  # still down: the outage keeps its start, the page its words
    shown = unescape(client.get(page).get_data(as_text=True)).replace("\n", " ")
    assert HELD in " ".join(shown.split())
    # the question before "Förläng och meddela": the missiv has not gone out, so no notice is sent of a change to it;
    # it is made anew with the new date (h-queue24), and nothing promises "inom några minuter"
    assert ("Förlänga remisstiden för alla? Missivet till Trafiknämnden och Miljönämnden ligger kvar i utkorgen: det "
            "görs om med den nya svarsdagen, och inget meddelande skickas om något de inte har fått.") in shown

    auth.logout()
    auth.login(admin.email)  # the administrator the page points to sees the outage on Att göra
    start = _text(client.get("/"))
    assert ("Utkorgen skickas inte E-posten går inte att skicka sedan 4 december 2026 kl. 16.40 (senaste försöket "
            "4 december 2026 kl. 16.48): Kunde inte skriva e-post till") in start, start
    assert "Not a directory" in start and "Visa meddelandena som väntar" in start

    blocker.unlink()  # the directory can be made again: the next sweep sends, the outage is over
    clock.advance(minutes=1)
    _sweep(runner, clock.now)
    assert len(list(Path(app.config["MAIL_DIR"]).glob("*.eml"))) == 3  # the two missiv and the other mail
    shown = _text(client.get(page))
    assert "väntar i utkorgen" not in shown and "går inte att skicka" not in shown
    assert "Utkorgen skickas inte" not in _text(client.get("/"))
