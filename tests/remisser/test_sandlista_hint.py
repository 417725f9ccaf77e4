"""The registration form's Sändlista hint says what really happens to new names in each direction."""
from __future__ import annotations

import html as html_lib
import re

from sqlmodel import func, select

from remiss.auth.models import Role
from remiss.outgoing.models import Organisation
from tests.support.factories import make_namnd, make_remiss, make_user

INCOMING = "Namnen sparas på den här remissen, inte i registret över remissinstanser."
OUTGOING = "Nya namn läggs till i registret över remissinstanser, bland nämndens egna."


def _hint(html: str) -> str:
    return html_lib.unescape(re.search(r'<p class="hint" id="h-sandlista">([^<]*)</p>', html).group(1))


def test_the_hint_follows_the_direction_and_is_true(session, auth):
    namnd = make_namnd(session)
    email = make_user(session, role=Role.admin, namnder=[namnd]).email
    organisations = select(func.count()).select_from(Organisation)
    before = session.exec(organisations).one()
    make_remiss(session, namnd=namnd, sandlista=["Inkommande instans"])
    assert session.exec(organisations).one() == before  # an incoming sändlista stays on its remiss
    make_remiss(session, namnd=namnd, direction="utgaende", sandlista=["Utgående instans"])
    assert session.exec(organisations).one() == before + 1  # an outgoing one feeds the register
    session.commit()
    auth.login(email)
    incoming = auth.client.get("/remisser/ny").get_data(as_text=True)
    assert INCOMING in _hint(incoming)
    # the other direction's words ride along for static/app.js to swap in when Riktning changes
    hint = ("En remissinstans per rad: ”Namn”, ”Namn; e-post”, ”Namn, e-post” eller ”Namn <e-post>” "
            "(som Outlook kopierar adresser). "
            + OUTGOING)
    assert f'data-hint-utgaende="{hint}"' in html_lib.unescape(incoming)
    assert OUTGOING in _hint(auth.client.get("/remisser/ny?direction=utgaende").get_data(as_text=True))
