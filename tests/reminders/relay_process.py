"""A local SMTP relay in a process of its own, for tests that kill the sweepers around it, and the
handle a test starts and reads it with (RelayProcess).

python -m tests.reminders.relay_process --port P --log FILE [--delay SECONDS] [--reply CODE] [--refuse A,B]
    [--refuse-id MESSAGE-ID,…]

Every accepted mail appends its Message-ID as one line to FILE, written before the 250 goes out: a
mail counts as received once the relay has accepted it, whether or not the sender lived to read the
reply (as with a real relay, which delivers what it accepted). --delay makes each mail take that long
(a slow relay); --reply answers every mail with that code instead (e.g. 554, a misconfigured relay);
--refuse answers RCPT TO of those addresses with 550 (mailboxes that do not exist); --refuse-id answers the data of
the mails with those Message-IDs with 550 (a relay that rejects one mail, e.g. its attachments, and takes the next
one to the same address).

SIGTERM stops it within STOP_SECONDS: the server is stopped in a thread of its own and the process ends
whether or not that finished (a relay going down drops its connections, as this one then does). Each
accepted Message-ID was written whole before its 250, so nothing counted is lost by the hard exit.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from tests.support.local_smtp import free_port, start_smtp

ROOT = Path(__file__).resolve().parents[2]
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.I | re.M)
STOP_SECONDS = 3.0


class Relay:
    def __init__(self, log_path: str, delay: float, reply: str, refuse: frozenset[str] = frozenset(),
                 refuse_ids: frozenset[str] = frozenset()):
        self.log = open(log_path, "a", buffering=1)
        self.delay, self.reply, self.refuse, self.refuse_ids = delay, reply, refuse, refuse_ids

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 Mottagaren finns inte"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.reply:
            return f"{self.reply} 5.7.1 Avvisad av testrelät"
        match = MESSAGE_ID.search(envelope.content)
        if match and match.group(1).decode() in self.refuse_ids:
            return "550 5.7.1 Meddelandet avvisas av mottagarens server"
        self.log.write((match.group(1).decode() if match else "-") + "\n")
        return "250 2.0.0 OK"


class RelayProcess:
    """This relay in a process of its own, started and stopped by a test; counts what it accepted."""

    def __init__(self, directory: Path):
        self.port, self.log, self.proc = free_port(), directory / "relay.log", None
        self.log.touch()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self, *, delay: float = 0.0, reply: str = "", refuse: tuple[str, ...] = (),
              refuse_ids: tuple[str, ...] = ()) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.reminders.relay_process", "--port", str(self.port),
                                      "--log", str(self.log), "--delay", str(delay), "--reply", reply,
                                      "--refuse", ",".join(refuse), "--refuse-id", ",".join(refuse_ids)],
                                     cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def received(self) -> Counter:
        """Message-ID → how many times the relay accepted it."""
        return Counter(self.log.read_text().split())

    def count(self) -> int:
        with self.log.open("rb") as f:
            return sum(1 for _ in f)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--reply", default="")
    parser.add_argument("--refuse", default="")
    parser.add_argument("--refuse-id", default="")
    args = parser.parse_args()
    refuse = frozenset(a.strip().lower() for a in args.refuse.split(",") if a.strip())
    refuse_ids = frozenset(i.strip() for i in args.refuse_id.split(",") if i.strip())
    controller = start_smtp(Relay(args.log, args.delay, args.reply, refuse, refuse_ids), args.port)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print("ready", flush=True)
    while not done.wait(0.2):
        pass
    stopping = threading.Thread(target=controller.stop, daemon=True)
    stopping.start()
    stopping.join(STOP_SECONDS)
    if stopping.is_alive():
        print(f"relay: the SMTP server did not stop within {STOP_SECONDS:g} s; exiting anyway", file=sys.stderr,
              flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
