"""A local SMTP relay in a process of its own, for tests that kill the sweepers around it.

python -m tests.reminders.relay_process --port P --log FILE [--delay SECONDS] [--reply CODE]

Every accepted mail appends its Message-ID as one line to FILE, written before the 250 goes out: a
mail counts as received once the relay has accepted it, whether or not the sender lived to read the
reply (as with a real relay, which delivers what it accepted). --delay makes each mail take that long
(a slow relay); --reply answers every mail with that code instead (e.g. 554, a misconfigured relay).
"""
from __future__ import annotations

import argparse
import asyncio
import re
import signal
import threading

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.I | re.M)


class Relay:
    def __init__(self, log_path: str, delay: float, reply: str):
        self.log = open(log_path, "a", buffering=1)
        self.delay, self.reply = delay, reply

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.reply:
            return f"{self.reply} 5.7.1 Avvisad av testrelät"
        match = MESSAGE_ID.search(envelope.content)
        self.log.write((match.group(1).decode() if match else "-") + "\n")
        return "250 2.0.0 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--reply", default="")
    args = parser.parse_args()
    controller = Controller(Relay(args.log, args.delay, args.reply), hostname="127.0.0.1", port=args.port)
    controller.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print("ready", flush=True)
    while not done.wait(0.2):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
