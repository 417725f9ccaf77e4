"""Finished remisser: no more workflow on a besvarad, avstådd or återkallad remiss (one rule, one message).

Drafting, beslut, expediering, extensions and tidplan edits all ask require_open first. A rättelse of an
expedierat yttrande is the one piece of work a besvarad remiss still takes: its steps pass correcting=True.
A makulerad remiss (registered by mistake) takes no new handläggare and no edit either (walk22 L8: Tilldela,
Ändra uppgifter and PATCH went through while the yttrande's steps said "inget görs i den"): require_not_voided.
"""
from __future__ import annotations

from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import RemissStatus as S

FINISHED = frozenset({S.besvarad, S.avstar, S.aterkallad, S.makulerad})

# {The}, {the}, {it}, {whose}, done(...): the noun of the ärende's kind, "Ärendet" for a medborgarförslag (walk18 F7)
MESSAGES = {
    S.besvarad: lambda n: (f"{n.The} är {n.done('besvarad')}, så yttrandet, tidplanen och förlängningarna ändras "
                           "inte längre. Behöver det skickade yttrandet rättas: börja en rättelse (Skicka rättelse)."),
    S.avstar: lambda n: (f"Nämnden avstår från att svara på {n.the}, så inget mer görs i {n.it}. Ska {n.it} besvaras "
                         "ändå: ändra först status för hand till Registrerad."),
    S.aterkallad: lambda n: (f"{n.The} är {n.done('återkallad')}, så inget mer görs i {n.it}. Ska arbetet tas upp "
                             "igen: ändra först status för hand till Registrerad."),
    # the real control (walk22 L8: there is no "ångra makuleringen"), as the Makulera box says it
    S.makulerad: lambda n: (f"{n.The} är {n.done('makulerad')} ({n.done('registrerad')} av misstag), så inget görs "
                            f"i {n.it}. Var det fel att makulera {n.it}: välj Registrerad under ”Ändra status för "
                            f"hand” på {n.whose} sida."),
    S.avslutad: lambda n: ("Ärendet är avslutat, så remissinstansernas svar, avstår och anstånd ändras inte längre. "
                           "Behöver ett svar ändras: öppna ärendet igen genom att ändra status för hand till "
                           "Sammanställd."),
}


class RemissFinished(ValueError):
    """A workflow step refused because the remiss is finished; str() is the Swedish message."""

    def __init__(self, remiss: Remiss):
        super().__init__(MESSAGES[S(remiss.status)](noun_of(remiss.kind)))
        self.remiss_id = remiss.id


def is_finished(remiss: Remiss, *, correcting: bool = False) -> bool:
    """Whether the incoming remiss takes no more work (a rättelse still goes on a besvarad one)."""
    if remiss.direction == Direction.utgaende or remiss.status not in FINISHED:
        return False
    return not (correcting and remiss.status == S.besvarad)


def require_open(remiss: Remiss, *, correcting: bool = False) -> None:
    """Raise RemissFinished when the remiss is finished (see is_finished)."""
    if is_finished(remiss, correcting=correcting):
        raise RemissFinished(remiss)


def voided_refusal(remiss) -> str:
    """The message when the remiss is makulerad (its page shows it instead of Ändra uppgifter and Tilldela);
    else empty."""
    return MESSAGES[S.makulerad](noun_of(remiss.kind)) if remiss.status == S.makulerad else ""


def require_not_voided(remiss: Remiss) -> None:
    """Raise RemissFinished when the remiss is makulerad: a handläggare or an edit is work in it too."""
    if remiss.status == S.makulerad:
        raise RemissFinished(remiss)
