"""A status moved by hand records what happened, not work that never did (truth16 F19); undoing a makulering
goes back to the status the remiss had and its history says what really changed (walk16 #3, truth16 F10, F11)."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.planning.models import Milestone
from remiss.remisser import by_hand, service, voided
from remiss.remisser.status import RemissStatus
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()
LATER = datetime(2027, 5, 3, 8, 0, tzinfo=timezone.utc)


def _assigned(session):
    namnd = make_namnd(session)
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@malmo.se")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 10))
    service.assign(session, now=datetime(2026, 11, 23, 10, tzinfo=timezone.utc), principal=SYSTEM, remiss=remiss,
                   handlaggare_id=handlaggare.id)
    return remiss


def test_besvarad_by_hand_does_not_invent_granskning_or_approval(session, client, auth):
    remiss = _assigned(session)
    for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad"):
        by_hand.change_status_by_hand(session, now=LATER, principal=SYSTEM, remiss=remiss, new=status)
    session.commit()
    rows = {m.kind: m for m in session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id))}
    for kind in ("tjansteskrivelse", "granskning", "expediering"):
        assert rows[kind].done_at is not None, kind
        assert rows[kind].explanation == "Klar – status ändrad för hand 3 maj 2027." if kind != "expediering" else \
            "Yttrandet är inte expedierat i Remiss: status ändrad till Besvarad för hand 3 maj 2027.", kind  # walk18 F21
    make_user(session, role=Role.admin, email="admin@malmo.se")
    session.commit()
    auth.login("admin@malmo.se")
    tidplan = client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('id="tidplan"', 1)[-1]
    assert "Skickad till granskning" not in tidplan and "Godkänd" not in tidplan
    assert "Klar – status ändrad för hand 3 maj 2027." in tidplan
    head = client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('id="tidplan"', 1)[0]
    assert "expedierat" not in head and "status ändrad till Besvarad för hand måndag 3 maj 2027" in head
    assert "Inget mer att göra" not in head  # beside the warning that the beslut is not registered


def test_undoing_a_makulering_returns_to_the_status_it_had_and_tells_the_truth(session):
    remiss = _assigned(session)
    assert remiss.status == RemissStatus.tilldelad
    voided.makulera(session, now=LATER, principal=SYSTEM, remiss=remiss, reason="Samma brev två gånger.")
    by_hand.change_status_by_hand(session, now=LATER, principal=SYSTEM, remiss=remiss, new="registrerad")
    session.commit()
    assert remiss.status == RemissStatus.tilldelad  # it has its handläggare: not "Tilldela remissen en handläggare"
    reopened = session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss.id,
                                                     AuditEvent.action == "milestone")
                            .order_by(AuditEvent.id.desc())).first()
    changes = json.loads(reopened.changes)
    assert changes and all(key.startswith("utgar:") for key in changes), changes  # "utgår → planerad"
    assert "inte klar" not in reopened.note and "planerad igen" in reopened.note


def test_an_incoming_remiss_lists_only_its_own_documents(session, client, auth):
    """walk16 #7, truth16 F18: Missiv and Sammanställning (404 here) are an utgående remiss's documents."""
    remiss = _assigned(session)
    make_user(session, role=Role.admin, email="admin@malmo.se")
    session.commit()
    auth.login("admin@malmo.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    documents = page.split("Yttrandets handlingar", 1)[1].split("</ul>", 1)[0]
    assert "/dokument/tjansteskrivelse" in documents and "/dokument/yttrande" in documents
    assert "missiv" not in documents.lower() and "sammanst" not in documents.lower()


def test_the_makulera_box_names_the_status_it_returns_to_and_registrerad_sees_the_handlaggare(session, client,
                                                                                              auth):
    """truth17 F8: the box said the makulering is undone "genom att status ändras till Registrerad" and it returned
    to Tilldelad; a Registrerad remiss with a handläggare was told "Tilldela remissen en handläggare"."""
    remiss = _assigned(session)
    make_user(session, role=Role.admin, email="admin@malmo.se")
    session.commit()
    auth.login("admin@malmo.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    box = page[page.index('id="void-form"'):]
    assert ("Makuleringen kan ångras: välj Registrerad under ”Ändra status för hand”, så får remissen tillbaka den "
            "status den har nu, Tilldelad, med sin handläggare.") in box
    by_hand.change_status_by_hand(session, now=LATER, principal=SYSTEM, remiss=remiss, new="registrerad")
    session.commit()
    head = client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('id="tidplan"', 1)[0]
    assert "Registrerad" in head
    assert "Tilldela remissen en handläggare" not in head
    assert "Handläggaren börjar med tjänsteskrivelsen och yttrandet." in head
