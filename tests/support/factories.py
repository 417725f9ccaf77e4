"""Factories for test data: make_x(**overrides) returns a fresh, flushed row."""
from __future__ import annotations

import itertools
from datetime import date, datetime, time, timezone

from sqlmodel import Session

from remiss.auth.access import Principal
from remiss.auth.models import Role, User
from remiss.auth.service import create_user
from remiss.namnd import service as namnd_service
from remiss.namnd.models import Namnd
from remiss.remisser import service as remiss_service
from remiss.remisser.input import RemissData, SandlistaItem
from remiss.remisser.models import Remiss

PASSWORD = "korrekt-hast-batteri"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
_seq = itertools.count(1)

SEED_000_SANDLISTA = [
    "Stadsdelsfullmäktige Centrum", "Stadsdelsfullmäktige Fosie", "Stadsdelsfullmäktige Husie",
    "Stadsdelsfullmäktige Hyllie", "Stadsdelsfullmäktige Kirseberg", "Stadsdelsfullmäktige Limhamn/Bunkeflo",
    "Stadsdelsfullmäktige Oxie", "Stadsdelsfullmäktige Rosengård", "Stadsdelsfullmäktige Södra Innerstaden",
    "Stadsdelsfullmäktige Västra Innerstaden", "Sociala resursnämnden", "Kommunal", "Vårdförbundet", "SACO", "SKTF",
]


def make_namnd(session: Session, *, now: datetime = T0, **overrides) -> Namnd:
    n = next(_seq)
    values = {"name": f"Nämnd {n}", "short_name": f"N{n}", "organisation": "Malmö stad",
              "forvaltning": f"Förvaltning {n}", "email": f"namnd{n}@example.se", "dnr_prefix": f"N{n}"}
    values.update(overrides)
    return namnd_service.create(session, now=now, actor_id=None, **values)


def make_user(session: Session, *, role: Role | str = Role.handlaggare, namnder=(), now: datetime = T0,
              **overrides) -> User:
    n = next(_seq)
    values = {"email": f"user{n}@example.se", "name": f"Användare {n}", "password": PASSWORD}
    values.update(overrides)
    return create_user(session, now=now, role=role, namnd_ids=[x.id for x in namnder], **values)


def registrator_api_headers(session: Session, clock, *, now: datetime) -> tuple[Namnd, dict[str, str]]:
    """A registrator of Kommunstyrelsen (KS) with an API token, the clock set to now: the nämnd and the request
    headers that carry the token (the API tests' caller)."""
    from remiss.auth.service import create_api_token

    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="reg@kommun.se")
    session.commit()
    clock.set(now)
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='t')}"}
    session.commit()
    return namnd, headers


def principal_of(session: Session, user: User) -> Principal:
    return Principal.of(session, user)


def make_remiss(session: Session, *, namnd: Namnd, by: User | None = None, now: datetime = T0,
                **overrides) -> Remiss:
    if by is None:
        principal = Principal.system()
    else:
        principal = Principal.of(session, by)
    values = {"title": f"Remiss {next(_seq)}", "namnd_id": namnd.id, "remittent": "Kommunstyrelsen",
              "sender_dnr": "KS-2026-00001", "deadline_on": date(2026, 12, 18), "deadline_time": time(12, 0)}
    values.update(overrides)
    if values.get("sandlista") and isinstance(values["sandlista"][0], str):
        values["sandlista"] = [SandlistaItem(name) for name in values["sandlista"]]
    return remiss_service.register(session, now=now, principal=principal, data=RemissData(**values))
