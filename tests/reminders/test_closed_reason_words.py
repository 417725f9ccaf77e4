"""walk18 F7, left over: a medborgarförslag's reminders stopped with "Remissen är avslutad." or "Remissen är
makulerad (registrerad av misstag)." in the utkorg and `remiss reminders list`, and a stale assignment notice with
"… handläggare för remissen.". They say "ärendet" now (remisser.kind_words); a remiss's rows read as before."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from remiss.reminders.schedule import sync_remiss
from tests.reminders.conftest import set_milestones
from tests.support.factories import make_remiss

WORDS = {("medborgarforslag", "avstar"): "Ärendet är avslutat.",
         ("medborgarforslag", "makulerad"): "Ärendet är makulerat (registrerat av misstag).",
         ("remiss", "avstar"): "Remissen är avslutad.",
         ("remiss", "makulerad"): "Remissen är makulerad (registrerad av misstag)."}


@pytest.mark.parametrize("kind, status", list(WORDS))
def test_the_reminders_of_a_closed_medborgarforslag_stop_in_its_words(session, world, clock, kind, status):
    ours = make_remiss(session, namnd=world.namnd, title="Fler parkbänkar", kind=kind,
                       handlaggare_id=world.handlaggare.id)
    set_milestones(session, ours, [("tjansteskrivelse", date(2026, 12, 7), "handlaggare")])
    sync_remiss(session, now=clock.now, remiss=ours)
    ours.status = status
    session.add(ours)
    sync_remiss(session, now=clock.now, remiss=ours)
    session.commit()
    stopped = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == ours.id,
                                                       OutboxMessage.status == "cancelled")).all()
    said = {row.last_error for row in stopped}
    assert WORDS[kind, status] in said, said
    if kind == "medborgarforslag":  # old code: "Remissen är avslutad." of a medborgarförslag
        assert not any("Remissen" in reason for reason in said), said


@pytest.mark.parametrize("kind, the", [("medborgarforslag", "ärendet"), ("remiss", "remissen")])
def test_a_notice_to_a_former_handlaggare_stops_in_its_words(session, world, clock, kind, the):
    from remiss.auth.access import Principal
    from remiss.remisser import service as remisser

    ours = make_remiss(session, namnd=world.namnd, title="Fler parkbänkar", kind=kind,
                       handlaggare_id=world.handlaggare.id)
    session.commit()
    other = session.get(type(world.handlaggare), world.granskare.id)
    other.role = "handlaggare"
    session.add(other)
    remisser.assign(session, now=clock.now, principal=Principal.of(session, world.registrator), remiss=ours,
                    handlaggare_id=other.id)
    session.commit()
    stopped = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == ours.id,
                                                       OutboxMessage.kind == "assigned",
                                                       OutboxMessage.status == "cancelled")).all()
    # Old code: "Mottagaren är inte längre handläggare för remissen." of a medborgarförslag
    assert [row.last_error for row in stopped] == [f"Mottagaren är inte längre handläggare för {the}."], stopped
