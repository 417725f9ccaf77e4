"""The pages of `make bench`: which, as whom, and their server time and SQL, measured through the real routes."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from bench.generate import BENCH_PASSWORD, NOW, first_recent_id
from bench.measure import RawReplay, ServerClock, StatementClock, Timing, summary

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
USERS = 16  # logged in at once for the throughput budget


@dataclass(frozen=True)
class Page:
    key: str  # stable: the results files are compared by it
    name: str
    role: str  # "admin" or "handlaggare": who opens it
    path: str


@dataclass
class PageResult:
    page: Page
    time: Timing  # server time, ms
    statements: int  # per request
    sql_app: Timing  # the request's summed execute time, ms
    sql_raw: Timing  # the same statements replayed raw, ms
    statements_vary: bool = False  # a request ran a different number of statements than the captured one
    writes: bool = False

    @property
    def sql_ratio(self) -> float | None:
        return self.sql_app.median / self.sql_raw.median if self.sql_raw.median else None


@dataclass
class Cast:
    """Who opens the pages: the accounts and the remisser shown."""
    admins: list[str]
    members: list[str]  # handläggare, each in two nämnder
    remiss_id: int  # an incoming remiss in the middle of the newest ten years
    outgoing_id: int  # an outgoing remiss near it
    pages: list[Page] = field(default_factory=list)


def cast(db, scale: float) -> Cast:
    """Read the accounts and remisser from the generated data; the same rows at every scale ≥ 1."""
    with db.transaction(write=False) as s:
        admins = s.execute(text("SELECT email FROM user_account WHERE role = 'admin' ORDER BY id LIMIT :n"),
                           {"n": USERS}).scalars().all()
        members = s.execute(text("SELECT email FROM user_account WHERE role = 'handlaggare' ORDER BY id LIMIT :n"),
                            {"n": USERS}).scalars().all()
        middle = s.execute(text("SELECT min(id) FROM remiss WHERE id >= :id AND direction = 'inkommande'"),
                           {"id": first_recent_id(scale) + (s.execute(text("SELECT max(id) FROM remiss")).scalar()
                                                            - first_recent_id(scale)) // 2}).scalar()
        outgoing = s.execute(text("SELECT min(id) FROM remiss WHERE id >= :id AND direction = 'utgaende'"),
                             {"id": middle}).scalar()
    c = Cast(list(admins), list(members), middle, outgoing)
    c.pages = [
        Page("diarium_admin", "diarium, admin (all remisser)", "admin", "/remisser"),
        Page("diarium_member", "diarium, handläggare (2 nämnder)", "handlaggare", "/remisser"),
        Page("start_admin", "start page, admin", "admin", "/"),
        Page("start_member", "start page, handläggare", "handlaggare", "/"),
        Page("remiss", "remiss page (incoming)", "admin", f"/remisser/{middle}"),
        Page("remiss_outgoing", "remiss page (outgoing, 40 instanser)", "admin", f"/remisser/{outgoing}"),
        Page("calendar_member", "month calendar, handläggare", "handlaggare", "/kalender"),
        Page("calendar_admin", "month calendar, admin (all nämnder)", "admin", "/kalender"),
        Page("late_admin", "late overview, admin (all nämnder)", "admin", "/forsenat"),
        Page("search_word", "search: diarium ?q=kulturstrategi", "admin", "/remisser?q=kulturstrategi"),
        Page("search_dnr", "search: diarium ?q=KS-2020", "admin", "/remisser?q=KS-2020"),
    ]
    if outgoing is None:
        c.pages = [p for p in c.pages if p.key != "remiss_outgoing"]
    return c


def app_for(url: str, tmp: Path):
    """The real application on the bench database, its clock at the data set's NOW."""
    from remiss import create_app

    return create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "bench",
                       "MAIL_DIR": str(tmp / "mail"), "FILES_DIR": str(tmp / "files"), "SMTP_URL": "",
                       "CLOCK": lambda: NOW, "BASE_URL": "http://remiss.bench"})


def login(client, email: str) -> None:
    """Log in through the login form with its CSRF token, as a browser does."""
    match = CSRF.search(client.get("/logga-in").get_data(as_text=True))
    token = match.group(1) or match.group(2)
    response = client.post("/logga-in", data={"csrf_token": token, "email": email, "password": BENCH_PASSWORD})
    assert response.status_code in (302, 303), f"login failed for {email}: {response.status_code}"


MIN_ROUNDS = 30  # a page that has used up its time is still measured this often (p95 of 30 is the 2nd worst)


def measure(url: str, tmp: Path, scale: float, rounds: int, page_seconds: float = 30.0,
            log=print) -> tuple[Cast, list[PageResult]]:
    """Time every page `rounds` times in turn, each request followed by a raw replay of its SQL.

    A page that has taken page_seconds (request and replay) drops out of later rounds once it has MIN_ROUNDS
    samples: a page of a second would otherwise keep the run going for half an hour."""
    app = app_for(url, tmp)
    db = app.extensions["remiss_db"]
    who = cast(db, scale)
    clock = ServerClock(app.wsgi_app)
    app.wsgi_app = clock
    clients = {"admin": app.test_client(), "handlaggare": app.test_client()}
    login(clients["admin"], who.admins[0])
    login(clients["handlaggare"], who.members[0])

    def get(page: Page) -> float:
        response = clients[page.role].get(page.path, buffered=True)
        assert response.status_code == 200, (page.path, response.status_code)
        return clock.last

    engines = {db.read_engine, db.write_engine}
    samples = {p.key: [] for p in who.pages}
    sql_app = {p.key: [] for p in who.pages}
    sql_raw = {p.key: [] for p in who.pages}
    counts: dict[str, int] = {}
    varies: set[str] = set()
    replays: dict[str, RawReplay] = {}
    raw = db.read_engine.raw_connection()  # the replays' one connection (a GET request reads on this engine)
    try:
        with StatementClock(engines) as statements:
            for p in who.pages:  # warm up, then keep one request's statements for the replay
                for _ in range(3):
                    statements.reset()
                    get(p)
                replays[p.key] = RawReplay(raw, statements.statements)
                counts[p.key] = len(statements.statements)
                replays[p.key]()  # warm the replay too
            spent = {p.key: 0.0 for p in who.pages}
            for r in range(rounds):
                shift = r % len(who.pages)  # a different page first each round
                for p in who.pages[shift:] + who.pages[:shift]:
                    if spent[p.key] > page_seconds and len(samples[p.key]) >= MIN_ROUNDS:
                        continue
                    started = time.perf_counter()
                    statements.reset()
                    samples[p.key].append(get(p))
                    sql_app[p.key].append(statements.total)
                    if len(statements.statements) != counts[p.key]:
                        varies.add(p.key)
                    sql_raw[p.key].append(replays[p.key]())
                    spent[p.key] += time.perf_counter() - started
    finally:
        raw.close()
        db.dispose()
    results = [PageResult(p, summary(samples[p.key]), counts[p.key], summary(sql_app[p.key]),
                          summary(sql_raw[p.key]), p.key in varies, replays[p.key].writes) for p in who.pages]
    for res in results:
        log(f"  {res.page.name}: median {res.time.median:.1f} ms, p95 {res.time.p95:.1f} ms; "
            f"{res.statements} SQL {res.sql_app.median:.2f} ms in the app, {res.sql_raw.median:.2f} ms raw")
    return who, results
