"""A small pool of warm, sandboxed render workers (`sandbox.py --serve`).

Each worker is a separate Python process started with `-I -B`, an empty environment and the
same limits as a one-off worker: address space, file size 0, no child processes, and a CPU-time
budget per render. Workers are started ahead of need, so a document costs the rendering only;
a worker is replaced after `max_renders` renders, after any error and when it dies, and is
killed when a render exceeds its wall-clock timeout.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import queue
import struct
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from . import sandbox

SANDBOX_SCRIPT = Path(sandbox.__file__).resolve()


class WorkerDied(Exception):
    """The worker ended before answering; returncode says how (negative: the signal)."""

    def __init__(self, returncode: int | None, timed_out: bool):
        super().__init__(returncode)
        self.returncode, self.timed_out = returncode, timed_out


def _worker_env() -> dict:
    # The worker gets no secrets: only what Python needs to start.
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


class Worker:
    """One warm worker process and how many documents it has rendered."""

    def __init__(self, memory_mb: int, cpu_seconds: int, max_renders: int):
        command = [sys.executable, "-I", "-B", str(SANDBOX_SCRIPT), "--serve", "--memory-mb", str(memory_mb),
                   "--cpu-seconds", str(cpu_seconds), "--max-renders", str(max_renders)]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=_worker_env(), cwd=tempfile.gettempdir())
        self.renders = 0

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def request(self, header: dict, template: bytes, timeout: float) -> tuple[int, bytes]:
        """Send one render request and wait for its answer, killing the worker after timeout seconds."""
        body = json.dumps(header).encode()
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            self.proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            self.proc.stdin.write(struct.pack(">QQ", len(body), len(template)) + body + template)
            self.proc.stdin.flush()
            head = self.proc.stdout.read(9)
            if len(head) != 9:
                raise EOFError
            status, length = struct.unpack(">BQ", head)
            payload = self.proc.stdout.read(length)
            if len(payload) != length:
                raise EOFError
        except (EOFError, BrokenPipeError, OSError, ValueError):
            self.stop()
            raise WorkerDied(self.proc.returncode, killed.is_set()) from None
        finally:
            timer.cancel()
        self.renders += 1
        return status, payload

    def stop(self) -> None:
        """End the worker: kill it and reap it (closing its pipes)."""
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass


@dataclass(frozen=True)
class PoolLimits:
    """The limits every worker of a pool starts with; a request may only lower them."""

    memory_mb: int = 512
    cpu_seconds: int = 10
    max_renders: int = 50


class RendererPool:
    """Hand out warm workers; at most `size` exist, replaced as they are used up or fail."""

    def __init__(self, size: int = 2, limits: PoolLimits = PoolLimits()):
        self.size, self.limits = size, limits
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._count = 0
        self._closed = False

    def _spawn(self) -> Worker:
        return Worker(self.limits.memory_mb, self.limits.cpu_seconds, self.limits.max_renders)

    def start(self) -> RendererPool:
        """Start the workers ahead of the first document."""
        with self._lock:
            while self._count < self.size:
                self._idle.put(self._spawn())
                self._count += 1
        return self

    def _acquire(self, wait: float) -> Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    if self._count < self.size:
                        self._count += 1
                        return self._spawn()
                worker = self._idle.get(timeout=wait)
            if worker.alive():
                return worker
            worker.stop()  # died while idle: replace it
            with self._lock:
                self._count -= 1

    def _release(self, worker: Worker, reusable: bool) -> None:
        if reusable and worker.alive() and worker.renders < self.limits.max_renders and not self._closed:
            self._idle.put(worker)
            return
        worker.stop()
        replacement = None if self._closed else self._spawn()  # start the next one now, warm by the next render
        with self._lock:
            if replacement is None:
                self._count -= 1
            else:
                self._idle.put(replacement)

    def render(self, header: dict, template: bytes, *, timeout: float) -> tuple[int, bytes]:
        """Render on a warm worker; raise WorkerDied when it was killed or crashed."""
        worker = self._acquire(wait=timeout + 30)
        header = {**header, "cpu_seconds": max(1, math.ceil(timeout))}
        try:
            status, payload = worker.request(header, template, timeout)
        except WorkerDied:
            self._release(worker, reusable=False)
            raise
        self._release(worker, reusable=status == 0)
        return status, payload

    def pids(self) -> list[int]:
        """The process ids of the idle workers (for tests and operations)."""
        return [w.pid for w in list(self._idle.queue)]

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


_pools: dict[int, RendererPool] = {}
_pools_lock = threading.Lock()


def shared_pool() -> RendererPool:
    """This process's pool (a forked web worker makes its own)."""
    pid = os.getpid()
    with _pools_lock:
        pool = _pools.get(pid)
        if pool is None:
            pool = _pools[pid] = RendererPool().start()
            atexit.register(pool.close)
        return pool
