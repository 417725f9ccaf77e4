"""The status workflow of a remiss: one pure table of allowed transitions."""
from __future__ import annotations

from enum import StrEnum

from remiss.remisser.kind_words import Noun, noun_of


class RemissStatus(StrEnum):
    registrerad = "registrerad"
    tilldelad = "tilldelad"
    under_beredning = "under_beredning"
    klar_for_beslut = "klar_for_beslut"
    beslutad = "beslutad"
    besvarad = "besvarad"
    avstar = "avstar"
    aterkallad = "aterkallad"
    makulerad = "makulerad"  # registered by mistake (e.g. the same letter twice): kept, but out of every list
    # an outgoing remiss (we are the remittent) has its own path; återkallad is shared
    utkast = "utkast"
    skickad = "skickad"
    svarstiden_ute = "svarstiden_ute"
    sammanstalld = "sammanstalld"
    avslutad = "avslutad"

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
    RemissStatus.makulerad: "Makulerad",
    RemissStatus.utkast: "Utkast",
    RemissStatus.skickad: "Skickad",
    RemissStatus.svarstiden_ute: "Svarstiden ute",
    RemissStatus.sammanstalld: "Sammanställd",
    RemissStatus.avslutad: "Avslutad",
}

S = RemissStatus



def _steps_naming(noun: Noun) -> dict:
    """The next steps that name the ärende itself, in the words of its kind (kind_words, walk18 F7)."""
    return {S.registrerad: f"Tilldela {noun.the} en handläggare.",
            S.besvarad: f"{noun.The} är {noun.done('besvarad')}. Inget mer att göra.",
            S.aterkallad: f"{noun.The} är {noun.done('återkallad')}. Inget mer att göra.",
            S.makulerad: f"{noun.The} är {noun.done('makulerad')}: {noun.it} registrerades av misstag. Inget mer att "
                         "göra."}


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
    S.makulerad: "Remissen är makulerad: den registrerades av misstag. Inget mer att göra.",
    S.utkast: "Kontrollera sändlistan och adresserna, skapa missivet och skicka remissen.",
    S.skickad: "Vänta på svaren; påminnelser går ut enligt nämndens inställning.",
    S.svarstiden_ute: "Svarstiden har gått ut: påminn dem som inte har svarat eller sammanställ svaren.",
    S.sammanstalld: "Svaren är sammanställda: publicera remissvaren om de ska visas öppet, och avsluta ärendet.",
    S.avslutad: "Ärendet är avslutat. Inget mer att göra.",
}


def next_step_of(status: str, *, has_handlaggare: bool, kind: str = "remiss") -> str:
    """NEXT_STEPS of the status; a Registrerad remiss that has a handläggare (the status set back by hand) is not
    told to assign one: its handläggare is the one to start (truth17 F8). kind: the RemissKind, whose noun the
    steps that name the ärende use ("Tilldela ärendet en handläggare." for a medborgarförslag)."""
    current = RemissStatus(status)
    if current == S.registrerad and has_handlaggare:
        current = S.tilldelad
    return _steps_naming(noun_of(kind)).get(current) or NEXT_STEPS[current]


