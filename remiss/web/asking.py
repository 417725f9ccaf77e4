"""A button whose act cannot be undone asks first, in the server too (walk20 H11, walk21 J14).

The question is the form's JavaScript dialog (data-confirm); the user's yes adds the form's confirmation fields
(data-confirmed, static/app.js). A post without them – JavaScript off, app.js not loaded, an old page – does
nothing: the view calls `ask`, which says so and returns to the remiss page at the button, where
templates/macros/asking.html shows the question beside it with a box that sends the confirmation. A question is
not an error: it is said as "Observera", never "Fel". The JSON API never asked and does not.

Used by Avsluta ärendet, Sammanställ svaren, Skicka remissen, Skicka ändringen and Förläng och meddela (utgående;
the last comes back with its form as typed instead of a redirect), Expediera, Inga synpunkter and Ta bort (a samråd);
on the sammanträdesplan, Ta bort (a meeting); Ta bort on a klämdag, a saved sändlista and a directory group's link;
Skicka igen and Skicka alla igen in the Utkorg. A refusal (nothing to remove, nothing to send) is said before any
question.
"""
from __future__ import annotations

from flask import flash, redirect, request, url_for

ASKED = "fraga"  # ?avsluta=fraga: the page shows that part's question with its box


def confirmed(field: str) -> bool:
    """The post carries the confirmation: the dialog's yes or the ticked box."""
    return request.form.get(field) == "1"


def asked(part: str) -> bool:
    """The page was opened by `ask` for that button: its question is shown beside it, not in a dialog."""
    return request.args.get(part) == ASKED


def ask(remiss_id: int, part: str, said: str):
    """Nothing done: say so (said: what was not done and the box to tick) and show the remiss page at the button
    (its form's id is part) with its question and box."""
    return ask_on("remisser.show", part, said, remiss_id=remiss_id)


def ask_on(endpoint: str, part: str, said: str, **values):
    """As ask, on another page (endpoint with its values), e.g. the sammanträdesplan."""
    flash(said, "warning")
    return redirect(url_for(endpoint, **values, **{part: ASKED}) + f"#{part}")
