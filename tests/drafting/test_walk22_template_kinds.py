"""walk22 L12c: /mallar said the nämnd's own Word templates were "för tjänsteskrivelse och yttrande" while the
nämnd's form offers four kinds (Tjänsteskrivelse, Yttrande, Missiv, Sammanställning). The text now names every kind
the form offers, from the same list (drafting.namnd_templates.KINDS)."""
from __future__ import annotations

import re

from tests.support.factories import make_namnd, make_user
from tests.support.pages import visible_text


def test_the_intro_names_every_kind_the_form_offers(session, auth, client):
    namnd = make_namnd(session, name="Kulturnämnden")
    make_user(session, role="admin", namnder=[namnd], email="admin@kultur.se")
    session.commit()
    auth.login("admin@kultur.se")
    intro = visible_text(client.get("/mallar").get_data(as_text=True))
    assert ("Här laddar administratörer och registratorer upp nämndens egna Word-mallar för tjänsteskrivelse, "
            "yttrande, missiv och sammanställning.") in intro
    form = client.get(f"/namnder/{namnd.id}/mallar").get_data(as_text=True)
    offered = re.findall(r'<select id="f-kind" name="kind">(.*?)</select>', form, re.S)[0]
    for label in re.findall(r">([^<]+)</option>", offered):
        assert label.lower() in intro
