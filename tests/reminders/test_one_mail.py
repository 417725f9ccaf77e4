"""Walk12 findings 10 and 11, through `reminders run --now` and the real outbox with a fixed clock.

10: the reminders of a remiss nobody is assigned go to the registrator, who was told the handläggare's task ("Skriv
klart tjänsteskrivelsen …"); she is asked to assign one ("Remissen har ingen handläggare – tilldela en").
11: expediering usually falls on the sista svarsdag: the registrator got "Expediering i dag" and "Sista svarsdag i
dag" the same morning, and two more every day once late; now one mail per remiss, person and day names both."""
from __future__ import annotations

import email
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remiss_service
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss

DEADLINE = date(2027, 1, 8)  # a Friday: the expediering on the sista svarsdag, as the planner usually puts it


def _deadline_world(session):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="granskare", namnder=[namnd], email="greta@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=DEADLINE, title="Havsplaner")
    set_milestones(session, remiss, [("expediering", DEADLINE, "registrator"),
                                     ("sista_svarsdag", DEADLINE, "registrator")])
    session.commit()
    return remiss


def _to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def _rows(session, remiss, address: str) -> list[OutboxMessage]:
    session.expire_all()
    return session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                    OutboxMessage.recipient_email == address)
                        .order_by(OutboxMessage.id)).all()


def test_expediering_on_the_deadline_day_is_one_mail_naming_both(session, app, runner, smtp):
    remiss = _deadline_world(session)
    sweep(session, runner, "2027-01-08T07:30")
    mails = _to(smtp, "rut@example.se")
    assert [m["Subject"] for m in mails] == [f"[{remiss.our_dnr}] Expediering och sista svarsdag i dag – Havsplaner"]
    body = mails[0].get_body(("plain",)).get_content()
    assert "Yttrandet ska expedieras i dag, fredag 8 januari 2027." in body, body
    assert "Svaret ska vara remittenten tillhanda i dag, fredag 8 januari 2027 kl. 12.00." in body, body
    # both rows are recorded sent by that one mail, which carries the Message-ID of the first of them
    today = [r for r in _rows(session, remiss, "rut@example.se") if r.status == "sent"]
    assert sorted(r.key.split(":")[2] for r in today) == ["expediering", "sista_svarsdag"]
    assert mails[0]["Message-ID"] == min(today, key=lambda r: r.id).message_id
    sweep(session, runner, "2027-01-08T09:00")  # a later sweep the same day sends nothing more
    assert len(_to(smtp, "rut@example.se")) == 1


def test_once_late_one_mail_a_day_for_both(session, app, runner, smtp):
    remiss = _deadline_world(session)
    subjects = []
    for at in ("2027-01-11T07:30", "2027-01-12T07:30", "2027-01-14T07:30"):
        before = len(smtp.messages)
        sweep(session, runner, at)
        subjects.append(sorted(f"{m['To']}: {m['Subject']}" for m in smtp.messages[before:]
                               if "Du har tilldelats" not in m["Subject"]))
    dnr = f"[{remiss.our_dnr}]"
    assert subjects == [
        [f"rut@example.se: {dnr} Försenade: expediering och sista svarsdag – Havsplaner"],
        # the escalation (two working days late) goes to the granskare and the registrator, one mail each
        [f"greta@example.se: {dnr} Eskalering, försenade: expediering och sista svarsdag – Havsplaner",
         f"rut@example.se: {dnr} Eskalering, försenade: expediering och sista svarsdag – Havsplaner"],
        [f"rut@example.se: {dnr} Försenade: expediering och sista svarsdag – Havsplaner"],
    ]


def test_a_refused_mail_keeps_its_rows_together_and_goes_once(session, app, runner, smtp):
    """Nothing lost, nothing sent twice: a refusal is both rows' failure (one attempt each, the same retry), and
    the retry sends the one mail once and records both rows."""
    remiss = _deadline_world(session)
    smtp.handler.refuse = {"rut@example.se"}  # the relay takes other mail (hanna's notice): the rows' own failure
    sweep(session, runner, "2027-01-08T07:30")
    rows = [r for r in _rows(session, remiss, "rut@example.se") if r.due_at.date() == DEADLINE]
    assert [(r.status, r.attempts) for r in rows] == [("pending", 1), ("pending", 1)], rows
    assert len({r.next_attempt_at for r in rows}) == 1
    smtp.handler.refuse = set()
    sweep(session, runner, "2027-01-08T07:45")
    sweep(session, runner, "2027-01-08T08:00")
    assert len(_to(smtp, "rut@example.se")) == 1
    rows = [r for r in _rows(session, remiss, "rut@example.se") if r.due_at.date() == DEADLINE]
    assert [(r.status, r.attempts) for r in rows] == [("sent", 2), ("sent", 2)]


