"""Outgoing's verbs, one module per thing they change: sending (create, missiv, send), answers (per instans,
anstånd, the general extension), chasers (planned in the outbox) and register (the remissinstanser)."""
