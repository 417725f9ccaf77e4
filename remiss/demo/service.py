"""Demo data for `make run`: nämnder, users, a sammanträdesplan and remisser from the seed cases."""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.auth.service import create_user
from remiss.calendar import WorkCalendar
from remiss.clock import STOCKHOLM, local_today
from remiss.namnd import service as namnd_service
from remiss.namnd.models import Meeting, Namnd
from remiss.remisser import service as remiss_service
from remiss.remisser.input import RemissData, SandlistaItem

CASES = Path(__file__).with_name("cases.json")
DEMO_CASES = ["IOF-2010", "KULTURSTRATEGI-OSTER-2015", "KONTAKTCENTER-OSTER-2015",
              "MISSBRUK-RIKTLINJER-OSTER-2015", "TILLSYN-OSTER-2015"]
# Weeks from today to each demo remiss's deadline. The tidplan works back from it (nämnd, AU, handlingar,
# granskning, tjänsteskrivelse: up to about nine weeks), so the first one is late on purpose, to show what a late
# remiss looks like, and the others are on time: a new user's first screen is not a wall of red.
WEEKS_AHEAD = [4, 12, 14, 16, 18]
USERS = [
    ("admin@remiss.example", "Ada Admin", Role.admin, "Systemförvaltare"),
    ("sekreterare@remiss.example", "Sara Sekreterare", Role.registrator, "Nämndsekreterare"),
    ("handlaggare@remiss.example", "Jesper Lindkvist", Role.handlaggare, "Utredningssekreterare"),
    ("granskare@remiss.example", "Britt-Marie Pettersson", Role.granskare, "Stadsområdesdirektör"),
    ("lasare@remiss.example", "Lars Läsare", Role.lasare, "Controller"),
]


def _meetings(session: Session, namnd: Namnd, today: date) -> None:
    """A monthly nämnd meeting on the fourth Thursday (a week earlier on a holiday), its AU a week before."""
    calendar = WorkCalendar()
    for months in range(-1, 8):
        year, month = today.year + (today.month - 1 + months) // 12, (today.month - 1 + months) % 12 + 1
        first = date(year, month, 1)
        thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        while not calendar.is_workday(thursday):
            thursday -= timedelta(days=7)
        for kind, day, at in (("au", thursday - timedelta(days=7), time(8, 30)), ("namnd", thursday, time(17, 30))):
            session.add(Meeting(namnd_id=namnd.id, kind=kind, starts_at=datetime.combine(day, at, tzinfo=STOCKHOLM),
                                place="Stadsdelshuset, Agnesfridsvägen 2", handlingar_deadline=day - timedelta(days=10)))
    session.flush()


def _shift(original: date, today: date, weeks_ahead: int) -> date:
    """Move a seed date by whole weeks (weekday kept) to about weeks_ahead weeks from today."""
    weeks = (today - original).days // 7 + weeks_ahead
    return original + timedelta(weeks=weeks)


def load_demo(session: Session, *, now: datetime, password: str) -> list[tuple[str, str]]:
    """Create the demo world once; return the logins (email, role label)."""
    if session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).first():
        return [(email, role.label) for email, _, role, _ in USERS]
    today = local_today(now)
    oster = namnd_service.create(session, now=now, actor_id=None, name="Stadsområdesnämnd Öster",
                                 short_name="SON Öster", organisation="Malmö stad",
                                 forvaltning="Stadsområdesförvaltning Öster", email="son.oster@remiss.example",
                                 dnr_prefix="SOFÖ")
    ks = namnd_service.create(session, now=now, actor_id=None, name="Kommunstyrelsen", short_name="KS",
                              organisation="Malmö stad", forvaltning="Stadskontoret",
                              email="kommunstyrelsen@remiss.example", dnr_prefix="KS")
    _meetings(session, oster, today)
    _meetings(session, ks, today)
    users = {}
    for email, name, role, title in USERS:
        users[role] = create_user(session, now=now, email=email, name=name, password=password, role=role,
                                  title=title, namnd_ids=[oster.id, ks.id])
    admin = Principal(users[Role.admin].id, Role.admin, frozenset())
    cases = {c["id"]: c for c in json.loads(CASES.read_text())}
    for weeks, (case_id, ahead) in enumerate(zip(DEMO_CASES, WEEKS_AHEAD), start=2):
        case = cases[case_id]
        deadline = case.get("extended_deadline") or case.get("deadline") or "2015-09-30"
        original = datetime.fromisoformat(deadline)
        day = _shift(original.date(), today, ahead)
        data = RemissData(
            title=case["title"], namnd_id=oster.id,
            remittent=(case.get("remittent") or "").split(" (")[0], sender_dnr=case.get("sender_dnr") or "",
            received_on=today - timedelta(days=7 * weeks), deadline_on=day,
            deadline_time=original.time() if "T" in deadline else None,
            questions=list(case.get("questions") or []),
            sandlista=[SandlistaItem(name) for name in case.get("sandlista") or []],
            missiv_text=case.get("missiv_text") or "",
            notes=f"Demoärende byggt på en verklig remiss ({case_id}), med flyttade datum.",
            handlaggare_id=users[Role.handlaggare].id if weeks % 2 == 0 else None,
        )
        remiss_service.register(session, now=now, principal=admin, data=data)
    return [(email, role.label) for email, _, role, _ in USERS]
