"""Let the outbox sweep build the mail of an expedierat yttrande, also once the remiss is besvarad; and send the
review notice of a rättelse, which is reviewed while its remiss stays besvarad (drafting.rattelse.start_rattelse)."""
from __future__ import annotations

from remiss.drafting import mailing
from remiss.reminders import claim, mail, policy
from remiss.remisser.status import RemissStatus

mail.COMPOSERS[mailing.KIND] = mailing.compose
claim.SEND_WHEN_CLOSED[mailing.KIND] = None
# a review notice goes out on a besvarad remiss: a rättelse is reviewed while its remiss stays besvarad, and the
# granskare must hear of it; one queued before the remiss was withdrawn or declined is stopped (nothing to review)
claim.SEND_WHEN_CLOSED[policy.REVIEW] = frozenset({RemissStatus.besvarad.value})

from remiss.drafting import moved as _moved  # noqa: E402,F401  (the yttrande follows a remiss to another nämnd)
