"""Let the outbox sweep build the mail of an expedierat yttrande, also once the remiss is besvarad."""
from __future__ import annotations

from remiss.drafting import mailing
from remiss.reminders import claim, mail

mail.COMPOSERS[mailing.KIND] = mailing.compose
claim.SEND_WHEN_CLOSED.add(mailing.KIND)
