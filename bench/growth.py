"""The growth budget measured interleaved: the same pages on two (or more) scales' databases, side by side.

Two runs minutes apart on a shared 2-core machine differ by more than the 1.5× the budget allows for
reasons that are not the data (other processes, CPU frequency). So when one invocation measures several
scales (`--scale 1,10`) their databases are kept and each round requests every page from every scale in
turn, in one process, before moving on: both medians see the same machine.
"""
from __future__ import annotations

import time
from pathlib import Path

from bench.measure import ServerClock, Timing, summary
from bench.pages import MIN_ROUNDS, app_for, cast, login


def measure(urls: dict[float, str], tmp: Path, rounds: int, page_seconds: float = 30.0,
            log=print) -> dict[float, dict[str, Timing]]:
    """Server time of every page at every scale, interleaved; {scale: {page key: Timing}}. A page that has
    taken page_seconds drops out once it has MIN_ROUNDS samples at each scale."""
    sites = {}
    for scale, url in urls.items():
        folder = tmp / f"growth-{scale:g}"
        folder.mkdir(exist_ok=True)
        app = app_for(url, folder)
        who = cast(app.extensions["remiss_db"], scale)
        clock = ServerClock(app.wsgi_app)
        app.wsgi_app = clock
        clients = {"admin": app.test_client(), "handlaggare": app.test_client()}
        login(clients["admin"], who.admins[0])
        login(clients["handlaggare"], who.members[0])
        sites[scale] = (app, {p.key: p for p in who.pages}, clock, clients)
    scales = sorted(sites)
    keys = [k for k in sites[scales[0]][1] if all(k in sites[s][1] for s in scales)]

    def get(scale: float, key: str) -> float:
        _, pages, clock, clients = sites[scale]
        page = pages[key]
        response = clients[page.role].get(page.path, buffered=True)
        assert response.status_code == 200, (scale, page.path, response.status_code)
        return clock.last

    samples: dict[float, dict[str, list[float]]] = {s: {k: [] for k in keys} for s in scales}
    try:
        for key in keys:  # warm up
            for scale in scales:
                for _ in range(3):
                    get(scale, key)
        spent = {key: 0.0 for key in keys}
        for r in range(rounds):
            order = scales if r % 2 == 0 else scales[::-1]  # neither scale always goes first
            shift = r % len(keys)
            for key in keys[shift:] + keys[:shift]:
                if spent[key] > page_seconds and len(samples[scales[0]][key]) >= MIN_ROUNDS:
                    continue
                started = time.perf_counter()
                for scale in order:
                    samples[scale][key].append(get(scale, key))
                spent[key] += time.perf_counter() - started
    finally:
        for app, *_ in sites.values():
            app.extensions["remiss_db"].dispose()
    out = {s: {k: summary(v) for k, v in by_key.items()} for s, by_key in samples.items()}
    base = scales[0]
    for key in keys:
        log(f"  {sites[base][1][key].name}: " + ", ".join(
            f"scale {s:g} {out[s][key].median:.1f} ms" for s in scales)
            + "".join(f"; {out[s][key].median / out[base][key].median:.2f}×" for s in scales[1:]))
    return out
