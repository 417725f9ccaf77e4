"""Time a five-question yttrande: worker+sandbox and in-process sandbox vs plain docxtpl.

Run: .venv/bin/python bench/docx_bench.py [N]
"""

from __future__ import annotations

import statistics
import sys
import time

from remiss.documents import render_document, sample_context
from remiss.documents.render import render_in_process


def median_ms(fn, n: int) -> float:
    """Return the median wall time of fn over n runs, in milliseconds."""
    fn()  # warm caches (template bytes, imports) so every variant is measured warm
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(n: int = 15) -> None:
    ctx = sample_context("yttrande")
    assert len(ctx["fragor"]) == 5
    rows = [
        ("plain docxtpl, in process (baseline)", lambda: render_in_process("yttrande", ctx, sandboxed=False)),
        ("SandboxedEnvironment, in process", lambda: render_in_process("yttrande", ctx)),
        ("render_document (worker + sandbox + limits)", lambda: render_document("yttrande", ctx)),
    ]
    results = [(name, median_ms(fn, n)) for name, fn in rows]
    base = results[0][1]
    print(f"yttrande, 5 frågor, median of {n} runs")
    print(f"{'variant':46} {'ms':>8} {'ratio':>7}")
    for name, ms in results:
        print(f"{name:46} {ms:8.1f} {ms / base:6.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
