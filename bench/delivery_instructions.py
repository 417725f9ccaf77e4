"""Processor instructions per mail of a reminder sweep, counted by valgrind (callgrind): a figure that does not
move with the machine's other load, where mails/s and CPU ms do. One sweep of N due mails to a relay already
listening on PORT, after a warm-up sweep of 20; run it under callgrind for two sizes and take the difference:

    python -m aiosmtpd -n -l 127.0.0.1:8025 -c aiosmtpd.handlers.Sink &
    for n in 100 400; do valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/delivery_instructions.py $n 8025 2>&1 | grep -o 'Collected : [0-9]*'; done
    # instructions per mail = (collected at 400 − collected at 100) / 300

The set-up (schema, 100 remisser, imports) is the same in both runs and cancels out. Takes 5–20 minutes.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import delivery_bench  # noqa: E402


def main() -> None:
    due, port = int(sys.argv[1]), int(sys.argv[2])
    app, db, ids, now = delivery_bench.prepare(f"sqlite:///{Path(tempfile.mkdtemp()) / 'delivery.db'}", due)
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{port}", OUTBOX_SWEEP_BUDGET_SECONDS=3600)
    from remiss.reminders.delivery import sweep

    delivery_bench.fill(db, ids, 20, now, 99)
    with app.app_context():
        assert sweep(db, now=now, worker_id="warm-up").sent == 20  # imports, caches, connections
    delivery_bench.fill(db, ids, due, now, 0)
    with app.app_context():
        result = sweep(db, now=now, worker_id="counted")
    if result.sent != due:
        raise SystemExit(f"the sweep sent {result.sent} of {due}: {result.relay_down or result.problem}")


if __name__ == "__main__":
    main()
