"""Fixtures for drafting: the Kulturnämnden remiss of seed 003 handled by SON Öster."""
from __future__ import annotations

import email
import io
import json
from datetime import date, datetime, timezone
from email.policy import default as default_policy
from pathlib import Path

import pytest
from docx import Document

import secrets

from remiss.auth.models import Role, User
from remiss.auth.service import set_memberships
from remiss.planning.models import Milestone
from remiss.auth.access import Principal
from remiss.drafting import decision as decisions
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.drafting.models import Decision
from remiss.planning.service import tidplan
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.local_smtp import start_smtp

CASES = Path("/work/shared/cases/seed-cases.json")
KULTUR_QUESTIONS = [
    "Är rätt nämnder och bolagsstyrelser ansvariga för ledning och samordning respektive genomförande av åtaganden?",
    "Har åtaganden och rapporteringspunkterna rätt ambitionsnivå eller kan vi prestera bättre under det kommande året?",
    "Finns det särskilda aspekter i handlingsplanens åtaganden som behöver belysas ytterligare?",
    "Exempel på aktiviteter som ska genomföras för varje åtagande inom den egna nämndens/ styrelsens ansvarsområde.",
    "Synpunkter kring genomförande och implementering",
]
NOW = datetime(2015, 9, 1, 8, 0, tzinfo=timezone.utc)


def kultur_case() -> dict:
    """The seed case when the shared file is there, else the same five questions."""
    if CASES.exists():
        case = next(c for c in json.loads(CASES.read_text()) if c["id"] == "KULTURSTRATEGI-OSTER-2015")
        return {"title": case["title"], "questions": case["questions"]}
    return {"title": "Remiss angående Förslag till Handlingsplan för kulturstrategi 2016",
            "questions": KULTUR_QUESTIONS}


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def doc_lines(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in open_docx(data).paragraphs if p.text.strip()]


def header_text(data: bytes) -> str:
    section = open_docx(data).sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    cells = [c.text for t in header.tables for r in t.rows for c in r.cells]
    # diarienummer are written with non-breaking spaces so they never break over two lines
    return "\n".join([p.text for p in header.paragraphs] + cells).replace("\u00a0", " ")


def quick_user(session, like: User, *, role: Role, namnder, name: str, email: str, title: str = "") -> User:
    """A user with the same (already hashed) password as like: argon2 once per test, not per user."""
    user = User(email=email, name=name, title=title, role=role.value, password_hash=like.password_hash,
                ics_token=secrets.token_urlsafe(24), created_at=NOW)
    session.add(user)
    session.flush()
    set_memberships(session, user, [n.id for n in namnder])
    return user


@pytest.fixture
def world(session, clock):
    """SON Öster with its people and the Kulturnämnden remiss (five questions)."""
    clock.set(NOW)
    oster = make_namnd(session, name="Stadsområdesnämnd Öster", short_name="SON Öster", organisation="Malmö stad",
                       forvaltning="Stadsområdesförvaltning Öster", dnr_prefix="SOFÖ", now=NOW)
    other = make_namnd(session, name="Stadsområdesnämnd Norr", dnr_prefix="SOFN", now=NOW)
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[oster], name="Sabina Vendela Dethorey",
                            title="Utvecklingssamordnare", email="sabina.dethorey@malmo.se", now=NOW)
    granskare = quick_user(session, handlaggare, role=Role.granskare, namnder=[oster], name="Marie Hendra",
                           email="marie.hendra@malmo.se")
    registrator = quick_user(session, handlaggare, role=Role.registrator, namnder=[oster], name="Nina Registrator",
                             email="nina.registrator@malmo.se")
    lasare = quick_user(session, handlaggare, role=Role.lasare, namnder=[oster], name="Lars Läsare",
                        email="lars.lasare@malmo.se")
    outsider = quick_user(session, handlaggare, role=Role.registrator, namnder=[other], name="Olle Norr",
                          email="olle.norr@malmo.se")
    case = kultur_case()
    remiss = make_remiss(session, namnd=oster, now=NOW, title=case["title"], remittent="Kulturnämnden",
                         sender_dnr="KN-2015-1050", deadline_on=date(2015, 9, 28), deadline_time=None,
                         handlaggare_id=handlaggare.id, questions=case["questions"],
                         answer_email="kulturkansli@malmo.se")
    # the world's tidplan is set by hand: no sammanträde is in its plan, so drop the latest dates the plan
    # backwards from the deadline gave (planner._infeasible) and keep only the deadline
    for planned in tidplan.milestones_of(session, remiss.id):
        if planned.kind != "sista_svarsdag":
            session.delete(planned)
    session.flush()
    for kind, day, pos in (("arbetsutskott", date(2015, 9, 10), 3), ("namnd", date(2015, 9, 24), 4)):
        session.add(Milestone(remiss_id=remiss.id, kind=kind, position=pos, label=kind, planned_on=day, due_on=day))
    session.commit()
    return {"namnd": oster, "other": other, "handlaggare": handlaggare, "granskare": granskare,
            "registrator": registrator, "lasare": lasare, "outsider": outsider, "remiss": remiss,
            "questions": case["questions"]}


