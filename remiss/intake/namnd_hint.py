"""Propose the responsible nämnd from what the missiv names: "Remissen ställs till Miljönämnden", or a sändlista
entry that is one of the organisation's nämnder. Pure code: the caller passes the nämnder the user may register for.

Only a single match is proposed; a letter naming two of them ("ställs till Kommunstyrelsen/Miljönämnden" where both
are ours) leaves the choice to the registrator, with a note saying which it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "Remissen ställs till Kommunstyrelsen", "remitteras till miljönämnden", "Remiss till Kultur- och fritidsnämnden".
# The remiss is the subject: "Svar i pappersformat ställs till Kulturkansliet" addresses the answer, not the nämnd.
_ADDRESSED = re.compile(r"(?:\b(?:remissen|ärendet)[ \t]+(?:ställs|riktas|skickas|sänds|går|har[ \t]+(?:ställts|"
                        r"riktats|skickats|sänts))|\bremitteras|^[ \t]*remiss)[ \t]+till[ \t]+([^\n.;:]{3,200})",
                        re.IGNORECASE | re.MULTILINE)


# A letter to the kommun as a whole ("Till: Malmö kommun", "Remiss till Malmö stad") is the kommunstyrelse's to
# answer: the nämnd that speaks for the kommun (walk12 finding 12).
_TO_KOMMUN = re.compile(r"^[ \t>]*(?:till|to)[ \t]*:[ \t]*([^\n<;,]{0,80}?\b(?:kommun|stad)\b)"
                        r"|\b(?:remissen[ \t]+(?:ställs|riktas|skickas)|^[ \t]*remiss)[ \t]+till[ \t]+"
                        r"([^\n<;,.]{0,80}?\b(?:kommun|stad)\b)", re.IGNORECASE | re.MULTILINE)
KOMMUNSTYRELSEN = "kommunstyrelsen"


@dataclass(frozen=True)
class NamndProposal:
    """A nämnd the missiv names, or the nämnder it names when it names more than one of ours."""

    namnd_id: int | None
    names: tuple[str, ...]
    said: str  # the words of the missiv it was read from
    to_kommun: bool = False  # proposed because the letter is addressed to the kommun, not to a nämnd

    @property
    def note(self) -> str:
        if self.namnd_id is None:
            return (f"Missivet nämner {' och '.join(self.names)}; välj vilken nämnd som ska ansvara.")
        if self.to_kommun:
            return (f"Ansvarig nämnd ({self.names[0]}) föreslås eftersom remissen är ställd till kommunen "
                    f"(”{self.said}”) och kommunstyrelsen svarar för kommunen; kontrollera.")
        return f"Ansvarig nämnd ({self.names[0]}) föreslås eftersom missivet nämner ”{self.said}”; kontrollera."


def _named(phrase: str, namnder: list[tuple[int, str]]) -> list[tuple[int, str]]:
    folded = phrase.casefold()
    return [(nid, name) for nid, name in namnder
            if re.search(rf"(?<![\wåäö]){re.escape(name.casefold())}(?![\wåäö])", folded)]


def propose_namnd(text: str, sandlista: list[str], namnder: list[tuple[int, str]]) -> NamndProposal | None:
    """The nämnd the missiv addresses or lists, among `namnder` ((id, name) rows); None when it names none."""
    for m in _ADDRESSED.finditer(text):
        found = _named(m.group(1), namnder)
        if found:
            return _proposal(found, " ".join(m.group().split()))
    listed = [(nid, name) for entry in sandlista for nid, name in namnder
              if entry.strip(" .").casefold() == name.casefold()]
    if listed:
        return _proposal(list(dict.fromkeys(listed)), listed[0][1])
    board = [(nid, name) for nid, name in namnder if name.strip().casefold() == KOMMUNSTYRELSEN]
    to_kommun = _TO_KOMMUN.search(text) if len(board) == 1 else None
    if to_kommun:
        return NamndProposal(board[0][0], (board[0][1],), " ".join(to_kommun.group().split()), to_kommun=True)
    # a kommun on the sändlista ("Remissinstanser: Malmö kommun, Göteborgs kommun, …"): sent to the kommun (walk25 Y7)
    listed_kommun = next((entry.strip(" .") for entry in sandlista if _KOMMUN_ENTRY.search(entry.strip(" ."))),
                         None) if len(board) == 1 else None
    if listed_kommun:
        return NamndProposal(board[0][0], (board[0][1],), listed_kommun, to_kommun=True)
    return None


_KOMMUN_ENTRY = re.compile(r"\b(?:kommun|stad)$", re.IGNORECASE)


def _proposal(found: list[tuple[int, str]], said: str) -> NamndProposal:
    if len(found) == 1:
        return NamndProposal(found[0][0], (found[0][1],), said)
    return NamndProposal(None, tuple(name for _, name in found), said)


MATCH_NAMND = "Förvald: samma nämnd som {dnr}, den remiss meddelandet hör till – kontrollera."


@dataclass(frozen=True)
class Preselected:
    """The nämnd to preselect (None: none), the note saying which rule chose it, and whether to ask for one."""

    namnd_id: int | None
    note: str
    ask: bool = False  # the missiv names two of ours: none preselected, not even the user's last one


def preselect(proposal: NamndProposal | None, ids: list[int], match_namnd_id: int | None = None,
              match_name: str = "") -> Preselected | None:
    """The rules in order, for the Inkorg page and the registration form alike: the nämnd the letter names (a
    letter to the kommun yields to the remiss it belongs to), two named → ask, the nämnd of the registered remiss
    the letter belongs to (match_namnd_id, called match_name); None: the caller's own fallbacks (the only nämnd,
    the one the user registered for last)."""
    belongs = match_namnd_id is not None and match_namnd_id in ids and len(ids) > 1
    if proposal is not None and proposal.namnd_id is not None and not (proposal.to_kommun and belongs):
        return Preselected(proposal.namnd_id, proposal.note)
    if proposal is not None and proposal.namnd_id is None:
        return Preselected(ids[0] if len(ids) == 1 else None, proposal.note, ask=True)
    if belongs:
        return Preselected(match_namnd_id, MATCH_NAMND.format(dnr=match_name))
    return None
