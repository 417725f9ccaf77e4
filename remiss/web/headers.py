"""Security headers on every response: a content security policy without inline script, no framing, no MIME
sniffing and no full addresses in Referer (calendar and download addresses can carry secrets)."""
from __future__ import annotations

from flask import Flask


def policy(form_origins: list[str]) -> str:
    """The Content-Security-Policy: only our own files; forms may also post to (and logout redirect to) the
    kommun's identity provider."""
    form_action = " ".join(["'self'", *form_origins])
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; object-src 'none'; base-uri 'self'; "
            f"form-action {form_action}; frame-ancestors 'none'")


def init_app(app: Flask, *, form_origins: list[str] = ()) -> None:
    headers = {
        "Content-Security-Policy": policy(list(form_origins)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }

    @app.after_request
    def _security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
