"""Recognise Swedish public bodies and give their normalised names (placeholder)."""
from __future__ import annotations


def canonical_body(name: str | None) -> str | None:
    """Return the normalised name of a known public body, or None."""
    return None
