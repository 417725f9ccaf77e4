"""A real SMTP server (aiosmtpd) on a free localhost port, the one way the tests start one.

aiosmtpd calls socket.getfqdn() on its event loop for every connection unless the server's name is
given; on a machine whose resolver is slow that lookup blocks the loop, and with it the mails and the
stop, for many seconds. Every server here is therefore named (smtp.test).
"""
from __future__ import annotations

import socket

from aiosmtpd.controller import Controller

SERVER_NAME = "smtp.test"


def free_port() -> int:
    """A localhost port nobody listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp(handler, port: int | None = None) -> Controller:
    """Start aiosmtpd with `handler` on 127.0.0.1:`port` (a free one if None); stop it with .stop()."""
    controller = Controller(handler, hostname="127.0.0.1", port=port or free_port(), server_hostname=SERVER_NAME)
    controller.start()
    return controller
