"""truth34 #1: Nästa steg does not tell a person to do what their role cannot. A läsare opening an utkast utgående
remiss read "Kontrollera sändlistan och adresserna, skapa missivet och skicka remissen." above buttons that refused
(403); a handläggare was told to register the nämnd's beslut, which granskare and registratorer do. They are told what
waits and who does it (auth.access.may_take_step, remisser.status.WAITING_STEPS)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.auth.models import Role
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


def _step(auth, remiss_id: int) -> str:
    shown = visible_text(auth.client.get(f"/remisser/{remiss_id}").get_data(as_text=True))
    return shown[shown.index("Nästa steg:"):].split(" Översikt ", 1)[0]


def _world(session):
    namnd = make_namnd(session)
    for role in (Role.registrator, Role.handlaggare, Role.lasare):
        make_user(session, role=role, namnder=[namnd], email=f"{role.value}@malmo.example")
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                           sandlista=[SandlistaItem("Vision", "vision@malmo.example", "Fack")])
    incoming = make_remiss(session, namnd=namnd)
    session.commit()
    return outgoing, incoming


def test_a_lasare_is_told_what_waits_on_an_utkast_and_who_does_it_not_to_send_it(session, auth, clock):
    outgoing, incoming = _world(session)
    clock.set(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    auth.login("lasare@malmo.example")
    step = _step(auth, outgoing.id)
    assert "Kontrollera sändlistan" not in step and "skicka remissen" not in step, step
    assert step == ("Nästa steg: Väntar på att sändlistan och adresserna kontrolleras, missivet skapas och remissen "
                    "skickas: det gör handläggare, granskare och registratorer."), step
    step = _step(auth, incoming.id)
    assert step == "Nästa steg: Väntar på att remissen tilldelas en handläggare: det gör registratorer.", step
    auth.logout()
    auth.login("registrator@malmo.example")  # one who can is still told to do it
    assert _step(auth, outgoing.id) == ("Nästa steg: Kontrollera sändlistan och adresserna, skapa missivet och "
                                        "skicka remissen.")
    assert _step(auth, incoming.id) == "Nästa steg: Tilldela remissen en handläggare."


def test_a_late_remiss_does_not_tell_a_lasare_to_ask_for_more_time(session, auth, clock):
    namnd = make_namnd(session)
    make_user(session, role=Role.lasare, namnder=[namnd], email="lasare@malmo.example")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2026, 11, 20))
    session.commit()
    clock.set(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    auth.login("lasare@malmo.example")
    step = _step(auth, remiss.id)
    assert "Begär förlängd" not in step and step.startswith("Nästa steg: Väntar på"), step


def test_a_handlaggare_is_not_told_to_register_the_beslut(session, auth, clock):
    _, incoming = _world(session)
    incoming.status = "klar_for_beslut"
    session.add(incoming)
    session.commit()
    auth.login("handlaggare@malmo.example")
    step = _step(auth, incoming.id)
    assert step == ("Nästa steg: Yttrandet är godkänt och väntar på att nämndens beslut registreras: det gör "
                    "granskare och registratorer."), step
