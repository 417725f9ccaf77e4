"""h-out23 M4, M9a: when the sweep gave up on the missiv to an instans (its address refused by the SMTP server), the
start page and the diarium export still said the missiv was "i utkorgen (inte skickat)", and its reminders stayed
planned as if it had been sent. Now every place says it could not be e-mailed, no reminder is planned for the
instans until it is sent again from the Utkorg, and the history says when the missiv was put in the Utkorg, when it
was e-mailed and when it could not be – never "Remissen skickad" while it waits."""
from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager
from datetime import date, datetime, timezone
from email import message_from_bytes, policy
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.service.chasers import MISSIV_FAILED
from remiss.reminders.models import OutboxMessage
from tests.outgoing.test_walk9_dates import _world
from tests.support.factories import make_user
from tests.support.local_smtp import start_smtp

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm


class Refusing:
    """aiosmtpd handler: refuses the addresses in `refuse` at RCPT (550), keeps what it accepted."""

    def __init__(self, refuse: set[str]):
        self.refuse, self.messages = refuse, []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mottagaren finns inte"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@contextmanager
def refusing_smtp(app, *refused: str):
    """A real SMTP server on localhost that answers 550 to the refused addresses, the app sending through it and
    giving up on a row at the first 550; yields its handler (the messages it accepted)."""
    inbox = Refusing(set(refused))
    controller = start_smtp(inbox)
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{controller.port}", SMTP_TIMEOUT_SECONDS=5,
                      OUTBOX_MAX_PERMANENT_ATTEMPTS=1)  # one 550 and the sweep gives up on the row
    try:
        yield inbox
    finally:
        controller.stop()


def _text(response) -> str:
    html = response.get_data(as_text=True)
    response.close()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _sweep(runner, moment: datetime) -> str:
    result = runner.invoke(args=["reminders", "run", "--now", moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")])
    return result.output


def _api_entries(client, rid: int) -> dict[str, dict]:
    return {e["name"]: e for e in client.get(f"/api/v1/remisser/{rid}").json["sandlista_status"]["entries"]}


def _diarium_svar(client, title: str) -> str:
    raw = client.get("/remisser/export.csv").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    title_at, svar_at = rows[0].index("Ärende"), rows[0].index("Svar")
    return next(row[svar_at] for row in rows[1:] if row[title_at] == title)


def test_a_missiv_the_sweep_gave_up_on_is_said_to_have_failed_and_gets_no_reminders(app, session, client, auth,
                                                                                      clock, runner):
    with refusing_smtp(app, "trafik@example.se") as inbox:
        clock.set(TODAY)
        namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
        admin = make_user(session, role=Role.admin)
        rid, title, admin_email, name = remiss.id, remiss.title, admin.email, user.name
        session.commit()
        auth.login(user.email)
        page = f"/remisser/{rid}"
        sent = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page,
                               follow_redirects=True))
        # M9a: the history says what happened: put in the Utkorg, not "Remissen skickad"
        assert (f"Utskick av {name} (Missivet lagt i utkorgen för e-post till 2 remissinstanser) Utskick till: – → "
                "Trafiknämnden; Miljönämnden") in sent
        assert "Remissen skickad" not in sent and "Skickad till" not in sent
        planned = _api_entries(client, rid)
        assert [len(planned[n]["reminders_planned"]) for n in ("Trafiknämnden", "Miljönämnden")] == [2, 2]

        clock.advance(minutes=3)
        said = _sweep(runner, clock.now)
        assert "misslyckade (ger upp): 1" in said, said
        assert [rcpts for rcpts, _ in inbox.messages] == [["miljo@example.se"]]  # through a real SMTP server
        session.rollback()

        # the start page (Att göra) and the diarium export: failed, not "i utkorgen"; reminders of the other only
        start = _text(client.get("/"))
        # never asked, so not among those counted as not answering (h-queue24): "0 av 1", the failed one apart
        assert "0 av 1 har svarat; missivet kunde inte e-postas till 1 remissinstans (se utkorgen)" in start
        assert "missivet i utkorgen" not in start
        assert "2 påminnelser planerade, nästa 22 januari 2027 kl. 08.00" in start  # Miljönämnden's; it said 4
        assert _diarium_svar(client, title) == \
            "0 av 1 har svarat; missivet kunde inte e-postas till 1 remissinstans (se utkorgen)"
        # the remiss page: the row, the panel's count of reminders, and the history
        shown = _text(client.get(page))
        assert "kunde inte e-postas (se utkorgen)" in shown
        assert "2 påminnelser planerade." in shown
        assert ("Missivet kunde inte e-postas av Systemet (Missivet till Trafiknämnden (trafik@example.se) kunde inte "
                "e-postas: SMTP 550: 5.1.1 Mottagaren finns inte. Påminnelser planeras inte förrän det har skickats igen från "
                "utkorgen.)") in shown
        assert "Missivet e-postat av Systemet (Missivet e-postades till Miljönämnden (miljo@example.se).)" in shown
        # the instans page
        trafik = _api_entries(client, rid)["Trafiknämnden"]
        assert "missivet kunde inte e-postas (se utkorgen)" in _text(
            client.get(f"{page}/utskick/instanser/{trafik['id']}"))
        # the API: failed, and nothing planned for it
        entries = _api_entries(client, rid)
        assert entries["Trafiknämnden"]["missiv_mail"] == "failed"
        assert entries["Trafiknämnden"]["reminders_planned"] == []
        assert entries["Miljönämnden"]["reminders_planned"] == ["2027-01-22T08:00+01:00", "2027-02-02T08:00+01:00"]
        stopped = session.exec(select(OutboxMessage.status, OutboxMessage.last_error).where(
            OutboxMessage.key.like(f"outgoing:chaser:{rid}:{trafik['id']}:%"))).all()
        assert stopped == [("cancelled", MISSIV_FAILED)] * 2
        session.rollback()

        # the hourly planning does not plan them again ...
        assert runner.invoke(args=["outgoing", "chasers", "--now", "2026-12-04T17:00"]).exit_code == 0
        session.rollback()
        assert _api_entries(client, rid)["Trafiknämnden"]["reminders_planned"] == []

        # ... until an administrator sends the missiv again from the Utkorg: then they are planned again
        row_id = session.exec(select(OutboxMessage.id).where(OutboxMessage.remiss_id == rid,
                                                             OutboxMessage.kind == "outgoing_missiv",
                                                             OutboxMessage.status == "failed")).one()
        session.rollback()
        auth.logout()
        auth.login(admin_email)
        assert auth.post(f"/admin/utkorg/{row_id}/skicka-igen", {"confirm_resend": "1"},
                         form_url="/admin/utkorg?status=failed").status_code == 302
        entries = _api_entries(client, rid)
        assert entries["Trafiknämnden"]["missiv_mail"] == "pending"
        assert entries["Trafiknämnden"]["reminders_planned"] == ["2027-01-22T08:00+01:00", "2027-02-02T08:00+01:00"]
        start = _text(client.get("/"))
        assert "0 av 2 har svarat; missivet i utkorgen (inte skickat)" in start
        assert "kunde inte e-postas" not in start
