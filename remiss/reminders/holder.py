"""Who holds a claim: the sweeping process, named so that a sweep on the same host can tell it is gone.

A claimed row's `claimed_by` is its holder: "host:pid:start@boot.space", where start is the process's
start time (clock ticks since boot, /proc/PID/stat), boot the kernel's boot id and space its pid
namespace. A sweep that finds rows "sending" under a holder of the same kernel and pid namespace whose
process no longer exists, or whose pid now belongs to a process started at another moment, takes them
back at once instead of waiting for the lease (a scheduler restarted after kill -9 sends straight away).
A holder on this host under another boot id ran before the machine restarted: no process survives a reboot,
so it is gone too, whatever its pid namespace (a container has a new one after the restart).
A holder on another host, or in another container of this boot, or named without these parts (an older
version, a system without /proc) cannot be proved gone and is trusted until its lease runs out. (Two machines
must therefore not share a host name and a database: the host name is what says "this machine".)
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

_cache: dict[int, "Holder"] = {}


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _stat(pid: int | str) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc/PID/stat; None when it cannot be read."""
    text = _read(f"/proc/{pid}/stat")
    if ")" not in text:
        return None
    fields = text.rpartition(")")[2].split()  # after the command name, which may hold spaces and parentheses
    return (fields[0], fields[19]) if len(fields) > 19 else None


def _pid_space() -> str:
    try:
        return os.readlink("/proc/self/ns/pid").partition("[")[2].rstrip("]")
    except OSError:
        return ""


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    start: str = ""  # the process's start time in clock ticks since boot; "" where unknown
    boot: str = ""  # the kernel's boot id (its first 12 hex digits); "" where unknown
    space: str = ""  # the pid namespace's inode; "" where unknown

    @property
    def text(self) -> str:
        """The holder as stored in claimed_by (at most 100 characters)."""
        return f"{self.host[:40]}:{self.pid}:{self.start}@{self.boot}.{self.space}"

    @property
    def name(self) -> str:
        """The holder for people: "värd:pid"."""
        return f"{self.host}:{self.pid}"

    @classmethod
    def parse(cls, text: str) -> "Holder | None":
        where, _, kernel = text.rpartition("@")
        host, _, rest = where.partition(":")
        pid, _, start = rest.partition(":")
        boot, _, space = kernel.partition(".")
        if not (host and pid.isdigit() and start.isdigit() and boot and space.isdigit()):
            return None  # an older form ("host:pid"), or a holder that cannot be checked
        return cls(host, int(pid), start, boot, space)

    def gone(self) -> bool:
        """Whether this holder is provably no longer running: it ran on this kernel, in this pid namespace,
        and its pid is free, a zombie, or another process's (started at another moment)."""
        me = current()
        if not (me.start and me.boot and me.space) or self.host[:40] != me.host[:40]:
            return False  # another host, or nothing to compare with: trust the lease
        if self.boot != me.boot:
            return True  # this host has restarted since: the holder died with the boot before
        if self.space != me.space:
            return False  # another container of this boot: its pids are not ours to look up
        if self.pid == me.pid:
            return self.start != me.start  # a process before us had our pid
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # it exists, as another user
        except OSError:
            return False
        stat = _stat(self.pid)
        if stat is None:
            return False  # it exists, but we may not read it (hidepid): not provably gone
        state, start = stat
        return state in ("Z", "X") or start != self.start


def current() -> Holder:
    """This process as a holder (computed once per process; a forked worker is a holder of its own)."""
    pid = os.getpid()
    holder = _cache.get(pid)
    if holder is None:
        stat = _stat("self")
        boot = _read("/proc/sys/kernel/random/boot_id").strip().replace("-", "")[:12]
        holder = _cache[pid] = Holder(socket.gethostname() or "localhost", pid, stat[1] if stat else "", boot,
                                      _pid_space())
    return holder


def gone(claimed_by: str) -> bool:
    """Whether the process named by a row's claimed_by is provably gone (never for an unreadable holder)."""
    holder = Holder.parse(claimed_by)
    return holder is not None and holder.gone()
