"""The status workflow of a remiss: one pure table of allowed transitions."""
from __future__ import annotations

from enum import StrEnum


class RemissStatus(StrEnum):
    registrerad = "registrerad"
    tilldelad = "tilldelad"
    under_beredning = "under_beredning"
    klar_for_beslut = "klar_for_beslut"
    beslutad = "beslutad"
    besvarad = "besvarad"
    avstar = "avstar"
    aterkallad = "aterkallad"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def is_closed(self) -> bool:
        return self in CLOSED


LABELS = {
    RemissStatus.registrerad: "Registrerad",
    RemissStatus.tilldelad: "Tilldelad",
    RemissStatus.under_beredning: "Under beredning",
    RemissStatus.klar_for_beslut: "Klar för beslut",
    RemissStatus.beslutad: "Beslutad",
    RemissStatus.besvarad: "Besvarad",
    RemissStatus.avstar: "Avstår",
    RemissStatus.aterkallad: "Återkallad",
}

S = RemissStatus

# What happens next, shown at the top of the remiss page.
NEXT_STEPS = {
    S.registrerad: "Tilldela remissen en handläggare.",
    S.tilldelad: "Handläggaren börjar med tjänsteskrivelsen och yttrandet.",
    S.under_beredning: "Skriv klart yttrandet och skicka det till granskning.",
    S.klar_for_beslut: "Yttrandet är godkänt: registrera nämndens beslut.",
    S.beslutad: "Nämnden har beslutat: expediera yttrandet till remittenten.",
    S.besvarad: "Remissen är besvarad. Inget mer att göra.",
    S.avstar: "Nämnden avstår från att svara. Inget mer att göra.",
    S.aterkallad: "Remissen är återkallad. Inget mer att göra.",
}


def status_label(value: str) -> str:
    """The Swedish label of a status value, e.g. "Under beredning"; an unknown value as it is."""
    try:
        return LABELS[RemissStatus(value)]
    except ValueError:
        return value

CLOSED = frozenset({S.besvarad, S.avstar, S.aterkallad})
# The open statuses in declaration order, as the partial index ix_remiss_open_order and the lists that use it
# name them (the two must read alike for the database to match them).
OPEN_VALUES = tuple(s.value for s in RemissStatus if s not in CLOSED)

# The forward path, one step back where work is returned, the two side exits, and the ways back from them.
TRANSITIONS: dict[RemissStatus, frozenset[RemissStatus]] = {
    S.registrerad: frozenset({S.tilldelad, S.avstar, S.aterkallad}),
    S.tilldelad: frozenset({S.under_beredning, S.registrerad, S.avstar, S.aterkallad}),
    S.under_beredning: frozenset({S.klar_for_beslut, S.tilldelad, S.avstar, S.aterkallad}),
    S.klar_for_beslut: frozenset({S.beslutad, S.under_beredning, S.avstar, S.aterkallad}),
    S.beslutad: frozenset({S.besvarad, S.klar_for_beslut, S.aterkallad}),
    S.besvarad: frozenset({S.beslutad}),  # a correction: marked besvarad by mistake (admin only, auth.access)
    S.avstar: frozenset({S.registrerad}),
    S.aterkallad: frozenset({S.registrerad}),  # the withdrawal undone, or recorded by mistake
}


class TransitionError(ValueError):
    """An illegal status change, with a Swedish message."""


def allowed_next(current: RemissStatus | str) -> list[RemissStatus]:
    """Return the statuses reachable from current, in workflow order."""
    current = RemissStatus(current)
    order = list(RemissStatus)
    return sorted(TRANSITIONS[current], key=order.index)


def parse_status(value) -> RemissStatus:
    """Return value as a status, or raise TransitionError naming it."""
    try:
        return RemissStatus(value)
    except (ValueError, TypeError):
        raise TransitionError(f"Okänd status: {value}") from None


def check_transition(current: RemissStatus | str, new: RemissStatus | str) -> RemissStatus:
    """Return new as a status if the move is allowed, else raise TransitionError."""
    current, new = RemissStatus(current), parse_status(new)
    if new == current:
        raise TransitionError(f"Remissen har redan status ”{current.label}”.")
    if new not in TRANSITIONS[current]:
        possible = ", ".join(f"”{s.label}”" for s in allowed_next(current)) or "inga"
        raise TransitionError(
            f"Status kan inte ändras från ”{current.label}” till ”{new.label}”. "
            f"Möjliga nästa steg: {possible}."
        )
    return new