@pytest.fixture
def reader(db):
    """A reading session for assertions; call reader.rollback() to see what requests committed."""
    s = db.session(write=False)
    yield s
    s.close()


DECIDED_AT = datetime(2015, 9, 24, 16, 0, tzinfo=timezone.utc)  # after SON Öster's meeting of 24 September 2015


def decide(auth, rid: int, clock=None, **overrides):
    """Record SON Öster's beslut of 24 September 2015, § 142, omedelbart justerad, on the page."""
    if clock is not None:
        clock.set(DECIDED_AT)
    data = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ 142", "omedelbar_justering": "1"}
    data.update(overrides)
    return auth.post(f"/remisser/{rid}/yttrande/beslut", data, form_url=f"/remisser/{rid}")


def approve_and_decide(auth, rid: int, clock) -> None:
    """Save the draft, send it to granskning, approve it and record the beslut, all on the pages."""
    from tests.drafting.test_flow import draft_form  # test_flow imports this module

    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, clock).status_code == 302


@pytest.fixture
def decided(world, session, auth, clock):
    """A factory: the world's remiss with its columns changed, approved and decided by the registrator, who
    stays signed in; returns its id."""
    def make(**changes) -> int:
        remiss = session.get(Remiss, world["remiss"].id)
        for name, value in changes.items():
            setattr(remiss, name, value)
        session.add(remiss)
        session.commit()
        auth.login(world["registrator"].email)
        approve_and_decide(auth, remiss.id, clock)
        return remiss.id

    return make


class Inbox:
    """aiosmtpd handler that keeps every accepted message with its envelope's recipients, sorted."""

    def __init__(self):
        self.received = []  # (envelope recipients, message)

    async def handle_DATA(self, server, session, envelope):
        self.received.append((sorted(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.content, policy=default_policy)))
        return "250 OK"

    def of_kind(self, kind: str):
        return [(rcpts, m) for rcpts, m in self.received if m["X-Remiss-Kind"] == kind]


@pytest.fixture
def smtp(app):
    """Start aiosmtpd on a free port and point the app's SMTP_URL at it."""
    inbox = Inbox()
    controller = start_smtp(inbox)
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{controller.port}"
    yield inbox
    controller.stop()


ALL_KINDS = ("tjansteskrivelse", "granskning", "arbetsutskott", "namnd", "justering", "expediering", "sista_svarsdag")


@pytest.fixture
def w(world, session, app, tmp_path):
    """The world's remiss with a full tidplan, and the principals of its people."""
    remiss = session.get(Remiss, world["remiss"].id)
    have = {m.kind for m in tidplan.milestones_of(session, remiss.id)}
    days = {"tjansteskrivelse": date(2015, 8, 27), "granskning": date(2015, 9, 3), "justering": date(2015, 10, 1),
            "expediering": date(2015, 10, 2), "sista_svarsdag": date(2015, 9, 28)}
    for kind, day in days.items():
        if kind not in have:
            session.add(Milestone(remiss_id=remiss.id, kind=kind, position=ALL_KINDS.index(kind), label=kind,
                                  planned_on=day, due_on=day))
    session.commit()
    return {**world, "remiss": remiss, "files": str(tmp_path / "files"),
            "h": Principal.of(session, world["handlaggare"]), "g": Principal.of(session, world["granskare"]),
            "r": Principal.of(session, world["registrator"])}


def done_kinds(session, remiss_id: int) -> set[str]:
    session.expire_all()
    return {m.kind for m in tidplan.milestones_of(session, remiss_id) if m.done_at is not None}


def approve(session, w, at: datetime = NOW) -> None:
    remiss = w["remiss"]
    save(session, now=at, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."})
    change_state(session, now=at, principal=w["h"], remiss=remiss, new="granskning")
    change_state(session, now=at, principal=w["g"], remiss=remiss, new="godkand")


def ready_to_decide(session, w, auth, clock) -> int:
    """An approved yttrande, SON Öster's meeting of 24 September 2015 in the calendar, the clock after it and the
    registrator logged in: the remiss's id, for posting its beslut forms."""
    from remiss.clock import STOCKHOLM
    from remiss.namnd.models import Meeting

    session.add(Meeting(namnd_id=w["remiss"].namnd_id, kind="namnd",
                        starts_at=datetime(2015, 9, 24, 17, 0, tzinfo=STOCKHOLM)))
    approve(session, w)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    session.rollback()
    return rid


def record(session, w, at: datetime = DECIDED_AT, **overrides) -> Decision:
    values = {"decided_by": "namnd", "meeting_on": date(2015, 9, 24), "paragraf": "142"}
    values.update(overrides)
    return decisions.record_decision(session, now=at, principal=w["r"], remiss=w["remiss"], **values)
