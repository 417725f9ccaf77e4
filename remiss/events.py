"""Domain events: other capabilities react to a remiss changing without the remisser
service knowing them. Receivers run synchronously in the caller's session and transaction.

Each signal is sent with ``sender=remiss`` and keyword arguments ``session``, ``now`` and
``actor_id`` (plus the ones named below).
"""
from blinker import Namespace

_signals = Namespace()

remiss_registered = _signals.signal("remiss-registered")
remiss_assigned = _signals.signal("remiss-assigned")  # handlaggare_id
status_changed = _signals.signal("status-changed")  # old, new
deadline_changed = _signals.signal("deadline-changed")  # old (date, time), new (date, time)
