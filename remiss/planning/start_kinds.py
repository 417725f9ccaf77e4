"""The start page's rows of ärenden that are not remisser (a medborgarförslag) in their own words (walk18 F7)."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlmodel import Session

from remiss.remisser.kind_words import reword
from remiss.remisser.models import Remiss


def other_kinds(session: Session, remiss_ids: set[int]) -> dict[int, str]:
    """remiss id → its kind, for the listed ärenden that are not remisser (a medborgarförslag): one statement."""
    if not remiss_ids:
        return {}
    found = select(Remiss.id, Remiss.kind).where(Remiss.id.in_(sorted(remiss_ids)), Remiss.kind != "remiss")
    return dict(session.execute(found).all())


def in_kind_words_rows(rows: list, kinds: dict[int, str],
                       texts: tuple[str, ...] = ("relative", "explanation", "flag_reason", "asked")) -> list:
    """The start page's rows of a medborgarförslag in its words: "före ärendets ankomst" (kind_words, walk18 F7);
    texts: the fields said in words."""
    return [replace(row, **{name: reword(getattr(row, name), kinds[row.remiss_id]) for name in texts})
            if row.remiss_id in kinds else row for row in rows]


def in_kind_words_needing(item: dict, kinds: dict[int, str]) -> dict:
    """A "Förlängning behövs" item of a medborgarförslag in its words ("Begär förlängd svarstid …")."""
    kind = kinds.get(item["remiss_id"])
    return {**item, **{key: reword(item[key], kind) for key in ("proposal", "asked", "late", "state") if key in item}} \
        if kind else item
