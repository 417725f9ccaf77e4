"""The browser and system a session was opened from, as its owner recognises them ("Safari på iPhone")."""
from __future__ import annotations

from ua_parser import parse

LIMIT = 100  # the column's length; a header is untrusted and can be any length
_UNKNOWN = {"Other", ""}


def describe(user_agent: str) -> str:
    """Return e.g. "Edge på Windows", "Mobile Safari på iPhone", or "" when the header says nothing usable."""
    result = parse(user_agent[:1000])  # the parser's rules are linear; a longer header adds nothing
    browser = result.user_agent.family if result.user_agent and result.user_agent.family not in _UNKNOWN else ""
    device = result.device.family if result.device and result.device.family not in _UNKNOWN else ""
    system = result.os.family if result.os and result.os.family not in _UNKNOWN else ""
    where = device if device and device not in ("Mac", "Generic Smartphone") else system
    return " på ".join(part for part in (browser, where) if part)[:LIMIT]
