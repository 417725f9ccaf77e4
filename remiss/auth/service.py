"""Users, logins with limiting, server-side sessions, API tokens and the sign-in log."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.models import ApiToken, LoginAttempt, NamndMembership, Role, SignIn, User, UserSession
from remiss.auth.passwords import DUMMY_HASH, hash_password, password_problem, verify_password
from remiss.clock import local_moment
from remiss.db import fold, folded
from remiss.remisser.input import parse_date


class AuthError(ValueError):
    """A refused login or account change, with a Swedish message; `field` names the form field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class LoginLimits:
    """Failures are counted per account *and* address, so an attacker who guesses one account's password locks
    only their own address out of it: the real user signs in from theirs. Per address, a wider limit stops one
    address from trying many accounts."""

    max_failures: int = 5  # per account and address within the window
    max_failures_per_address: int = 30  # per client address within the window, all accounts
    window: timedelta = timedelta(minutes=15)


class LocalLogin(StrEnum):
    """Who may sign in with a password (REMISS_LOCAL_LOGIN); the others use the kommun's account."""

    all = "all"
    admins = "admins"  # break-glass accounts only
    none = "none"


# Sign-in methods, as the sign-in log shows them.
METHOD_LABELS = {"password": "Lösenord", "sso": "Kommunens konto", "token": "API-nyckel"}
UNUSABLE_PASSWORD = "!"  # the hash of a user who signs in with the kommun's account only; never verifies


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create_user(session: Session, *, now: datetime, email: str, name: str, password: str,
                role: Role | str = Role.handlaggare, title: str = "",
                namnd_ids: list[int] = (), actor_id: int | None = None) -> User:
    """Create a user with a hashed password and nämnd memberships."""
    email = normalize_email(email)
    if session.exec(select(User).where(User.email == email)).first():
        raise AuthError(f"Det finns redan en användare med e-postadressen {email}.")
    problem = password_problem(password)
    if problem:
        raise AuthError(problem)
    user = User(email=email, name=name.strip(), title=title.strip(), role=Role(role).value,
                password_hash=hash_password(password), ics_token=secrets.token_urlsafe(24),
                created_at=now)
    session.add(user)
    session.flush()
    set_memberships(session, user, namnd_ids)
    audit.record(session, now=now, user_id=actor_id, entity="user_account", entity_id=user.id,
                 action="create", changes={"email": [None, email], "role": [None, user.role]})
    return user


def users(session: Session) -> list[User]:
    """Every user, by name."""
    return list(session.exec(select(User).order_by(User.name)))


def users_named(session: Session, name: str) -> list[User]:
    """The active users called name, spacing and case aside: a Kontaktperson named without an e-mail is the user
    only when there is exactly one (outgoing.service.missiv_doc.contact_address, remisser.mine; walk17 F9)."""
    return list(session.exec(select(User).where(User.is_active, folded(User.name) == fold(name))))


def namnd_names_by_user(session: Session) -> dict[int, list[str]]:
    """Each user's nämnder by name, for the list of users: one statement."""
    from remiss.namnd.models import Namnd

    names: dict[int, list[str]] = {}
    for user_id, name in session.exec(select(NamndMembership.user_id, Namnd.name)
                                      .join(Namnd, Namnd.id == NamndMembership.namnd_id)
                                      .order_by(Namnd.name)):
        names.setdefault(user_id, []).append(name)
    return names


