"""Throughput: a real gunicorn (4 workers) on 127.0.0.1, 16 users logged in through the login form, load from wrk.

wrk (Debian package `wrk`; `make bench` installs it when it runs as root) sends the load: one thread and one
keep-alive connection per user, written in C, so the load generator takes little of the 2 cores the server
needs. Without wrk a stdlib client (16 threads, http.client, keep-alive) stands in; it costs the server
more CPU, and results.md says which one ran. Every run is bounded in time and goes to loopback only.
"""
from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.generate import BENCH_PASSWORD
from bench.pages import CSRF, USERS, Page

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORKERS = 4
BARE = Page("bare", "bare Flask route (reference, same workers)", "admin", "/__bare/")


@dataclass
class Load:
    page: Page
    rounds: list[float] = field(default_factory=list)  # requests/s of each round
    p50: list[float] = field(default_factory=list)  # latency, ms, of each round
    p99: list[float] = field(default_factory=list)
    bad: int = 0  # responses other than 200, and socket errors

    @property
    def rps(self) -> float:
        return statistics.median(self.rounds) if self.rounds else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn -c deploy/gunicorn.conf.py with 4 workers on a free loopback port, serving bench.wsgi:app.

    Two settings differ from the deployment's: no worker recycling (max_requests 0: at several hundred
    requests a second a recycle every half minute would be measured too) and the access log to a file."""

    def __init__(self, url: str, tmp: Path, workers: int = WORKERS):
        self.port = _free_port()
        self.log = tmp / "gunicorn.log"
        env = {**os.environ, "REMISS_BENCH_URL": url, "REMISS_BENCH_TMP": str(tmp),
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn) if gunicorn.exists() else "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                   "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}", "--max-requests", "0",
                   "--access-logfile", str(tmp / "access.log"), "--error-logfile", str(self.log), "bench.wsgi:app"]
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/logga-in")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s:\n{self.tail()}")

    def cpu_ticks(self) -> int:
        """CPU time (clock ticks) of the master and its workers so far."""
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a process that ended meanwhile
            pid, ppid = int(stat.parent.name), int(fields[1])
            if pid == self.proc.pid or ppid == self.proc.pid:
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total

    def wait_idle(self, quiet: float = 0.3, limit: float = 120.0) -> float:
        """Wait until the workers have finished what the last load left them (requests whose client is gone
        are still served: a slow page's backlog would be measured with the next page); return the seconds."""
        started = time.monotonic()
        ticks = self.cpu_ticks()
        while time.monotonic() - started < limit:
            time.sleep(quiet)
            now = self.cpu_ticks()
            if now - ticks <= quiet * 100 * 0.05:  # under 5 % of one core: idle
                break
            ticks = now
        return time.monotonic() - started

    def tail(self) -> str:
        return self.log.read_text()[-3000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this Popen started, nothing else
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _cookie_header(response, jar: dict[str, str]) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def http_login(port: int, email: str) -> str:
    """Log in through the login form over HTTP; return the Cookie header of the session."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    jar: dict[str, str] = {}
    try:
        conn.request("GET", "/logga-in")
        response = conn.getresponse()
        match = CSRF.search(response.read().decode())
        cookie = _cookie_header(response, jar)
        body = urlencode({"csrf_token": match.group(1) or match.group(2), "email": email, "password": BENCH_PASSWORD})
        conn.request("POST", "/logga-in", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        response = conn.getresponse()
        response.read()
        if response.status not in (302, 303):
            raise RuntimeError(f"login of {email} over HTTP answered {response.status}")
        cookie = _cookie_header(response, jar)
        conn.request("GET", "/", headers={"Cookie": cookie})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"the start page after logging in {email} answered {response.status}")
        return cookie
    finally:
        conn.close()


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_run(port: int, users: list[tuple[str, str]], seconds: float, tmp: Path) -> tuple[float, float, float, int]:
    """One wrk run: (requests/s, p50 ms, p99 ms, bad responses and socket errors)."""
    listing = tmp / "wrk-users.txt"
    listing.write_text("".join(f"{cookie}\t{path}\n" for cookie, path in users))
    n = len(users)
    command = ["wrk", f"-t{n}", f"-c{n}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "--latency",
               "-s", str(HERE / "load.lua"), f"http://127.0.0.1:{port}", "--", str(listing)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    out = done.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"BENCH bad=(\d+)", out)
    if done.returncode or not rps or not bad:
        raise RuntimeError(f"wrk failed ({done.returncode}): {out[-1500:]} {done.stderr[-1500:]}")
    latency = {q: float(v) * _UNIT[u] for q, v, u in _LATENCY.findall(out)}
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return float(rps.group(1)), latency.get("50", 0.0), latency.get("99", 0.0), int(bad.group(1)) + errors


def python_run(port: int, users: list[tuple[str, str]], seconds: float, tmp: Path) -> tuple[float, float, float, int]:
    """The stand-in for wrk: one thread and keep-alive connection per user, for `seconds`."""
    stop = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in users]
    bad = [0] * len(users)

    def user(k: int, cookie: str, path: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            while (started := time.perf_counter()) < stop:
                try:
                    conn.request("GET", path, headers={"Cookie": cookie})
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        bad[k] += 1
                except OSError:
                    bad[k] += 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                latencies[k].append((time.perf_counter() - started) * 1000)
        finally:
            conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=user, args=(k, c, p)) for k, (c, p) in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    every = sorted(x for lane in latencies for x in lane)
    if not every:
        return 0.0, 0.0, 0.0, sum(bad)
    return len(every) / elapsed, every[len(every) // 2], every[min(len(every) - 1, int(len(every) * 0.99))], sum(bad)


def driver(client: str = "auto") -> str:
    """The load generator that will run: 'wrk <version>' or the stdlib stand-in."""
    if client != "python" and shutil.which("wrk"):
        done = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        words = (done.stdout + done.stderr).split()
        return f"wrk {words[1]}" if len(words) > 1 else "wrk"
    return "16 Python threads (http.client, keep-alive" + ("" if shutil.which("wrk") else "; wrk not installed") + ")"


def measure(url: str, tmp: Path, pages: list[Page], admins: list[str], members: list[str], *, rounds: int = 3,
            seconds: float = 3.0, warmup: float = 1.0, pause: float = 0.5, client: str = "auto",
            log=print) -> tuple[str, list[Load]]:
    """Serve the database with gunicorn, log USERS users of each role in, drive every page `rounds` times.
    client: "wrk", "python" or "auto" (wrk when installed)."""
    if client == "wrk" and not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    run = wrk_run if client != "python" and shutil.which("wrk") else python_run
    loads = [Load(p) for p in [*pages, BARE]]
    with Gunicorn(url, tmp) as server:
        cookies = {"admin": [http_login(server.port, email) for email in admins[:USERS]],
                   "handlaggare": [http_login(server.port, email) for email in members[:USERS]]}
        for role, jar in cookies.items():
            if len(jar) < USERS:
                log(f"  only {len(jar)} {role} accounts to log in: some sessions carry the same user")
                jar.extend(jar[k % len(jar)] for k in range(USERS - len(jar)))

        def users(page: Page) -> list[tuple[str, str]]:
            return [(cookie, page.path) for cookie in cookies[page.role]]

        for load in loads:  # every worker compiles its templates and fills its caches before it is timed
            run(server.port, users(load.page), warmup, tmp)
            server.wait_idle()
        for r in range(rounds):
            shift = r % len(loads)
            for load in loads[shift:] + loads[:shift]:
                time.sleep(pause)  # a breath for the other users of the machine
                rps, p50, p99, bad = run(server.port, users(load.page), seconds, tmp)
                server.wait_idle()
                load.rounds.append(rps)
                load.p50.append(p50)
                load.p99.append(p99)
                load.bad += bad
    for load in loads:
        log(f"  {load.page.name}: {load.rps:.0f} req/s (rounds {', '.join(f'{x:.0f}' for x in load.rounds)}), "
            f"p50 {statistics.median(load.p50):.1f} ms, p99 {statistics.median(load.p99):.1f} ms"
            + (f", {load.bad} not 200" if load.bad else ""))
    return driver(client), loads
