"""What the remiss page and its panels read, as plain rows from statements built once.

The page only shows these rows, so it reads them with SQLAlchemy Core: an ORM select built per request costs
≈ 0.2 ms of Python (construction, cache key, loading objects), a prebuilt Core one ≈ 0.05 ms. Rows read like the
model objects (row.filename), but they are not in the session: code that changes rows loads them itself.
Rows that several panels show are read once per page (see remiss.panels.shared).
"""
from __future__ import annotations

from flask import current_app, request, url_for
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from werkzeug.routing import BuildError

from remiss import panels
from remiss.auth.access import Action, NotFound, Principal, require
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
# The remiss with the names the page shows beside it: its nämnd's and its handläggare's.
_REMISS = (select(Remiss.__table__, _N.name.label("namnd_name"), _U.name.label("handlaggare_name"))
           .join(Namnd.__table__, _N.id == _R.namnd_id)
           .outerjoin(User.__table__, _U.id == _R.handlaggare_id).where(_R.id == _REMISS_ID))


def rows(session: Session, stmt, params: dict) -> list:
    """The rows of a Core statement, read on the session's connection (no ORM layer)."""
    return session.connection().execute(stmt, params).all()


def questions(session: Session, remiss_id: int) -> list:
    """(id, position, text) of the remiss's frågeställningar, in order."""
    return panels.shared(session, ("questions", remiss_id),
                         lambda: rows(session, _QUESTIONS, {"remiss_id": remiss_id}))


def attachments(session: Session, remiss_id: int) -> list:
    """The remiss's files (every column but the file itself, which is on disk), oldest first."""
    return panels.shared(session, ("attachments", remiss_id),
                         lambda: rows(session, _ATTACHMENTS, {"remiss_id": remiss_id}))


def entries(session: Session, remiss_id: int) -> list:
    """The sändlista, in order (all columns: the outgoing panel shows the answers too)."""
    return panels.shared(session, ("entries", remiss_id),
                         lambda: rows(session, _ENTRIES, {"remiss_id": remiss_id}))


def remiss(session: Session, principal: Principal, remiss_id: int):
    """The remiss as a row (its columns, namnd_name, and handlaggare_name or None) if the principal may see it;
    else NotFound / AccessDenied, as load_remiss."""
    found = rows(session, _REMISS, {"remiss_id": remiss_id})
    if not found:
        raise NotFound("Remissen finns inte.")
    require(principal, Action.view, found[0].namnd_id)
    return found[0]


_SAMPLE_INT = 987654321  # values no link on the page has: url_for builds with these, the real ones go in their place


class Urls:
    """url_for(endpoint, **values) for one page, from patterns url_for built once per app, script root and
    endpoint: the remiss page links some 15–30 routes of its remiss, ≈ 9 µs each through url_for, ≈ 1.5 µs here.
    Ids (non-negative ints) and plain strings (a document kind) are filled in; anything else goes to url_for."""

    def __init__(self):
        self._root = request.script_root
        self._patterns = current_app.extensions.setdefault("remiss_page_urls", {})

    def __call__(self, endpoint: str, **values) -> str:
        for v in values.values():
            if not ((type(v) is int and v >= 0) or (type(v) is str and v.isascii() and v.isidentifier())):
                return url_for(endpoint, **values)
        key = (self._root, endpoint, *values, *map(type, values.values()))
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._patterns[key] = self._pattern(endpoint, values)
        return pattern.format_map(values) if pattern else url_for(endpoint, **values)

    @staticmethod
    def _pattern(endpoint: str, values: dict) -> str:
        """The URL with {name} where each value goes, or "" when the samples cannot be found again in it."""
        samples = {k: str(_SAMPLE_INT + n) if type(v) is int else f"zq{n}sample" for n, (k, v) in enumerate(values.items())}
        try:
            pattern = url_for(endpoint, **{k: int(s) if s.isdigit() else s for k, s in samples.items()})
        except BuildError:  # a converter that takes only some values
            return ""
        pattern = pattern.replace("{", "{{").replace("}", "}}")
        for k, sample in samples.items():
            if pattern.count(sample) != 1:
                return ""
            pattern = pattern.replace(sample, "{" + k + "}")
        return pattern