def update_user(session: Session, *, now: datetime, actor_id: int | None, user: User, email: str, name: str,
                title: str, role: Role | str, is_active: bool, namnd_ids: list[int], password: str = "") -> User:
    """Change a user's account, role and nämnder (and password, when given); logged with old and new values."""
    email = normalize_email(email)
    if session.exec(select(User).where(User.email == email, User.id != user.id)).first():
        raise AuthError(f"Det finns redan en användare med e-postadressen {email}.")
    if password:
        problem = password_problem(password)
        if problem:
            raise AuthError(problem)
    if actor_id == user.id and not is_active:
        raise AuthError("Du kan inte stänga ditt eget konto. Be en annan administratör göra det.", "is_active")
    if user.role == Role.admin and user.is_active and (Role(role) != Role.admin or not is_active):
        others = session.exec(select(func.count()).select_from(User).where(
            User.role == Role.admin.value, User.is_active, User.id != user.id)).one()
        if not others:
            raise AuthError("Det här är den enda aktiva administratören. Ge någon annan rollen Administratör "
                            "först, annars kan ingen längre administrera Remiss.",
                            "role" if Role(role) != Role.admin else "is_active")
    before = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
              "namnder": sorted(namnd_ids_of(session, user.id))}
    if user.is_sso and (Role(role).value != user.role or sorted(set(namnd_ids)) != before["namnder"]):
        raise AuthError("Rollen och nämnderna för den här användaren styrs av grupperna i kommunens katalog. "
                        "Ändra gruppen i katalogen eller gruppkopplingen under Administration → Katalogens grupper.")
    if user.is_sso and password:
        raise AuthError("Användaren loggar in med kommunens konto och kan inte få ett lösenord i Remiss.")
    user.email, user.name, user.title = email, name.strip(), title.strip()
    user.role, user.is_active = Role(role).value, bool(is_active)
    if password:
        user.password_hash = hash_password(password)
    session.add(user)
    set_memberships(session, user, namnd_ids)
    after = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
             "namnder": sorted(set(namnd_ids))}
    if password or not user.is_active:
        # A new password or a closed account ends every session and API token the old state allowed.
        end_all_sessions(session, user.id)
        revoke_all_api_tokens(session, user.id)
    audit.record(session, now=now, user_id=actor_id, entity="user_account", entity_id=user.id, action="update",
                 changes=audit.diff(before, after))
    return user


def set_memberships(session: Session, user: User, namnd_ids) -> None:
    session.exec(delete(NamndMembership).where(NamndMembership.user_id == user.id))
    for namnd_id in sorted(set(namnd_ids)):
        session.add(NamndMembership(user_id=user.id, namnd_id=namnd_id))
    session.flush()


def namnd_ids_of(session: Session, user_id: int) -> set[int]:
    rows = session.exec(select(NamndMembership.namnd_id).where(NamndMembership.user_id == user_id))
    return set(rows)


def _failures(session: Session, key: str, since: datetime) -> int:
    stmt = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.key == key, LoginAttempt.at >= since)
    return session.exec(stmt).one()


def _pair_key(email: str, address: str) -> str:
    """The account-and-address key, hashed so that any e-mail fits the column."""
    return "pair:" + hashlib.sha256(f"{email}\0{address}".encode()).hexdigest()