# Nästa steg for one whose role cannot take the step (auth.access.may_take_step): what waits and who does it ({who}:
# auth.access.step_doers), not an order to do it (truth34 #1: a läsare read "Kontrollera sändlistan …, skapa missivet
# och skicka remissen" above buttons that refused). True whatever a panel knows more (a yttrande in granskning, a
# missiv held in the Utkorg), since the panels' own steps are not shown instead. Closed: NEXT_STEPS as it is.
WAITING_STEPS = {
    S.registrerad: "Väntar på att remissen tilldelas en handläggare: det gör {who}.",
    S.tilldelad: "Väntar på att tjänsteskrivelsen och yttrandet skrivs och godkänns: det gör {who}.",
    S.under_beredning: "Väntar på att yttrandet skrivs klart och godkänns: det gör {who}.",
    S.klar_for_beslut: "Yttrandet är godkänt och väntar på att nämndens beslut registreras: det gör {who}.",
    S.beslutad: "Nämnden har beslutat. Yttrandet väntar på att skickas till remittenten: det gör {who}.",
    S.utkast: "Väntar på att sändlistan och adresserna kontrolleras, missivet skapas och remissen skickas: det gör "
              "{who}.",
    S.skickad: "Remissen är skickad och väntar på svaren; påminnelser går ut enligt nämndens inställning.",
    S.svarstiden_ute: "Svarstiden har gått ut. Väntar på att de som inte har svarat påminns eller att svaren "
                      "sammanställs: det gör {who}.",
    S.sammanstalld: "Svaren är sammanställda. Väntar på att ärendet avslutas, och på att remissvaren publiceras om de "
                    "ska visas öppet: det gör {who}.",
}


def waiting_step_of(status: str, *, has_handlaggare: bool, who: str, kind: str = "remiss") -> str:
    """WAITING_STEPS of the status, who naming those who take the step ("granskare och registratorer"); a closed
    status has nothing waiting: next_step_of's words. A Registrerad remiss with a handläggare waits as a Tilldelad."""
    current = RemissStatus(status)
    if current == S.registrerad and has_handlaggare:
        current = S.tilldelad
    if current not in WAITING_STEPS:
        return next_step_of(current, has_handlaggare=has_handlaggare, kind=kind)
    words = WAITING_STEPS[current].format(who=who)
    if current == S.registrerad:  # the ärende in the words of its kind, as next_step_of says it (walk18 F7)
        words = words.replace("remissen", noun_of(kind).the)
    return words


# The statuses of an outgoing remiss, in the order of its path.
OUTGOING = (S.utkast, S.skickad, S.svarstiden_ute, S.sammanstalld, S.avslutad, S.aterkallad)


# A besvarad remiss whose expedierat yttrande still waits in the Utkorg (or was stopped there, or failed): it is not
# answered until the mail has left (walk25 Y9), so no list or header says "Besvarad" before that.
NOT_SENT_LABEL = "Expedierad, inte skickad"
# … expedierad after its sista svarsdag: the late flag in the status word, not after it, where "Expedierad, inte
# skickad för sent" read as "not sent too late" (walk25b Z12)
NOT_SENT_LATE_LABEL = "Expedierad för sent, inte skickad än"


def status_label(value: str, *, unsent: bool = False, late: bool = False) -> str:
    """The Swedish label of a status value, e.g. "Under beredning"; an unknown value as it is. unsent: the remiss's
    expedierat yttrande is not e-mailed yet (drafting.mail_state.unsent), which a besvarad remiss says; late: it was
    expedierat after the sista svarsdag (Remiss.answered_late)."""
    if unsent and value in (RemissStatus.besvarad, RemissStatus.beslutad):  # beslutad: no svarsadress (walk25b Z5)
        return NOT_SENT_LATE_LABEL if late else NOT_SENT_LABEL
    try:
        return LABELS[RemissStatus(value)]
    except ValueError:
        return value

CLOSED = frozenset({S.besvarad, S.avstar, S.aterkallad, S.makulerad, S.avslutad})
# Closed without an answer: the work the tidplan had left is called off ("Utgår"), not done.
CALLED_OFF_VALUES = frozenset({S.avstar.value, S.aterkallad.value, S.makulerad.value})


def called_off(status: str, closed_with_remiss: bool) -> bool:
    """True for a milestone ticked off only because its remiss was withdrawn or declined: it never happened."""
    return bool(closed_with_remiss) and str(getattr(status, "value", status)) in CALLED_OFF_VALUES
# The open statuses in declaration order, as the partial index ix_remiss_open_order and the lists that use it
# name them (the two must read alike for the database to match them).
OPEN_VALUES = tuple(s.value for s in RemissStatus if s not in CLOSED)

