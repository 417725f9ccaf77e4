"""Run one job in a fresh sandbox worker process (sandbox.py, one-off mode) under time and memory limits.

The reading of uploaded missiv files uses it (remiss.intake.reading); rendering keeps warm workers
(pool.py) of the same script. The request is a JSON line followed by bytes on stdin; the answer is
bytes on stdout (exit 0) or a JSON error with a Swedish message (exit 3).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile

from . import sandbox
from .pool import SANDBOX_SCRIPT, _worker_env


class WorkerTimeout(Exception):
    """The job ran past its time limit and was killed."""


class WorkerRefused(Exception):
    """The job failed and said why (a Swedish message)."""


class WorkerKilled(Exception):
    """The worker died without an answer, most likely on its memory or CPU limit."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # Swedish: "signal 9", "kod 1"


def run_job(job: str, request: dict, payload: bytes = b"", *, timeout: float = 10, memory_mb: int = 512) -> bytes:
    """Return what the sandbox worker answers to job with request and payload; raise a Worker* error."""
    header = json.dumps(dict(request, job=job)).encode()
    command = [sys.executable, "-I", "-B", str(SANDBOX_SCRIPT), "--memory-mb", str(memory_mb),
               "--cpu-seconds", str(max(1, math.ceil(timeout)))]
    try:
        proc = subprocess.run(command, input=header + b"\n" + payload, capture_output=True,
                              timeout=timeout, env=_worker_env(), cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        raise WorkerTimeout(job) from None
    if proc.returncode == 0:
        return proc.stdout
    if proc.returncode == sandbox.EXIT_ERROR:
        try:
            raise WorkerRefused(json.loads(proc.stdout)["error"])
        except (ValueError, KeyError):
            raise WorkerRefused("") from None
    raise WorkerKilled(f"signal {-proc.returncode}" if proc.returncode < 0 else f"kod {proc.returncode}")