def authenticate(session: Session, *, now: datetime, email: str, password: str, address: str,
                 limits: LoginLimits = LoginLimits(), local_login: LocalLogin | str = LocalLogin.all) -> User:
    """Return the user for these credentials or raise AuthError; failures are counted in the DB per account and
    address, and every attempt is in the sign-in log."""
    email = normalize_email(email)
    since = now - limits.window
    pair_key, addr_key = _pair_key(email, address), f"addr:{address}"
    if (_failures(session, pair_key, since) >= limits.max_failures
            or _failures(session, addr_key, since) >= limits.max_failures_per_address):
        minutes = int(limits.window.total_seconds() // 60)
        message = (f"För många misslyckade inloggningar från din dator. Försök igen om {minutes} minuter, "
                   "eller logga in från en annan dator.")
        record_sign_in(session, now=now, user=None, login=email, method="password", address=address,
                       reason="För många misslyckade inloggningar från adressen.")
        raise AuthError(message)
    user = session.exec(select(User).where(User.email == email)).first()
    ok = verify_password(user.password_hash if user else DUMMY_HASH, password)
    if not ok or user is None or not user.is_active:
        session.add(LoginAttempt(key=pair_key, at=now))
        session.add(LoginAttempt(key=addr_key, at=now))
        reason = "Kontot är avstängt." if ok and user else "Fel e-postadress eller lösenord."
        record_sign_in(session, now=now, user=user, login=email, method="password", address=address, reason=reason)
        raise AuthError("Fel e-postadress eller lösenord.")
    refusal = local_login_refusal(user, LocalLogin(local_login))
    if refusal:
        record_sign_in(session, now=now, user=user, login=email, method="password", address=address, reason=refusal)
        raise AuthError(refusal)
    # A successful login clears this address's failures on the account; old rows are pruned.
    session.exec(delete(LoginAttempt).where(LoginAttempt.key == pair_key))
    session.exec(delete(LoginAttempt).where(LoginAttempt.at < now - timedelta(days=1)))
    record_sign_in(session, now=now, user=user, login=email, method="password", address=address)
    return user


def local_login_refusal(user: User | None, policy: LocalLogin) -> str | None:
    """Why this user may not sign in with a password under the policy, or None."""
    if policy == LocalLogin.none:
        return "Inloggning med lösenord är avstängd. Logga in med kommunens konto."
    if policy == LocalLogin.admins and (user is None or user.role != Role.admin):
        return "Bara administratörer kan logga in med lösenord. Logga in med kommunens konto."
    return None


def record_sign_in(session: Session, *, now: datetime, user: User | None, login: str, method: str,
                   address: str = "", reason: str = "") -> None:
    """Log a sign-in (reason empty) or a refused one (reason in Swedish)."""
    session.add(SignIn(at=now, user_id=user.id if user else None, login=login[:254], method=method,
                       address=address[:100], ok=not reason, reason=reason[:300]))
    session.flush()


def sign_ins(session: Session, *, limit: int = 200, user_id: int | None = None) -> list[SignIn]:
    """The latest sign-ins, newest first."""
    stmt = select(SignIn).order_by(SignIn.at.desc(), SignIn.id.desc()).limit(limit)
    if user_id is not None:
        stmt = stmt.where(SignIn.user_id == user_id)
    return list(session.exec(stmt))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


SESSION_KEPT = timedelta(days=90)  # a session this old ends when its user signs in again


def start_session(session: Session, *, now: datetime, user: User, method: str, address: str = "",
                  device: str = "", id_token: str = "") -> str:
    """Open a server-side session; return the id for the session cookie (only its hash is stored)."""
    sid = secrets.token_urlsafe(32)
    # Rows of browsers that closed without logging out would stay for ever: the user's own old ones go now.
    session.exec(delete(UserSession).where(UserSession.user_id == user.id,
                                           UserSession.created_at < now - SESSION_KEPT))
    session.add(UserSession(token_hash=_hash(sid), user_id=user.id, method=method, address=address[:100],
                            device=device[:100], created_at=now, id_token=id_token))
    session.flush()
    return sid


def session_hash(sid: str) -> str:
    return _hash(sid)


def end_session(session: Session, sid: str) -> UserSession | None:
    """End one session (logout); return it, e.g. for the provider's logout, or None if it had already ended."""
    row = session.exec(select(UserSession).where(UserSession.token_hash == _hash(sid))).first()
    if row is not None:
        session.delete(row)
        session.flush()
    return row


def end_all_sessions(session: Session, user_id: int, *, keep_sid: str | None = None) -> int:
    """End every session of the user (but keep_sid's); return how many ended."""
    stmt = delete(UserSession).where(UserSession.user_id == user_id)
    if keep_sid:
        stmt = stmt.where(UserSession.token_hash != _hash(keep_sid))
    return session.exec(stmt).rowcount


def sessions_of(session: Session, user_id: int) -> list[UserSession]:
    return list(session.exec(select(UserSession).where(UserSession.user_id == user_id)
                             .order_by(UserSession.created_at.desc())))


def change_password(session: Session, *, now: datetime, user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise AuthError("Nuvarande lösenord stämmer inte.")
    problem = password_problem(new)
    if problem:
        raise AuthError(problem)
    user.password_hash = hash_password(new)
    session.add(user)
    # Whoever else held a session or a token had it under the old password.
    ended = end_all_sessions(session, user.id)
    revoked = revoke_all_api_tokens(session, user.id)
    audit.record(session, now=now, user_id=user.id, entity="user_account", entity_id=user.id,
                 action="password", note="Lösenordet byttes.",
                 changes={"ended_sessions": [ended, 0], "revoked_tokens": [revoked, 0]})


def token_expiry(text: str, *, now: datetime) -> datetime | None:
    """The moment a token typed to last through a day stops (the end of that day, Stockholm time); None for no
    day; AuthError with a Swedish message for a date that is not one or has passed."""
    if not text.strip():
        return None
    try:
        moment = local_moment(parse_date(text))
    except ValueError as exc:
        raise AuthError(str(exc)) from None
    if moment <= now:
        raise AuthError("Sista giltighetsdagen måste vara i dag eller senare.")
    return moment


def create_api_token(session: Session, *, now: datetime, user: User, name: str = "",
                     expires_at: datetime | None = None) -> str:
    """Create a personal API token; only its hash is stored, the token is returned once."""
    if expires_at is not None and expires_at <= now:
        raise AuthError("Slutdatumet måste ligga i framtiden.")
    token = "rmt_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=_hash(token), name=name.strip()[:100], created_at=now,
                   expires_at=expires_at)
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=user.id, entity="api_token", entity_id=row.id, action="create",
                 note=row.name)
    return token


