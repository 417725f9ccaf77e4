"""What a registered ärende is called, by its kind (walk18 F7): a medborgarförslag is "ärendet", not "remissen".

One noun per kind (RemissKind), with what the Swedish around it needs: the definite form, its gender (a neuter
noun takes "det" and "besvarat"), and the word for the time to answer. Pure: no Flask, no database.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    the: str  # definite form: "remissen", "ärendet"
    neuter: bool  # ett-ord: "det", "besvarat"
    time: str  # the time given to answer: "remisstiden", "svarstiden"
    not_one: str  # what a letter registered by mistake was not: "ingen remiss", "inget ärende att yttra sig över"
    many: str  # the plural, as a heading says it: "remisser", "ärenden"

    @property
    def The(self) -> str:  # noqa: N802 - the capitalised form, as the templates write it
        return self.the[0].upper() + self.the[1:]

    @property
    def whose(self) -> str:  # the genitive: "remissens", "ärendets"
        return self.the + "s"

    @property
    def it(self) -> str:
        return it_of(self.neuter)

    @property
    def extended(self) -> str:  # what is asked of the remittent: "förlängd remisstid", "förlängd svarstid"
        return "förlängd " + self.time.removesuffix("en")

    @property
    def one(self) -> str:  # the indefinite form, as a heading says it: "remiss", "ärende"
        return self.the[:-1] if self.neuter else self.the[:-2]

    @property
    def some_papers(self) -> str:  # indefinite, as a label says it: "remisshandlingar", "handlingar"
        return "remisshandlingar" if self is REMISS else "handlingar"

    @property
    def papers(self) -> str:  # what came with it to read: "remisshandlingarna", "handlingarna"
        return self.some_papers + "na"

    @property
    def that(self) -> str:  # the one named before: "den remissen", "det ärendet"
        return f"{self.it} {self.the}"

    def done(self, participle: str) -> str:
        """"besvarad" agreeing with the noun: "ärendet är besvarat", "remissen är besvarad"; "klar": "klart"."""
        return agreeing(participle, self.neuter)


def it_of(neuter: bool) -> str:
    """The pronoun of a noun by its gender: "det" for an ett-ord (yttrandet), "den" for an en-ord (rättelsen)."""
    return "det" if neuter else "den"


def agreeing(participle: str, neuter: bool) -> str:
    """A participle in its en-word form ("skickad", "klar") agreeing with a noun: "skickat", "klart" for an ett-ord."""
    if not neuter:
        return participle
    return participle[:-1] + "t" if participle.endswith("d") else participle + "t"


REMISS = Noun("remissen", False, "remisstiden", "ingen remiss", "remisser")
ARENDE = Noun("ärendet", True, "svarstiden", "inget ärende att yttra sig över", "ärenden")
# every RemissKind but a remiss is an ärende of another kind (a medborgarförslag): "ärendet"
NOUNS = {"remiss": REMISS}


def noun_of(kind) -> Noun:
    """The noun of a RemissKind (or its value); an unknown or missing kind reads as a remiss."""
    value = str(getattr(kind, "value", kind) or "remiss")
    return NOUNS.get(value, ARENDE)


def many_of(kinds) -> str:
    """What several ärenden are called together: "remisser" when every one is a remiss (or none is named),
    "ärenden" when any is of another kind (a medborgarförslag)."""
    nouns = {noun_of(kind) for kind in kinds}
    return REMISS.many if nouns <= {REMISS} else ARENDE.many


def counted(kinds) -> str:
    """Ärenden found together, counted in the words of their kinds: "en remiss", "ett ärende", "2 remisser",
    "3 ärenden" (the duplicate warning of the registration form, walk21)."""
    kinds = list(kinds)
    if len(kinds) == 1:
        noun = noun_of(kinds[0])
        return f"{'ett' if noun.neuter else 'en'} {noun.one}"
    return f"{len(kinds)} {many_of(kinds)}"


def numbered(count: int, others: int = 0) -> str:
    """A count of ärenden in the words of their kinds, in digits as a list's counts are: "1 remiss", "2 remisser";
    "1 ärende", "3 ärenden" when any of them (others: how many) is of another kind (a medborgarförslag)."""
    noun = ARENDE if others else REMISS
    return f"{count} {noun.one if count == 1 else noun.many}"


def extended_of(count: int, others: int = 0) -> str:
    """What count ärenden, others of them not remisser, need: "förlängd remisstid" of remisser (as the remiss page and
    Att göra say it; truth34 #4: /forsenat said "förlängd svarstid"), "förlängd svarstid" of medborgarförslag only,
    "förlängning" of both."""
    if not others:
        return REMISS.extended
    return ARENDE.extended if others >= count else "förlängning"


def registered(kind, our_dnr: str) -> str:
    """"Remissen är registrerad med diarienummer X." / "Ärendet är registrerat …": the flash after registering."""
    noun = noun_of(kind)
    return f"{noun.The} är {noun.done('registrerad')} med diarienummer {our_dnr}."


# The planner's fixed phrases about the remiss (calendar/ and planning/ write them kind-blind, and some are stored
# with the tidplan), as said of an ärende of another kind where the page knows the kind (the Tidplan panel).
_PLANNER_PHRASES = (("remissens ankomst", lambda n: f"{n.whose} ankomst"),
                    ("behandla remissen", lambda n: f"behandla {n.the}"),
                    ("remissen kom in", lambda n: f"{n.the} kom in"),
                    ("sedan remissen kom.", lambda n: f"sedan {n.the} kom."),
                    ("remissen saknar svarsadress", lambda n: f"{n.the} saknar svarsadress"),
                    ("remissen är avslutad", lambda n: f"{n.the} är {n.done('avslutad')}"),
                    ("remissen är besvarad", lambda n: f"{n.the} är {n.done('besvarad')}"),
                    # why a step utgår (planning.service.milestones.called_off_words)
                    ("remissen återkallades", lambda n: f"{n.the} återkallades"),
                    ("remissen är makulerad", lambda n: f"{n.the} är {n.done('makulerad')}"),
                    # why a step is done, by the status it was moved to (planning.receivers.BY_STATUS)
                    ("remissen är klar för beslut", lambda n: f"{n.the} är {n.done('klar')} för beslut"),
                    ("remissen är beslutad", lambda n: f"{n.the} är {n.done('beslutad')}"),
                    ("remissen är öppnad igen", lambda n: f"{n.the} är {n.done('öppnad')} igen"),
                    ("förlängd remisstid", lambda n: n.extended),
                    # the planning forms' messages (planning.forms.parse_notice, service.milestones)
                    ("remisstiden förlängs", lambda n: f"{n.time} förlängs"),
                    ("den här remissen", lambda n: f"{n.it} här {n.the}"))


def reword(text: str, kind) -> str:
    """The planner's text in the words of the kind: "före ärendets ankomst", "Begär förlängd svarstid" for a
    medborgarförslag; a remiss's text as it is."""
    noun = noun_of(kind)
    if noun is REMISS or not text:
        return text
    for phrase, said in _PLANNER_PHRASES:
        text = text.replace(phrase, said(noun))
    return text
