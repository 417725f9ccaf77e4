"""What an outgoing mail waits for in the Utkorg: no instans is reminded of, or sent a change to, a missiv it has not
been sent (h-hold24).

A chaser to an instans is claimed only once the missiv to that instans is recorded as e-mailed, and no ändring to it
is still on its way; an ändring only once the missiv is. While the missiv waits or is tried again (a relay answering
4xx, an outage) the chaser waits in the queue, and the sweep after the one that sends the missiv sends it, checked as
a late chaser is (the catch-up keeps the newest; a "before" chaser whose svarsdag has passed is dropped). A missiv
given up on stops the chasers (chasers.replan_remisser).

The conditions are SQL over two aliases of the outbox table (the waiting row, and the mail it may wait for), read by
the claim (remiss.reminders.claim.AFTER_MAIL), so SQLite and PostgreSQL apply the one rule in the claiming statement.
Keys: the missiv "outgoing:missiv:<remiss>:<entry>", a chaser "outgoing:chaser:<remiss>:<entry>:<YYYY-MM-DDTHH:MM>"
(chasers._key; entry 0 is the notice to our own officer, which waits for nothing), an ändring
"outgoing:amendment:<remiss>:<entry>:<missiv attachment>".
"""
from __future__ import annotations

from sqlalchemy import String, and_, func

from remiss.reminders.models import OutboxStatus

MISSIV_KIND = "outgoing_missiv"  # sending.MISSIV_KIND
CHASER_KIND = "outgoing_chaser"  # chasers.KIND
AMENDMENT_KIND = "outgoing_amendment"  # amendments.KIND
MISSIV, CHASER, AMENDMENT = "outgoing:missiv:", "outgoing:chaser:", "outgoing:amendment:"
MOMENT = len(":2027-01-22T08:00")  # the end of a chaser's key: its moment (chasers._key)
ON_ITS_WAY = (OutboxStatus.pending.value, OutboxStatus.sending.value)
# the Utkorg's note under "Väntar" on a row held back (claim.held_back), and `remiss reminders list`'s
FOR_MISSIV = "Skickas först när missivet till remissinstansen är e-postat."
FOR_AMENDMENT = "Skickas först när det ändrade missivet till remissinstansen är e-postat."


def _missiv_key_of_chaser(row):
    """The key of the missiv to a chaser's instans, from the chaser's key."""
    instans = func.substr(row.c.key, 1, func.length(row.c.key) - MOMENT, type_=String)
    return func.replace(instans, CHASER, MISSIV, type_=String)


# Not recorded as e-mailed: waiting, in hand, or given up on (its chasers are stopped with the give-up; this holds them
# should that reaction fail, until the hourly planning stops them). A stopped missiv (cancelled) belongs to a remiss
# closed or withdrawn, whose chasers the claim stops anyway. Listed, not "!= sent", so the probe stays on the rows of
# ix_outbox_claim's leading statuses should PostgreSQL hash the subquery instead of probing the key per row.
UNSENT = (OutboxStatus.pending.value, OutboxStatus.sending.value, OutboxStatus.failed.value)


def _unsent(first):
    return and_(first.c.kind == MISSIV_KIND, first.c.status.in_(UNSENT))


def chaser_missiv(row, first):
    """first is the missiv to the chaser's instans and is not recorded as e-mailed (its unique key: one index read)."""
    return and_(first.c.key == _missiv_key_of_chaser(row), _unsent(first))


def chaser_amendment(row, first):
    """first is an ändring to the chaser's instans still on its way (one given up on leaves the missiv it changes)."""
    prefix = func.replace(_missiv_key_of_chaser(row), MISSIV, AMENDMENT, type_=String).concat(":%")
    return and_(first.c.remiss_id == row.c.remiss_id, first.c.kind == AMENDMENT_KIND, first.c.status.in_(ON_ITS_WAY),
                first.c.key.like(prefix))


def amendment_missiv(row, first):
    """first is the missiv the ändring's instans was sent and it is not recorded as e-mailed."""
    prefix = func.replace(first.c.key, MISSIV, AMENDMENT, type_=String).concat(":%")
    return and_(first.c.remiss_id == row.c.remiss_id, _unsent(first), row.c.key.like(prefix))


CONDITIONS = {CHASER_KIND: [(chaser_missiv, FOR_MISSIV), (chaser_amendment, FOR_AMENDMENT)],
              AMENDMENT_KIND: [(amendment_missiv, FOR_MISSIV)]}