def api_tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).where(ApiToken.user_id == user_id)
                             .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke_api_token(session: Session, *, now: datetime, user_id: int, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if there is no such token of theirs."""
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user_id:
        return False
    session.delete(row)
    audit.record(session, now=now, user_id=user_id, entity="api_token", entity_id=token_id, action="revoke",
                 note=row.name)
    return True


def revoke_all_api_tokens(session: Session, user_id: int) -> int:
    return session.exec(delete(ApiToken).where(ApiToken.user_id == user_id)).rowcount


# last_used_at is written at most this often per token: an API client's every call would otherwise be a write.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def authenticate_token(session: Session, token: str, *, now: datetime) -> tuple[User, ApiToken] | None:
    """The active user and their token row, if the token exists and has not expired."""
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == _hash(token))).first()
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    return user, row


def user_for_token(session: Session, token: str, *, now: datetime) -> User | None:
    found = authenticate_token(session, token, now=now)
    return found[0] if found else None


def token_use_is_stale(row: ApiToken, now: datetime) -> bool:
    return row.last_used_at is None or row.last_used_at <= now - TOKEN_USE_RESOLUTION


def mark_token_used(session: Session, *, now: datetime, token_id: int, user_id: int, address: str = "") -> bool:
    """Write last_used_at unless another request did within the resolution; a write is also a sign-in event."""
    stmt = (update(ApiToken).where(ApiToken.id == token_id)
            .where(or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= now - TOKEN_USE_RESOLUTION))
            .values(last_used_at=now))
    if session.exec(stmt).rowcount == 0:
        return False
    session.add(SignIn(at=now, user_id=user_id, login=f"API-nyckel {token_id}", method="token",
                       address=address[:100], ok=True, reason=""))
    session.flush()
    return True


def rotate_ics_token(session: Session, *, now: datetime, user: User) -> str:
    """Give the user a new calendar address; the old one stops working."""
    user.ics_token = secrets.token_urlsafe(24)
    session.add(user)
    session.flush()
    audit.record(session, now=now, user_id=user.id, entity="user_account", entity_id=user.id, action="ics_rotate",
                 note="Ny kalenderadress.")
    return user.ics_token
