"""Saving "Ändra uppgifter" without changing anything is no change of the remiss: its updated_at (what the API's
sync clients read, and what dates a missiv out of date, missiv_doc.stale_reason) stays, so the missiv made before
is sent as it is and no page says "remissen har ändrats" (h-out22's doubt)."""
from __future__ import annotations

from datetime import date

import lxml.html

from remiss.remisser.models import Remiss
from tests.outgoing.test_stale_missiv_said import _question
from tests.outgoing.test_walk9_dates import TODAY, _world


def _as_a_browser_sends(html: str) -> dict:
    """The edit form's fields with the values it shows, as a browser sends them when nothing is touched."""
    form = next(f for f in lxml.html.fromstring(html).forms if "remiss-form" in f.classes)
    return {name: value for name, value in form.form_values()}


def test_saving_the_edit_form_unchanged_leaves_the_missiv_current(session, client, auth, clock):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    session.rollback()
    session.expire_all()
    saved_at = session.get(Remiss, remiss.id).updated_at
    session.rollback()

    clock.advance(minutes=5)
    form = _as_a_browser_sends(client.get(f"{page}/andra").get_data(as_text=True))
    form.pop("csrf_token", None)
    assert auth.post(f"{page}/andra", form, form_url=f"{page}/andra").status_code == 302
    session.rollback()
    session.expire_all()
    assert session.get(Remiss, remiss.id).updated_at == saved_at
    session.rollback()  # no read transaction held while the app writes
    assert "inaktuellt" not in _question(client, page)
    assert "inaktuellt" not in client.get(page).get_data(as_text=True)

    clock.advance(minutes=5)  # a real change still dates the missiv out of date
    form["title"] = form["title"] + " (reviderad)"
    assert auth.post(f"{page}/andra", form, form_url=f"{page}/andra").status_code == 302
    assert "Missivet är inaktuellt (remissen har ändrats" in _question(client, page)
