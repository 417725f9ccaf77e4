"""Connect the receivers of domain events (see remiss.events) once per process."""
from __future__ import annotations

from remiss.discovery import capability_modules

_connected = False


def connect_all() -> None:
    """Import every remiss/<capability>/receivers.py; importing connects its receivers."""
    global _connected
    if not _connected:
        capability_modules("receivers.py")
        _connected = True
