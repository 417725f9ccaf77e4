"""Walk6: an unknown status in the diarium's filter (/remisser?status=avslutade, a natural guess for closed) is named
as unknown, with what the list shows instead, not passed over in silence."""
from __future__ import annotations

import re
from html import unescape

from tests.support.factories import make_namnd, make_remiss, make_user


def test_an_unknown_status_is_named_and_the_list_says_it_shows_every_status(client, auth, session):
    namnd = make_namnd(session)
    make_user(session, role="registrator", namnder=[namnd], email="r@malmo.se")
    make_remiss(session, namnd=namnd, title="Översyn av ordningsföreskrifter")
    session.commit()
    auth.login("r@malmo.se")
    html = client.get("/remisser?status=avslutade").get_data(as_text=True)
    summary = unescape(re.sub(r"<[^>]+>", " ", re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)))
    assert "Okänd status ”avslutade”: listan visar alla statusar" in " ".join(summary.split())
    assert "Översyn av ordningsföreskrifter" in html
    assert 'aria-invalid="true"' in html
