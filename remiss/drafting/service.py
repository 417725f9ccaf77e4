"""Draft the yttrande: save versions, 'inga synpunkter', review states and samråd (the beslut: drafting.decision).

The verbs live in one module per subject (drafts, versions, states, consultations, rattelse); this module gathers
their names, so that callers keep writing drafting.service.<verb>."""
from __future__ import annotations

# Re-exports, one import per module: every name below is used as service.<name> somewhere.
from remiss.drafting.consultations import add_consultation, consultations_of, remove_consultation  # noqa: F401
from remiss.drafting.drafts import (  # noqa: F401
    S, DraftError, beslutsunderlag, content_of, current_content, decision_of, decisions_of, defaults_for,
    find_decision, find_draft, latest_version, require_open, version_by_number, versions_of)
from remiss.drafting.rattelse import rattelse_name, start_rattelse  # noqa: F401
from remiss.drafting.states import (  # noqa: F401
    ALREADY, STATE_MOVES, UNANSWERED_CHOICES, AlreadyInState, change_state, check_unanswered, parse_state)
from remiss.drafting.versions import (  # noqa: F401
    NEEDS_HANDLAGGARE, add_version, catch_up, inga_synpunkter, move_remiss, require_handlaggare, save)
