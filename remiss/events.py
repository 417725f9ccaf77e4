"""Domain events: other capabilities react to a remiss changing without the remisser
service knowing them. Receivers run synchronously in the caller's session and transaction.

Each signal is sent with ``sender=remiss`` (``namnd_changed``: ``sender=namnd``) and keyword
arguments ``session``, ``now`` and ``actor_id`` (plus the ones named below).
"""
from blinker import Namespace

_signals = Namespace()

remiss_registered = _signals.signal("remiss-registered")
remiss_assigned = _signals.signal("remiss-assigned")  # handlaggare_id
status_changed = _signals.signal("status-changed")  # old, new
deadline_changed = _signals.signal("deadline-changed")  # old (date, time), new (date, time)
direction_changed = _signals.signal("direction-changed")  # the remiss now goes the other way (remisser.direction)
extension_decided = _signals.signal("extension-decided")  # extension (an Extension row)
milestones_changed = _signals.signal("milestones-changed")  # the tidplan of the remiss was recomputed or edited
# old, new (DraftState values), comment, rattelse (0: the yttrande; n: its n:th rättelse); to granskning also version
# (the number sent) and answers (the comment it was sent back with before, "" the first time)
draft_state_changed = _signals.signal("draft-state-changed")
decision_recorded = _signals.signal("decision-recorded")  # decision (a Decision row), first (bool: not a correction)
justering_recorded = _signals.signal("justering-recorded")  # decision: its paragraph is now justerad
document_generated = _signals.signal("document-generated")  # document (a GeneratedDocument row)
# old_namnd, new_namnd (names), principal: the remiss was moved to another nämnd (remisser.move); a receiver may
# return a sentence for the message after the move
remiss_moved = _signals.signal("remiss-moved")
namnd_changed = _signals.signal("namnd-changed")  # changes {field: [old, new]} of the nämnd's settings
