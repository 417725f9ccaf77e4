"""A real OpenID Provider on a free localhost port (oidc-provider-mock, built on Authlib's server), for the sign-in
tests: users are set with their claims, signed in on its own form, and its token answers can be altered on the
wire to check that Remiss refuses bad ID tokens."""
from __future__ import annotations

import base64
import json
import threading
from contextlib import contextmanager
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import requests
import werkzeug.serving
from joserfc import jwt
from joserfc.jwk import RSAKey


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def claims_of(id_token: str) -> tuple[dict, dict]:
    """The header and claims of a JWT, unverified."""
    head, body = id_token.split(".")[:2]
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return json.loads(base64.urlsafe_b64decode(pad(head))), json.loads(base64.urlsafe_b64decode(pad(body)))


class Provider:
    """The running provider; `tamper` (id_token → id_token) alters the next token answers while set."""

    def __init__(self, app, url: str):
        self.app, self.url = app, url
        self.tamper: Callable[[str], str] | None = None
        self.token_requests: list[dict] = []
        self._jwk = None  # the provider's signing key, read from its storage at its first request

        @app.before_request
        def _keep_key():
            import flask

            self._jwk = flask.g.oidc_provider_mock_storage.jwk

    @property
    def signing_key(self) -> RSAKey:
        return RSAKey.import_key(self._jwk.as_dict(is_private=True))

    def set_user(self, sub: str, **claims) -> None:
        r = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=10)
        r.raise_for_status()

    def resign(self, id_token: str, *, key: RSAKey | None = None, **changes) -> str:
        """The same ID token with claims changed, signed again (by the provider's key unless another is given)."""
        header, claims = claims_of(id_token)
        claims.update(changes)
        head = {"alg": "RS256"} | ({"kid": header["kid"]} if header.get("kid") else {})
        return jwt.encode(head, claims, key or self.signing_key)

    @staticmethod
    def unsigned(id_token: str) -> str:
        _, claims = claims_of(id_token)
        return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."

    def sign_in(self, authorize_url: str, sub: str) -> str:
        """Sign in as sub on the provider's own form; return the path and query it sends the browser back to."""
        page = requests.get(authorize_url, timeout=10)
        assert page.status_code == 200, page.text
        r = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
        assert r.status_code == 302, r.text
        back = urlsplit(urljoin(authorize_url, r.headers["Location"]))
        return f"{back.path}?{back.query}"

    def wsgi(self, inner):
        def app(environ, start_response):
            if environ.get("PATH_INFO") != "/oauth2/token" or self.tamper is None:
                return inner(environ, start_response)
            captured = {}

            def capture(status, headers, exc_info=None):
                captured["status"], captured["headers"] = status, headers
                return lambda data: None

            body = b"".join(inner(environ, capture))
            answer = json.loads(body)
            self.token_requests.append(answer)
            if "id_token" in answer:
                answer["id_token"] = self.tamper(answer["id_token"])
            body = json.dumps(answer).encode()
            headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
            start_response(captured["status"], [*headers, ("Content-Length", str(len(body)))])
            return [body]
        return app


@contextmanager
def running_provider() -> Iterator[Provider]:
    """Start the provider in a thread on localhost; stop it afterwards."""
    import oidc_provider_mock

    app = oidc_provider_mock.app(require_nonce=True)
    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    provider = Provider(app, f"http://localhost:{server.server_port}")
    app.wsgi_app = provider.wsgi(app.wsgi_app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
