"""Connect the receivers of domain events (see remiss.events) once per process."""
from __future__ import annotations

_connected = False


def connect_all() -> None:
    """Import each capability's receivers.py; importing one connects its receivers."""
    global _connected
    if not _connected:
        from remiss.drafting import receivers as _drafting  # noqa: F401
        from remiss.outgoing import receivers as _outgoing  # noqa: F401
        from remiss.planning import receivers as _planning  # noqa: F401
        from remiss.reminders import receivers as _reminders  # noqa: F401

        _connected = True
