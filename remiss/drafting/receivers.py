"""Let the outbox sweep build the mail of an expedierat yttrande, also once the remiss is besvarad."""
from __future__ import annotations

from remiss.drafting import mailing
from remiss.reminders import delivery, mail

mail.COMPOSERS[mailing.KIND] = mailing.compose
delivery.SEND_WHEN_CLOSED.add(mailing.KIND)
