"""Whether a decided yttrande is linked to the sammanträde and § that decided it: a remiss the nämnd is recorded as
having decided (status Beslutad or Besvarad) without a registered beslut (meeting and §, or a delegationsbeslut)
tells a story no protokoll backs. The remiss page and the API's remiss both say so."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.drafting.models import Decision, DecidedBy, DraftState, YttrandeDraft
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Direction
from remiss.remisser.status import RemissStatus

# the statuses that say the nämnd has decided the yttrande
DECIDED = (RemissStatus.beslutad.value, RemissStatus.besvarad.value)
UNLINKED = "beslut_utan_sammantrade"

_D = Decision.__table__.c
_Y = YttrandeDraft.__table__.c
# the beslut on the yttrande itself (not a rättelse's) and the state of its draft, in one read
_BESLUT = (select(_D.decided_by, _D.paragraf).where(_D.remiss_id == bindparam("remiss_id"), _D.rattelse == 0))
_DRAFT = select(_Y.state).where(_Y.remiss_id == bindparam("remiss_id"))


@dataclass(frozen=True)
class RemissWarning:
    """Something about the remiss that is not as it should be, with where to put it right."""

    code: str
    message: str
    link_text: str
    anchor: str  # on the remiss page: "beslut" (the beslut form) or "yttrande" (the panel)

    def as_json(self, remiss_id: int) -> dict:
        return {"code": self.code, "message": self.message, "link_text": self.link_text,
                "url": f"/remisser/{remiss_id}#{self.anchor}"}


def unlinked_beslut(session: Session, remiss) -> RemissWarning | None:
    """The warning for a remiss recorded as decided without the sammanträde and § (or delegationsbeslut) of its
    beslut; None when the beslut is linked or the remiss is not decided. remiss: a Remiss or a page row."""
    if remiss.direction != Direction.inkommande or str(remiss.status) not in DECIDED:
        return None
    conn = session.connection()
    beslut = conn.execute(_BESLUT, {"remiss_id": remiss.id}).first()
    if beslut is not None and (beslut.decided_by == DecidedBy.delegat or beslut.paragraf):
        return None
    # "Ärendet har status …" for a medborgarförslag (kind_words, walk18 F7); its page and the API say this
    message = (f"{noun_of(getattr(remiss, 'kind', None)).The} har status ”{RemissStatus(remiss.status).label}”, men "
               + ("ingen paragraf (§) är kopplad till beslutet." if beslut is not None else
                  "inget sammanträde och ingen paragraf (§) är kopplade till beslutet.")
               + " Registrera beslutet med sammanträdets datum och paragraf (eller delegationsbeslutet).")
    state = conn.execute(_DRAFT, {"remiss_id": remiss.id}).scalar()
    if state == DraftState.godkand and str(remiss.status) == RemissStatus.beslutad.value:
        return RemissWarning(UNLINKED, message, "Lägg till sammanträde och §", "beslut")
    # the beslut form opens once the yttrande is godkänt and the remiss beslutad (drafting.decision)
    return RemissWarning(UNLINKED, message + " Beslutet registreras under Yttrande när yttrandet är godkänt.",
                         "Gå till yttrandet för att lägga till sammanträde och §", "yttrande")


def remiss_warnings(session: Session, remiss) -> list[RemissWarning]:
    """Every warning about the remiss as a whole, for its page and the API."""
    found = unlinked_beslut(session, remiss)
    return [found] if found is not None else []


def warnings_json(session: Session, remiss) -> list[dict]:
    """The remiss's warnings for the API detail ("warnings")."""
    return [w.as_json(remiss.id) for w in remiss_warnings(session, remiss)]
