"""Users, nämnd memberships, sessions, API tokens, login attempts, sign-ins and directory groups."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from dataclasses import dataclass, fields
from typing import Optional

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class Role(StrEnum):
    admin = "admin"
    registrator = "registrator"
    handlaggare = "handlaggare"
    granskare = "granskare"
    lasare = "lasare"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.admin: "Administratör",
    Role.registrator: "Registrator / nämndsekreterare",
    Role.handlaggare: "Handläggare",
    Role.granskare: "Granskare / chef",
    Role.lasare: "Läsare",
}


@dataclass(frozen=True)
class SignedIn:
    """The signed-in user as every request sees them (Flask-Login's current_user), whether they signed in with a
    password or an API token: plain values, not a User row in the session. Code that changes the user loads the
    row itself (session.get(User, current_user.id))."""

    id: int
    email: str
    name: str
    title: str
    role: str
    is_active: bool
    ics_token: str
    muted_kinds: str

    @classmethod
    def of(cls, user: "User") -> "SignedIn":
        return cls(**{f.name: getattr(user, f.name) for f in fields(cls)})

    # Flask-Login protocol
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class User(SQLModel, table=True):
    __tablename__ = "user_account"

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)  # login name, stored lower-case
    name: str = Field(max_length=200)  # full name shown on pages and documents
    title: str = Field(default="", max_length=200)  # job title, e.g. "Utredningssekreterare"
    role: str = Field(default=Role.handlaggare, max_length=20)  # one of Role
    password_hash: str = Field(max_length=255)  # argon2id hash
    is_active: bool = Field(default=True)  # inactive users cannot log in
    ics_token: str = Field(max_length=64, unique=True)  # secret for the personal calendar feed
    muted_kinds: str = Field(default="", max_length=500)  # comma list of reminder kinds turned off
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    # the identity provider's subject ("sub") for a user who signs in with the kommun's account; their role and
    # nämnder then come from the directory's groups (SsoGroup)
    sso_subject: Optional[str] = Field(default=None, max_length=255, unique=True)
    # deactivated because the directory's groups gave no access: the next sign-in with access reactivates
    deactivated_by_directory: bool = Field(default=False)

    @property
    def is_sso(self) -> bool:
        return self.sso_subject is not None

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class NamndMembership(SQLModel, table=True):
    __tablename__ = "namnd_membership"

    user_id: int = Field(foreign_key="user_account.id", primary_key=True, ondelete="CASCADE")
    namnd_id: int = Field(foreign_key="namnd.id", primary_key=True, index=True, ondelete="CASCADE")


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)  # sha256 of the token; the token itself is never stored
    name: str = Field(default="", max_length=100)  # what the token is for
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    last_used_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # to the minute
    expires_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # None: until revoked


class UserSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds a random id whose hash must be here on every request, so deleting the
    row (logout, password change, deactivation) ends the session even for a copied cookie."""

    __tablename__ = "user_session"

    id: Optional[int] = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)  # sha256 of the id in the session cookie
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    method: str = Field(max_length=20)  # how the session began: "password" or "sso"
    address: str = Field(default="", max_length=100)  # the client address at sign-in
    device: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})  # "Safari på iPhone"
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    id_token: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))  # for SSO logout


class LoginAttempt(SQLModel, table=True):
    """A failed login, counted per account and per client address across processes."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_key_at", "key", "at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(max_length=300)  # "user:<email>" or "addr:<ip>"
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SignIn(SQLModel, table=True):
    """A sign-in or a refused one, by password, the kommun's account (sso) or an API token; shown to admins."""

    __tablename__ = "sign_in"

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    user_id: Optional[int] = Field(default=None, foreign_key="user_account.id", index=True, ondelete="SET NULL")
    login: str = Field(default="", max_length=254)  # the e-mail typed, or the provider's subject
    method: str = Field(max_length=20)  # "password", "sso" or "token"
    address: str = Field(default="", max_length=100)  # the client address
    ok: bool = Field(default=True)  # False: refused
    reason: str = Field(default="", max_length=300)  # why it was refused, in Swedish


class SsoGroup(SQLModel, table=True):
    """A group in the kommun's directory and what it gives in Remiss: a role and nämnder (SsoGroupNamnd)."""

    __tablename__ = "sso_group"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=255, unique=True)  # the value in the groups claim (Entra ID: the group's object id)
    label: str = Field(default="", max_length=200)  # what the group is, for the admin page
    role: str = Field(max_length=20)  # one of Role


class SsoGroupNamnd(SQLModel, table=True):
    __tablename__ = "sso_group_namnd"

    sso_group_id: int = Field(foreign_key="sso_group.id", primary_key=True, ondelete="CASCADE")
    namnd_id: int = Field(foreign_key="namnd.id", primary_key=True, index=True, ondelete="CASCADE")
