"""Users, logins with limiting, API tokens."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.models import ApiToken, LoginAttempt, NamndMembership, Role, User
from remiss.auth.passwords import DUMMY_HASH, hash_password, password_problem, verify_password


class AuthError(ValueError):
    """A refused login or account change, with a Swedish message."""


@dataclass(frozen=True)
class LoginLimits:
    max_failures: int = 5  # per account within the window
    max_failures_per_address: int = 30  # per client address within the window
    window: timedelta = timedelta(minutes=15)


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
    before = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
              "namnder": sorted(namnd_ids_of(session, user.id))}
    user.email, user.name, user.title = email, name.strip(), title.strip()
    user.role, user.is_active = Role(role).value, bool(is_active)
    if password:
        user.password_hash = hash_password(password)
    session.add(user)
    set_memberships(session, user, namnd_ids)
    after = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
             "namnder": sorted(set(namnd_ids))}
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


def authenticate(session: Session, *, now: datetime, email: str, password: str, address: str,
                 limits: LoginLimits = LoginLimits()) -> User:
    """Return the user for these credentials or raise AuthError; failures are counted in the DB."""
    email = normalize_email(email)
    since = now - limits.window
    user_key, addr_key = f"user:{email}", f"addr:{address}"
    if (_failures(session, user_key, since) >= limits.max_failures
            or _failures(session, addr_key, since) >= limits.max_failures_per_address):
        minutes = int(limits.window.total_seconds() // 60)
        raise AuthError(f"För många misslyckade inloggningar. Försök igen om {minutes} minuter.")
    user = session.exec(select(User).where(User.email == email)).first()
    ok = verify_password(user.password_hash if user else DUMMY_HASH, password)
    if not ok or user is None or not user.is_active:
        session.add(LoginAttempt(key=user_key, at=now))
        session.add(LoginAttempt(key=addr_key, at=now))
        session.flush()
        raise AuthError("Fel e-postadress eller lösenord.")
    # A successful login clears the account's failures; old rows are pruned.
    session.exec(delete(LoginAttempt).where(LoginAttempt.key == user_key))
    session.exec(delete(LoginAttempt).where(LoginAttempt.at < now - timedelta(days=1)))
    return user


def change_password(session: Session, *, now: datetime, user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise AuthError("Nuvarande lösenord stämmer inte.")
    problem = password_problem(new)
    if problem:
        raise AuthError(problem)
    user.password_hash = hash_password(new)
    session.add(user)
    audit.record(session, now=now, user_id=user.id, entity="user_account", entity_id=user.id,
                 action="password", note="Lösenordet byttes.")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(session: Session, *, now: datetime, user: User, name: str = "") -> str:
    """Create a personal API token; only its hash is stored, the token is returned once."""
    token = "rmt_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), name=name, created_at=now))
    session.flush()
    return token


def user_for_token(session: Session, token: str, *, now: datetime) -> User | None:
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == _token_hash(token))).first()
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    return user
