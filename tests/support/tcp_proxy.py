"""A TCP proxy process in front of a database server, for tests of a database that goes away: the test kills it
with SIGKILL (every connection through it drops, new ones are refused) and starts another on the same port for
the database's return. Run: python tcp_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT; "ready" on stdout when
it listens."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listen_port: int, host: str, port: int) -> None:
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen_port))
    server.listen(64)
    print("ready", flush=True)
    while True:
        client, _ = server.accept()
        try:
            upstream = socket.create_connection((host, port), timeout=10)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=_pipe, args=(a, b), daemon=True).start()


class Proxy:
    """The proxy as a child process of the test: start(), kill() (SIGKILL, the database is gone), start() again."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.listen_port = probe.getsockname()[1]
        self.process: subprocess.Popen | None = None

    def start(self) -> "Proxy":
        deadline = time.monotonic() + 30
        while True:  # the port of a killed proxy may take a moment to be free again
            self.process = subprocess.Popen([sys.executable, __file__, str(self.listen_port), self.host,
                                             str(self.port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True)
            if self.process.stdout.readline().strip() == "ready":
                return self
            self.process.wait()
            assert time.monotonic() < deadline, self.process.stderr.read()
            time.sleep(0.2)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if self.process:
            self.process.stdout.close()
            self.process.stderr.close()

    def url(self, database_url: str) -> str:
        """database_url (postgresql+psycopg://user:pw@host[:port]/db) through this proxy."""
        from sqlalchemy.engine import make_url

        return make_url(database_url).set(host="127.0.0.1", port=self.listen_port).render_as_string(
            hide_password=False)


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
