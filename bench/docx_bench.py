"""Time a fresh document through the warm sandboxed pool against plain docxtpl of the same template.

Run: .venv/bin/python bench/docx_bench.py [N]

The variants run interleaved (one of each per round), so a busy machine slows them alike; the
goal (issue 18) is render_document ≤ 1.5× plain docxtpl in process.
"""

from __future__ import annotations

import statistics
import sys
import time

from remiss.documents import render_document, sample_context
from remiss.documents.pool import shared_pool
from remiss.documents.render import render_in_process

GOAL = 1.5


def medians_ms(variants: dict, n: int) -> dict[str, float]:
    """Run every variant once per round, n rounds after a warm-up round; return the median ms of each."""
    for fn in variants.values():
        fn()  # warm caches (template bytes, imports, the pool's workers)
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(n):
        for name, fn in variants.items():
            started = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main(n: int = 15) -> None:
    shared_pool()  # started once, like a web worker after its first document
    print(f"median of {n} interleaved rounds; goal: render_document ≤ {GOAL:g}× plain docxtpl")
    print(f"{'document':18} {'variant':46} {'ms':>8} {'ratio':>7}")
    for kind in ("yttrande", "tjansteskrivelse"):
        ctx = sample_context(kind)
        results = medians_ms({
            "plain docxtpl, in process (baseline)": lambda: render_in_process(kind, ctx, sandboxed=False),
            "SandboxedEnvironment, in process": lambda: render_in_process(kind, ctx),
            "render_document (warm pool, sandbox, limits)": lambda: render_document(kind, ctx),
        }, n)
        base = next(iter(results.values()))
        for name, ms in results.items():
            print(f"{kind:18} {name:46} {ms:8.1f} {ms / base:6.2f}x")
        ratio = results["render_document (warm pool, sandbox, limits)"] / base
        print(f"{kind:18} {'goal':46} {'':8} {'PASS' if ratio <= GOAL else 'FAIL':>7}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
