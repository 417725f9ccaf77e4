"""truth16 F1 and F23: an event notice is checked against the remiss when the sweep sends it. "Att granska" only
while the draft is still in granskning, "Tillbaka från granskningen" only while it is an utkast, "Du har
tilldelats" only to the handläggare, and not again to the one who was handläggare all along."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss

AT = datetime(2026, 12, 17, 8, 0, tzinfo=timezone.utc)  # torsdag 17 december 2026 kl. 09.00


def _world(session):
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    greta = fast_user(session, role="granskare", namnder=[namnd], email="greta@example.se")
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, deadline_on=date(2027, 3, 5),
                         title="Kollektivtrafik")
    session.commit()
    return remiss, hanna, greta


def _subjects(smtp, address: str) -> list[str]:
    return [m["Subject"] for m in smtp.messages if m["To"] == address]


def test_no_att_granska_after_the_granskare_approved(session, app, runner, smtp):
    remiss, hanna, greta = _world(session)
    sweep(session, runner, "2026-12-16T09:00")  # the assigned notice is out of the way
    ph, pg = Principal.of(session, hanna), Principal.of(session, greta)
    remiss = session.get(Remiss, remiss.id)
    save(session, now=AT, principal=ph, remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=AT, principal=ph, remiss=remiss, new="granskning")
    change_state(session, now=AT, principal=pg, remiss=remiss, new="godkand")
    session.commit()
    sweep(session, runner, "2026-12-17T09:00")
    assert not [s for s in _subjects(smtp, "greta@example.se") if "Att granska" in s], _subjects(smtp, "greta@example.se")
    row = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "review")).one()
    assert row.status == "cancelled" and "inte längre i granskning" in row.last_error


def test_a_round_trip_between_two_sweeps_is_one_att_granska_and_no_tillbaka(session, app, runner, smtp):
    remiss, hanna, greta = _world(session)
    sweep(session, runner, "2026-12-16T09:00")
    ph, pg = Principal.of(session, hanna), Principal.of(session, greta)
    remiss = session.get(Remiss, remiss.id)
    save(session, now=AT, principal=ph, remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=AT, principal=ph, remiss=remiss, new="granskning")
    change_state(session, now=AT + timedelta(minutes=5), principal=pg, remiss=remiss, new="utkast",
                 comment="Skriv mer.")
    save(session, now=AT + timedelta(minutes=10), principal=ph, remiss=remiss,
         raw={"sammanfattning": "Positiva, med skäl."})
    change_state(session, now=AT + timedelta(minutes=10), principal=ph, remiss=remiss, new="granskning")
    session.commit()
    sweep(session, runner, "2026-12-17T09:15")
    granskare = _subjects(smtp, "greta@example.se")
    assert len([s for s in granskare if "Att granska" in s]) == 1, granskare
    assert not [s for s in _subjects(smtp, "hanna@example.se") if "Tillbaka" in s], _subjects(smtp, "hanna@example.se")
    [mail] = [m for m in smtp.messages if "Att granska" in m["Subject"]]
    assert "version 2" in mail.get_body(("plain",)).get_content()


def test_assigned_away_and_back_between_sweeps_tells_nobody(session, app, runner, smtp):
    remiss, hanna, greta = _world(session)
    sweep(session, runner, "2026-12-16T09:00")
    assert len([s for s in _subjects(smtp, "hanna@example.se") if "tilldelats" in s]) == 1
    registrator = Principal.of(session, _rut(session))
    remiss = session.get(Remiss, remiss.id)
    remisser.assign(session, now=AT, principal=registrator, remiss=remiss, handlaggare_id=greta.id)
    remisser.assign(session, now=AT + timedelta(minutes=1), principal=registrator, remiss=remiss,
                    handlaggare_id=hanna.id)
    session.commit()
    sweep(session, runner, "2026-12-17T09:05")
    assert not [s for s in _subjects(smtp, "greta@example.se") if "tilldelats" in s], _subjects(smtp, "greta@example.se")
    assert len([s for s in _subjects(smtp, "hanna@example.se") if "tilldelats" in s]) == 1, \
        _subjects(smtp, "hanna@example.se")


def test_assigned_away_before_the_sweep_tells_only_the_new_handlaggare(session, app, runner, smtp):
    remiss, hanna, greta = _world(session)
    sweep(session, runner, "2026-12-16T09:00")
    remiss = session.get(Remiss, remiss.id)
    registrator = Principal.of(session, _rut(session))
    remisser.assign(session, now=AT, principal=registrator, remiss=remiss, handlaggare_id=greta.id)
    remiss = session.get(Remiss, remiss.id)
    remiss.handlaggare_id = None  # taken off behind the service's back: the claim's check is what stops it
    session.add(remiss)
    session.commit()
    sweep(session, runner, "2026-12-17T09:05")
    assert not [s for s in _subjects(smtp, "greta@example.se") if "tilldelats" in s], _subjects(smtp, "greta@example.se")


def _rut(session):
    from remiss.auth.models import User

    return session.exec(select(User).where(User.email == "rut@example.se")).one()


def test_assigned_to_an_utgaende_remiss_speaks_of_the_sandlista_not_a_tjansteskrivelse(session, app, runner, smtp):
    """truth16 F13: "Läs remisshandlingarna och börja arbeta med tjänsteskrivelsen enligt tidplanen." and
    "Remittent: –" in the mail about a remiss we send out."""
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, direction="utgaende", title="Parkeringsnorm",
                deadline_on=date(2027, 4, 16), sandlista=["Miljönämnden"])
    session.commit()
    sweep(session, runner, "2026-12-16T09:00")
    [mail] = [m for m in smtp.messages if m["To"] == "hanna@example.se"]
    body = " ".join(mail.get_body(("plain",)).get_content().split())
    # Old code: "Du har tilldelats utgående remiss Parkeringsnorm" (walk23 W7a)
    assert mail["Subject"].endswith("Du har tilldelats den utgående remissen ”Parkeringsnorm”"), mail["Subject"]
    assert "tjänsteskrivelsen" not in body and "tidplanen" not in body and "Remittent" not in body, body
    assert "Kontrollera sändlistan och adresserna, skapa missivet och skicka remissen" in body, body
    assert "Remissinstansernas sista svarsdag" in body, body


def test_assigned_names_the_remiss_in_the_definite_form_with_its_title_quoted(session, app, runner, smtp):
    """walk23 W7a: "[KS 2026/0001] Du har tilldelats remiss Ett förenklat kommunalekonomiskt utjämningssystem"."""
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    hanna = fast_user(session, role="handlaggare", namnder=[namnd], email="hanna@example.se")
    make_remiss(session, namnd=namnd, handlaggare_id=hanna.id, title="Ett förenklat kommunalekonomiskt "
                "utjämningssystem", deadline_on=date(2027, 1, 15))
    session.commit()
    sweep(session, runner, "2026-12-16T09:00")
    [mail] = [m for m in smtp.messages if m["To"] == "hanna@example.se" and "tilldelats" in m["Subject"]]
    assert mail["Subject"].endswith("] Du har tilldelats remissen ”Ett förenklat kommunalekonomiskt "
                                    "utjämningssystem”"), mail["Subject"]
