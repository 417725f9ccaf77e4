"""Find each capability's parts by convention, so capabilities never edit a shared list.

A capability is a package ``remiss/<name>/``. If it has ``views.py``, its ``bp`` blueprint
is registered; ``receivers.py`` is imported to connect domain-event receivers; ``cli.py``
contributes its ``COMMANDS``. A module that exists but fails to import fails loudly.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent


def capability_modules(filename: str) -> list[ModuleType]:
    """Import remiss.<pkg>.<filename> for every package that has that file, sorted by name."""
    stem = filename.removesuffix(".py")
    modules = []
    for path in sorted(PACKAGE_DIR.glob(f"*/{filename}")):
        if (path.parent / "__init__.py").exists():
            modules.append(importlib.import_module(f"remiss.{path.parent.name}.{stem}"))
    return modules
