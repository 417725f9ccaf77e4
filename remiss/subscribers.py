"""Connect the receivers of domain events (see remiss.events) once per process."""
from __future__ import annotations

import importlib

# Modules that connect receivers to remiss.events when imported.
RECEIVER_MODULES: list[str] = []

_connected = False


def connect_all() -> None:
    global _connected
    if _connected:
        return
    for name in RECEIVER_MODULES:
        importlib.import_module(name)
    _connected = True
