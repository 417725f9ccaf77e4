"""What the remiss page and its panels read, as plain rows from statements built once.

The page only shows these rows, so it reads them with SQLAlchemy Core statements built once at import. Rows read
like the model objects (row.filename), but they are not in the session: code that changes rows loads them itself.
Rows that several panels show are read once per page (see remiss.db.read_once).
"""
from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from remiss.db import read_once
from remiss.auth.access import REMISS_HIDDEN, Action, NotFound, Principal, require
from remiss.auth.models import User
from remiss.namnd.models import Namnd
from remiss.remisser.models import Attachment, Question, Remiss, SandlistaEntry

_REMISS_ID = bindparam("remiss_id")

_Q = Question.__table__.c
_QUESTIONS = select(_Q.id, _Q.position, _Q.text).where(_Q.remiss_id == _REMISS_ID).order_by(_Q.position)
_A = Attachment.__table__.c
_ATTACHMENTS = (select(Attachment.__table__).where(_A.remiss_id == _REMISS_ID)
                .order_by(_A.uploaded_at, _A.id))
_E = SandlistaEntry.__table__.c
_ENTRIES = select(SandlistaEntry.__table__).where(_E.remiss_id == _REMISS_ID).order_by(_E.position)
_N = Namnd.__table__.c
_U = User.__table__.c
_R = Remiss.__table__.c
# The remiss with the names the page shows beside it: its nämnd's and its handläggare's (and the nämnd's
# funktionsbrevlåda, where an outgoing remiss's answers go when it names no address of its own).
_REMISS = (select(Remiss.__table__, _N.name.label("namnd_name"), _N.email.label("namnd_email"),
                  _U.name.label("handlaggare_name"))
           .join(Namnd.__table__, _N.id == _R.namnd_id)
           .outerjoin(User.__table__, _U.id == _R.handlaggare_id).where(_R.id == _REMISS_ID))


def rows(session: Session, stmt, params: dict) -> list:
    """The rows of a Core statement, read on the session's connection (no ORM layer)."""
    return session.connection().execute(stmt, params).all()


def questions(session: Session, remiss_id: int) -> list:
    """(id, position, text) of the remiss's frågeställningar, in order."""
    return read_once(session, ("questions", remiss_id),
                         lambda: rows(session, _QUESTIONS, {"remiss_id": remiss_id}))


def attachments(session: Session, remiss_id: int) -> list:
    """The remiss's files (every column but the file itself, which is on disk), oldest first."""
    return read_once(session, ("attachments", remiss_id),
                         lambda: rows(session, _ATTACHMENTS, {"remiss_id": remiss_id}))


def entries(session: Session, remiss_id: int) -> list:
    """The sändlista, in order (all columns: the outgoing panel shows the answers too)."""
    return read_once(session, ("entries", remiss_id),
                         lambda: rows(session, _ENTRIES, {"remiss_id": remiss_id}))


def remiss(session: Session, principal: Principal, remiss_id: int):
    """The remiss as a row (its columns, namnd_name, and handlaggare_name or None) if the principal may see it;
    else NotFound / AccessDenied, as load_remiss."""
    found = rows(session, _REMISS, {"remiss_id": remiss_id})
    if not found:
        raise NotFound(REMISS_HIDDEN)
    require(principal, Action.view, found[0].namnd_id)
    return found[0]
