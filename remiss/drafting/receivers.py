"""Let the outbox sweep build the mail of an expedierat yttrande, also once the remiss is besvarad; and send the
review notice of a rättelse, which is reviewed while its remiss stays besvarad (drafting.service.start_rattelse)."""
from __future__ import annotations

from remiss.drafting import mailing
from remiss.reminders import claim, mail, policy

mail.COMPOSERS[mailing.KIND] = mailing.compose
claim.SEND_WHEN_CLOSED.add(mailing.KIND)
# a review notice goes out even if the remiss closed since it was queued: a rättelse is reviewed while its remiss
# stays besvarad, and the granskare must hear of it
claim.SEND_WHEN_CLOSED.add(policy.REVIEW)
