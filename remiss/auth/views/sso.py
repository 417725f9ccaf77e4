"""Sign in with the kommun's account: OpenID Connect (authorization code with PKCE, state and nonce) through
Authlib, configured from the provider's discovery document; RP-initiated logout where the provider offers it."""
from __future__ import annotations

import logging

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.errors import MismatchingStateError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from joserfc.errors import BadSignatureError, ExpiredTokenError, InvalidClaimError, JoseError, MissingClaimError
from requests import RequestException

from remiss.auth import directory, service
from remiss.auth.models import UserSession
from remiss.auth.views import address, bp, device, sign_in, sso_client
from remiss.db import get_db
from remiss.web import now

log = logging.getLogger(__name__)

UNREACHABLE = "Kommunens inloggningstjänst svarar inte just nu. Försök igen om en stund."


def init_app(app: Flask) -> None:
    """Register the provider when REMISS_OIDC_ISSUER is set; its endpoints and keys come from discovery."""
    issuer = app.config.get("OIDC_ISSUER", "").rstrip("/")
    if not issuer:
        return
    oauth = OAuth(app)
    app.extensions["remiss_oidc"] = oauth.register(
        "kommun", client_id=app.config["OIDC_CLIENT_ID"], client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": app.config["OIDC_SCOPES"], "code_challenge_method": "S256"})


def _refused(reason: str, *, login: str = "", status: int = 400):
    """Log the refused sign-in (its own transaction: the response is an error) and explain it in Swedish."""
    with get_db().transaction() as tx:
        service.record_sign_in(tx, now=now(), user=None, login=login, method="sso", address=address(), reason=reason)
    return render_template("auth/sso_refused.html", reason=reason), status


def token_problem(exc: Exception) -> str:
    """What was wrong with the provider's answer, in Swedish."""
    if isinstance(exc, MismatchingStateError):
        return ("Svaret från kommunens inloggning hör inte till en inloggning som påbörjades i den här "
                "webbläsaren (state stämmer inte).")
    if isinstance(exc, ExpiredTokenError):
        return "Inloggningsbeviset (ID-token) från kommunens inloggning har gått ut."
    if isinstance(exc, BadSignatureError):
        return "Inloggningsbeviset (ID-token) har en ogiltig signatur."
    if isinstance(exc, (InvalidClaimError, MissingClaimError)):
        claim = getattr(exc, "claim", "")
        other_system = "Inloggningsbeviset (ID-token) är utfärdat för ett annat system än Remiss (aud)."
        return {"aud": other_system, "azp": other_system,
                "iss": "Inloggningsbeviset (ID-token) kommer från fel utfärdare (iss).",
                "nonce": "Inloggningsbeviset (ID-token) hör inte till den här inloggningen (nonce stämmer inte).",
                "exp": "Inloggningsbeviset (ID-token) har gått ut.",
                }.get(claim, f"Inloggningsbeviset (ID-token) har ett felaktigt värde ({claim or 'okänt'}).")
    if isinstance(exc, JoseError):
        return "Inloggningsbeviset (ID-token) kunde inte kontrolleras (otillåten algoritm eller felaktigt format)."
    return "Kommunens inloggning avbröts eller gav inget giltigt svar."


@bp.get("/logga-in/kommunens-konto")
def sso_start():
    client = sso_client()
    if client is None:
        flash("Inloggning med kommunens konto är inte inställd.", "error")
        return redirect(url_for("auth.login"))
    if current_user.is_authenticated:
        return redirect(url_for("remisser.start"))
    session["sso_next"] = request.args.get("next", "")
    try:
        return client.authorize_redirect(url_for("auth.sso_callback", _external=True))
    except RequestException:
        log.exception("OIDC discovery failed")
        flash(UNREACHABLE, "error")
        return redirect(url_for("auth.login"))


def _identity(client, token: dict) -> directory.Identity:
    claims = dict(token["userinfo"])
    groups_claim = current_app.config["OIDC_GROUPS_CLAIM"]
    if groups_claim not in claims and client.load_server_metadata().get("userinfo_endpoint"):
        # Some providers put the groups only in the userinfo answer.
        extra = client.userinfo(token=token)
        if extra.get("sub") == claims["sub"]:
            claims.setdefault(groups_claim, extra.get(groups_claim))
    groups = claims.get(groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    email = claims.get("email") or claims.get("preferred_username") or claims.get("upn") or ""
    name = claims.get("name") or " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
    verified = claims.get("email_verified")
    return directory.Identity(subject=str(claims["sub"]), email=str(email), name=str(name or ""),
                              groups=tuple(str(g) for g in groups),
                              email_verified=None if verified is None else verified in (True, "true"))


@bp.get("/logga-in/kommunens-konto/klar")
def sso_callback():
    client = sso_client()
    if client is None:
        return redirect(url_for("auth.login"))
    try:
        token = client.authorize_access_token()
        if "userinfo" not in token:
            return _refused("Kommunens inloggning skickade inget inloggningsbevis (ID-token).")
        identity = _identity(client, token)
    except RequestException:
        log.exception("OIDC token request failed")
        return _refused(UNREACHABLE, status=502)
    except (AuthlibBaseError, JoseError) as exc:
        log.warning("OIDC sign-in refused: %r", exc)
        return _refused(token_problem(exc))
    refusal = None
    with get_db().transaction() as tx:
        try:
            user = directory.sign_in_from_directory(tx, now=now(), identity=identity)
        except directory.DirectoryRefusal as exc:
            refusal = str(exc)
            service.record_sign_in(tx, now=now(), user=None, login=identity.email or identity.subject,
                                   method="sso", address=address(), reason=refusal)
        else:
            service.record_sign_in(tx, now=now(), user=user, login=identity.email or identity.subject,
                                   method="sso", address=address())
            sid = service.start_session(tx, now=now(), user=user, method="sso", address=address(), device=device(),
                                        id_token=token.get("id_token", ""))
    if refusal:
        return render_template("auth/sso_refused.html", reason=refusal), 403
    return sign_in(user, sid, session.get("sso_next"))


def provider_logout_url(ended: UserSession) -> str | None:
    """Where to end the provider's session too (RP-initiated logout), when its discovery offers an endpoint."""
    client = sso_client()
    if client is None:
        return None
    try:
        if not client.load_server_metadata().get("end_session_endpoint"):
            return None
        return client.create_logout_url(post_logout_redirect_uri=url_for("auth.login", _external=True),
                                        id_token_hint=ended.id_token or None, client_id=client.client_id)["url"]
    except RequestException:
        log.exception("OIDC discovery failed at logout")
        return None


def provider_origin(app: Flask) -> str | None:
    """The provider's origin, for the form-action of the security policy (logout redirects there)."""
    issuer = app.config.get("OIDC_ISSUER", "")
    if not issuer:
        return None
    scheme, _, rest = issuer.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
