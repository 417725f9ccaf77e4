"""The Yttrande's "Nästa steg" on the remiss page, where the yttrande's own state says more than the remiss's status
(remisser.status): granskning, a returned yttrande, a beslut to register or justera, a delegationsbeslut, and an
expedited yttrande that still has to be sent."""
from __future__ import annotations

from remiss.drafting import decision as decisions
from remiss.drafting.models import DecidedBy, Decision, DraftState
from remiss.remisser.kind_words import noun_of

# The remiss page's "Nästa steg" where the yttrande's own state says more than the remiss's status.
WAITING_FOR_REVIEW = "Yttrandet är skickat till granskning och väntar på att granskaren godkänner det."
TO_REVIEW = "Granska yttrandet: godkänn det, eller skicka tillbaka det till handläggaren med en kommentar."
RETURNED = ("Granskaren har skickat tillbaka yttrandet: ändra det enligt kommentaren och skicka det till granskning "
            "igen.")
TO_JUSTERA = "Nämnden har beslutat: registrera justeringen av protokollet och expediera sedan yttrandet."
# status Beslutad set by hand with no beslut registered: the justering form opens only once it is (walk18 F8)
TO_REGISTER = "Registrera beslutet (sammanträde och §) och expediera sedan yttrandet."
# expedierat without an answer address: nothing was e-mailed, and the page keeps saying so
# {the}, {The}, {besvarad}: the words of the kind, "ärendet" for a medborgarförslag (kind_words, walk18 F7)
# The step leads (walk25b Z5: it read as a late expediering); why follows.
SEND_BY_HAND = ("Skicka yttrandet till remittenten på annat sätt{where} och registrera att det är skickat. Det är "
                "expedierat men inte e-postat, eftersom {the} saknar svarsadress, och {the} är {besvarad} först "
                "när sändningen är registrerad.")
# the svarsadress came after such an expediering (walk26b X10): nothing was e-mailed then, and adding it sends nothing
SEND_TO_NEW_ADDRESS = ("Skicka yttrandet till remittenten, t.ex. med e-post till {email}, och registrera att det är "
                       "skickat. Det är expedierat men inte e-postat: svarsadressen lades till efter expedieringen, "
                       "och {the} är {besvarad} först när sändningen är registrerad.")


def next_step(status: str, state: DraftState, *, returned: bool, may_review: bool, justerad: bool,
              by_hand_to: str | None = None, delegated: str = "", decided: bool = True, kind=None,
              answer_email: str = "") -> str:
    """The next step the yttrande's state gives, or "" where the remiss's status says it (remisser.status).
    decided: a beslut is registered on the yttrande (False: the status alone says the nämnd decided).
    by_hand_to: the remiss has no answer e-mail ("" or its postal address): the expedierat yttrande went nowhere.
    delegated: who decided, when the beslut is a delegationsbeslut ("Delegationsbeslut av Eva Ek den …").
    answer_email: the remiss's answer e-mail, when it has one; expedierat and still beslutad, it came afterwards."""
    if status == "beslutad" and state == DraftState.expedierad and answer_email:
        noun = noun_of(kind)
        return SEND_TO_NEW_ADDRESS.format(email=answer_email, the=noun.the, besvarad=noun.done("besvarad"))
    if status == "beslutad" and state == DraftState.expedierad and by_hand_to is not None:
        noun = noun_of(kind)
        return SEND_BY_HAND.format(where=f", t.ex. med post till {by_hand_to}" if by_hand_to else "",
                                   the=noun.the, The=noun.The, besvarad=noun.done("besvarad"))
    if status in ("tilldelad", "under_beredning"):
        if state == DraftState.granskning:
            return TO_REVIEW if may_review else WAITING_FOR_REVIEW
        if state == DraftState.utkast and returned:
            return RETURNED
    if status == "beslutad" and state == DraftState.godkand and not decided:
        return TO_REGISTER
    if status == "beslutad" and state == DraftState.godkand and not justerad:
        return TO_JUSTERA
    if status == "beslutad" and state == DraftState.godkand and delegated:  # not the nämnd's (truth17 F17)
        return f"{delegated}: expediera yttrandet till remittenten."
    return ""


def delegated_words(decision: Decision | None) -> str:
    """"Delegationsbeslut av Eva Ek den 5 december 2026, D 12" for a delegationsbeslut, else ""."""
    if decision is None or decision.decided_by != DecidedBy.delegat:
        return ""
    return "D" + decisions.decision_reference(decision).removeprefix("genom d")