def test_an_answered_remiss_cancels_both_rows_and_sends_nothing(session, app, runner, smtp):
    """A guard, not a regression: the rows of a finished remiss are still stopped one by one at the claim."""
    remiss = _deadline_world(session)
    sweep(session, runner, "2027-01-04T07:30")  # the day's rows are in the outbox
    session.expire_all()
    remiss = session.get(type(remiss), remiss.id)
    remiss.status = "besvarad"  # behind the service's back: the claim stops the rows
    session.add(remiss)
    session.commit()
    before = len(smtp.messages)
    sweep(session, runner, "2027-01-08T07:30")
    assert smtp.messages[before:] == []
    rows = [r for r in _rows(session, remiss, "rut@example.se") if r.due_at.date() == DEADLINE]
    assert [(r.status, r.last_error) for r in rows] == [("cancelled", "Remissen är avslutad.")] * 2, rows


def _mails(app, to: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        if mail["To"] == to:
            found.append((mail["Subject"], mail.get_body(("plain",)).get_content()))
    return found


def test_a_remiss_without_handlaggare_asks_the_registrator_to_assign_one(session, app, runner):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 1, 29), title="Skånes utvecklingsstrategi")
    assert remiss.handlaggare_id is None
    set_milestones(session, remiss, [("tjansteskrivelse", date(2026, 12, 16), "handlaggare"),
                                     ("sista_svarsdag", date(2027, 1, 29), "registrator")])
    session.commit()
    sweep(session, runner, "2026-12-09T07:30")  # five working days before the tjänsteskrivelse
    [(subject, body)] = _mails(app, "rut@example.se")
    assert subject == (f"[{remiss.our_dnr}] Tilldela en handläggare (tjänsteskrivelse klar om 5 arbetsdagar) – "
                       "Skånes utvecklingsstrategi")
    assert "Remissen har ingen handläggare – tilldela en." in body, body
    assert "Vad som förväntas av dig: Tilldela remissen en handläggare." in body, body
    assert "Skriv klart tjänsteskrivelsen" not in body, body  # the handläggare's task is not hers
    assert "Tjänsteskrivelsen ska vara klar onsdag 16 december 2026, om 5 arbetsdagar." in body, body

    # once assigned, the handläggare is told the task at the next due point and the registrator nothing
    session.rollback()
    remiss = session.get(type(remiss), remiss.id)
    remiss_service.assign(session, now=remiss.created_at, principal=Principal.system(), remiss=remiss,
                          handlaggare_id=hanna.id)
    session.commit()
    sweep(session, runner, "2026-12-14T07:30")
    assert len(_mails(app, "rut@example.se")) == 1
    told = [s for s, b in _mails(app, "hanna@example.se") if "Tjänsteskrivelse klar om 2 arbetsdagar" in s
            and "Skriv klart tjänsteskrivelsen" in b]
    assert len(told) == 1, _mails(app, "hanna@example.se")


def test_a_claim_of_one_row_still_takes_the_whole_group(session, app, runner, smtp):
    """The claim takes the group's other rows with it, so a batch boundary (or a catch-up, whose rows wait from
    different days) does not cut the mail in two."""
    remiss = _deadline_world(session)
    app.config["OUTBOX_BATCH"] = 1
    sweep(session, runner, "2027-01-08T07:30")
    assert [m["Subject"] for m in _to(smtp, "rut@example.se")] == [
        f"[{remiss.our_dnr}] Expediering och sista svarsdag i dag – Havsplaner"]


def test_a_medborgarforslag_without_handlaggare_is_called_arendet_in_the_reminder(session, app, runner):
    """walk18 F7: the registrator's reminder about a medborgarförslag said "Remissen har ingen handläggare",
    "Tilldela remissen en handläggare" and "begär förlängd remisstid"."""
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    forslag = make_remiss(session, namnd=namnd, deadline_on=date(2026, 12, 16), kind="medborgarforslag",
                          title="Medborgarförslag om fler parkbänkar")
    set_milestones(session, forslag, [("tjansteskrivelse", date(2026, 12, 16), "handlaggare"),
                                      ("sista_svarsdag", date(2026, 12, 16), "registrator")])
    session.commit()
    sweep(session, runner, "2026-12-16T07:30")
    [(subject, body)] = _mails(app, "rut@example.se")
    body = " ".join(body.split())
    assert subject.startswith(f"[{forslag.our_dnr}] Tilldela en handläggare ("), subject
    assert "Ärendet har ingen handläggare – tilldela en." in body, body
    assert "Vad som förväntas av dig: Tilldela ärendet en handläggare." in body, body
    assert "begär förlängd svarstid" in body, body
    assert "ingen handläggare är tilldelad ärendet." in body, body
    assert "remissen" not in body.lower().replace("öppna remiss", ""), body
