"""The warm renderer pool: killed workers, endless templates and recycling, with real processes."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from remiss.documents import RenderError, render_document, sample_context
from remiss.documents.pool import PoolLimits, RendererPool, WorkerDied
from remiss.documents.render import default_template
from remiss.documents.sandbox import EXIT_ERROR

from .conftest import all_text

SLOW = "{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}{{ titel }}"


def header(context: dict) -> dict:
    return {"context": context, "stycke_paths": [], "properties": None}


@pytest.fixture
def pool():
    started = RendererPool(size=1, limits=PoolLimits(max_renders=3)).start()
    yield started
    started.close()


def test_pool_survives_a_worker_killed_mid_render(pool, make_template):
    [pid] = pool.pids()
    killer = threading.Timer(0.5, os.kill, (pid, signal.SIGKILL))
    killer.start()
    with pytest.raises(WorkerDied) as died:
        pool.render(header({"titel": "x"}), make_template(SLOW), timeout=20)
    assert died.value.returncode == -signal.SIGKILL and not died.value.timed_out
    status, data = pool.render(header({"titel": "Efter"}), make_template("{{ titel }}"), timeout=10)
    assert status == 0 and all_text(data).startswith("Efter")
    assert pid not in pool.pids()


def test_pool_stops_a_template_that_loops_forever_and_renders_the_next(pool, make_template):
    endless = make_template("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(WorkerDied) as died:
        pool.render(header({}), endless, timeout=2)
    assert died.value.timed_out and time.monotonic() - started < 4
    status, _ = pool.render(header({"titel": "ok"}), make_template("{{ titel }}"), timeout=10)
    assert status == 0


def test_worker_is_recycled_after_max_renders_and_after_an_error(pool, make_template):
    template = make_template("{{ titel }}")
    [first] = pool.pids()
    for _ in range(3):
        assert pool.render(header({"titel": "a"}), template, timeout=10)[0] == 0
    [second] = pool.pids()
    assert second != first
    status, _ = pool.render(header({}), make_template("{{ ''.__class__ }}"), timeout=10)
    assert status == EXIT_ERROR and pool.pids() != [second]


def test_cpu_budget_is_per_render_not_per_worker(make_template):
    """Five renders of ~0.4 s CPU each pass a 1 s budget: each render gets its own."""
    pool = RendererPool(size=1, limits=PoolLimits(cpu_seconds=1, max_renders=10)).start()
    try:
        busy = make_template("{% for i in range(700) %}{% for j in range(700) %}{% endfor %}{% endfor %}ok")
        for _ in range(5):
            assert pool.render(header({}), busy, timeout=30)[0] == 0  # wall clock generous, CPU 1 s
    finally:
        pool.close()


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[11])  # utime, after the command's parentheses


def _kill_when_busy(pids: list[int]) -> None:
    """Kill the worker that is rendering, once its CPU time grows, however loaded the machine is: a fixed timer
    could fire before the request reached a worker, and killing the idle ones too races the next render."""
    start = {pid: _cpu_ticks(pid) for pid in pids}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        busy = [pid for pid in pids if _cpu_ticks(pid) >= start[pid] + 20]
        if busy:
            os.kill(busy[0], signal.SIGKILL)
            return
        time.sleep(0.02)


def test_render_document_reports_a_killed_worker_in_swedish(make_template):
    from remiss.documents.pool import shared_pool

    render_document("yttrande", {"titel": "värm"}, make_template("{{ titel }}"))
    pids = shared_pool().pids()
    killer = threading.Thread(target=_kill_when_busy, args=(pids,))
    killer.start()
    with pytest.raises(RenderError, match=r"arbetsprocessen avbröts \(signal 9\)"):
        render_document("yttrande", {"titel": "x"}, make_template(SLOW), timeout=20)
    killer.join()
    data = render_document("yttrande", sample_context("yttrande"), default_template("yttrande"))
    assert "Andreas Konstantinides" in all_text(data)


def test_more_documents_at_once_than_workers(make_template):
    """Six threads share two workers: each waits its turn and gets its own document."""
    pool = RendererPool(size=2, limits=PoolLimits(max_renders=2)).start()
    results: dict[int, str] = {}

    def one(n: int) -> None:
        status, data = pool.render(header({"titel": f"Dokument {n}"}), make_template("{{ titel }}"), timeout=20)
        results[n] = all_text(data).split("\n")[0] if status == 0 else f"status {status}"

    try:
        threads = [threading.Thread(target=one, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        pool.close()
    assert results == {n: f"Dokument {n}" for n in range(6)}