# The forward path, one step back where work is returned, the two side exits, and the ways back from them.
TRANSITIONS: dict[RemissStatus, frozenset[RemissStatus]] = {
    S.registrerad: frozenset({S.tilldelad, S.avstar, S.aterkallad, S.makulerad}),
    S.tilldelad: frozenset({S.under_beredning, S.registrerad, S.avstar, S.aterkallad, S.makulerad}),
    S.under_beredning: frozenset({S.klar_for_beslut, S.tilldelad, S.avstar, S.aterkallad, S.makulerad}),
    S.klar_for_beslut: frozenset({S.beslutad, S.under_beredning, S.avstar, S.aterkallad, S.makulerad}),
    S.beslutad: frozenset({S.besvarad, S.klar_for_beslut, S.aterkallad}),
    S.besvarad: frozenset({S.beslutad}),  # a correction: marked besvarad by mistake (admin only, auth.access)
    S.avstar: frozenset({S.registrerad}),
    S.aterkallad: frozenset({S.registrerad}),  # the withdrawal undone, or recorded by mistake
    S.makulerad: frozenset({S.registrerad}),  # the makulering undone (remiss.remisser.voided)
    # outgoing: skickad is set by sending, svarstiden ute by the clock (and back when the remisstid is extended);
    # a late answer can reopen a sammanställning
    S.utkast: frozenset({S.skickad, S.aterkallad}),
    S.skickad: frozenset({S.svarstiden_ute, S.sammanstalld, S.aterkallad}),
    S.svarstiden_ute: frozenset({S.skickad, S.sammanstalld, S.aterkallad}),
    S.sammanstalld: frozenset({S.avslutad, S.svarstiden_ute}),
    S.avslutad: frozenset({S.sammanstalld}),  # opened again by hand, so an answer can be changed (walk16 #5)
}

# Återkallad is on both paths: undone, an outgoing remiss goes back to utkast, not to the incoming registrerad.
OUTGOING_MOVES = {S.aterkallad: frozenset({S.utkast})}

# Reached only through their own verb (sending the remiss), not by choosing them in a list.
# Makulerad only through its verb, which asks why (remiss.remisser.voided.makulera).
BY_VERB_ONLY = frozenset({S.skickad, S.makulerad})


def moves(current: RemissStatus | str, direction: str | None = None) -> frozenset[RemissStatus]:
    """The statuses reachable from current; direction "utgaende" where a shared status leads elsewhere."""
    current = RemissStatus(current)
    if direction == "utgaende" and current in OUTGOING_MOVES:
        return OUTGOING_MOVES[current]
    return TRANSITIONS[current]


class TransitionError(ValueError):
    """An illegal status change, with a Swedish message."""


def allowed_next(current: RemissStatus | str, direction: str | None = None) -> list[RemissStatus]:
    """Return the statuses reachable from current, in workflow order."""
    order = list(RemissStatus)
    return sorted(moves(current, direction), key=order.index)


def parse_status(value) -> RemissStatus:
    """Return value as a status, or raise TransitionError naming it."""
    try:
        return RemissStatus(value)
    except (ValueError, TypeError):
        raise TransitionError(f"Okänd status: {value}") from None


def check_transition(current: RemissStatus | str, new: RemissStatus | str,
                     direction: str | None = None, kind=None) -> RemissStatus:
    """Return new as a status if the move is allowed (for a remiss of direction), else raise TransitionError; kind:
    the RemissKind, whose noun says it ("Ärendet har redan status …" of a medborgarförslag, walk18 F7)."""
    current, new = RemissStatus(current), parse_status(new)
    if new == current:
        raise TransitionError(f"{noun_of(kind).The} har redan status ”{current.label}”.")
    if new not in moves(current, direction):
        possible = ", ".join(f"”{s.label}”" for s in allowed_next(current, direction)) or "inga"
        raise TransitionError(
            f"Status kan inte ändras från ”{current.label}” till ”{new.label}”. "
            f"Möjliga nästa steg: {possible}."
        )
    return new
