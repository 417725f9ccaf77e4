"""A form sent twice registers once (walk17 F11): a double-click on Registrera sent the same form two times; the
second request found the remiss the first had just registered and asked "Remissen kan redan vara registrerad",
so a user who took it for an old one could tick "registrera ändå" and make a duplicate.

Each Registrera form carries a one-time token. The request that registers claims the token: a form_submission row
(UNIQUE user and token) inserted in the transaction that registers the remiss, and given the remiss's id in it.
A second request with the same token cannot insert it: on PostgreSQL its INSERT waits until the first commits
(then fails: it is shown the receipt of that remiss) or rolls back (then it registers); on SQLite the writing
requests take turns already. A failed registration rolls the claim back with everything else, so the same form
may be sent again, and a request that dies leaves no claim behind. Any app process or host sees the same rows
(before, the tokens were files in one host's file store). Rows older than MAX_AGE are deleted at a claim."""
from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from remiss.remisser.kind_words import noun_of, registered as registered_with
from remiss.remisser.models import FormSubmission

FIELD = "form_once"  # the hidden field of the form
MAX_AGE = timedelta(days=1)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def new_token() -> str:
    return secrets.token_hex(16)


def _valid(token: str | None) -> bool:
    return bool(token and _TOKEN.match(token))  # an old form without a token: registered as before


def claim(session: Session, user_id: int, token: str | None, *, now: datetime) -> bool:
    """True when this request may register: the token is new (now claimed in the session's transaction), or there
    is none. False when the form has been registered with already (registered() names the remiss)."""
    if not _valid(token):
        return True
    _sweep(session, now)
    try:
        with session.begin_nested():  # a savepoint: a refused claim leaves the request's transaction usable
            session.add(FormSubmission(user_id=user_id, token=token, created_at=now))
    except IntegrityError:
        return False
    return True


def record(session: Session, user_id: int, token: str | None, remiss_id: int) -> None:
    """The remiss registered with the claimed form; in the same transaction, before it commits."""
    if _valid(token):
        session.execute(update(FormSubmission).where(FormSubmission.user_id == user_id,
                                                     FormSubmission.token == token).values(remiss_id=remiss_id))


def registered(session: Session, user_id: int, token: str | None, *, now: datetime) -> tuple[int, float] | None:
    """(remiss id, seconds since) of the remiss registered with this form, if any."""
    if not _valid(token):
        return None
    row = session.execute(select(FormSubmission.remiss_id, FormSubmission.created_at).where(
        FormSubmission.user_id == user_id, FormSubmission.token == token)).first()
    if row is None or row.remiss_id is None:
        return None
    return row.remiss_id, max(0.0, (now - row.created_at).total_seconds())


def receipt(our_dnr: str, seconds: float, kind=None) -> str:
    """The receipt, said as what happened: the second sending found the remiss the first registered; in the words
    of its kind ("ärendet" for a medborgarförslag, walk18 F7)."""
    n = max(1, round(seconds))
    ago = f"{n} sekund" if n == 1 else f"{n} sekunder"
    return (f"{registered_with(kind, our_dnr)} Formuläret skickades två gånger; {noun_of(kind).the} "
            f"registrerades en gång, av dig för {ago} sedan.")


def _sweep(session: Session, now: datetime) -> None:
    """One DELETE of the day-old claims; on PostgreSQL it skips those another registering request is deleting
    (FOR UPDATE SKIP LOCKED), so registrations never wait for each other here."""
    old = select(FormSubmission.id).where(FormSubmission.created_at < now - MAX_AGE) \
        .with_for_update(skip_locked=True)
    session.execute(delete(FormSubmission).where(FormSubmission.id.in_(old.scalar_subquery())))
