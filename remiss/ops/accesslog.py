"""Gunicorn's access log without the calendar feeds' secrets (walk13 finding 6).

A feed's address is its password (`/ics/anvandare/<hemlighet>.ics`): whoever reads the journal could subscribe
to anyone's calendar. deploy/gunicorn.conf.py sets `logger_class` to `MaskingLogger`, which writes the same
line with the secret as `***`. The addresses themselves are unchanged, so subscriptions keep working.
"""
from __future__ import annotations

import re

from gunicorn.glogging import Logger

# /ics/anvandare/<token>.ics, /ics/anvandare/<token>/namnd/<id>.ics and /ics/namnd/<token>.ics
SECRET_IN_PATH = re.compile(r"(/ics/(?:anvandare|namnd)/)[^/.?\s\"]+")


def mask(text: str) -> str:
    """text with every calendar secret in it replaced by ***."""
    return SECRET_IN_PATH.sub(r"\1***", text)


class MaskingLogger(Logger):
    """gunicorn's logger, its access log atoms masked (the request line, the path, the referrer, the environ)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask(value) if isinstance(value, str) and "/ics/" in value else value
                for key, value in atoms.items()}
