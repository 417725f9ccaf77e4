"""walk29 A3: the question before "Förläng och meddela" counted 1 recipient and hedged about the instans with an
anstånd of its own ("… får meddelandet bara om den nya svarsdagen ligger senare"), and the result then said 2. The
question is now for the date typed: the page carries one per span of dates for the dialog to pick from (static/
app.js; tests/browser/test_walk29_extension_dialog.py), and the server's own question (without the dialog's yes)
is for the posted date – naming and counting everyone who gets the notice."""
from __future__ import annotations

import json
import re
from html import unescape

from tests.outgoing.test_walk19_outgoing import _sent, _text
from tests.outgoing.test_walk26_compile_anstand import _grant

BOTH = ("Förlänga remisstiden för alla? Meddelandet läggs i utkorgen och e-postas inom några minuter till 3 "
        "remissinstanser som inte har svarat: pens@malmo.example, ungd@malmo.example, funk@malmo.example. "
        "Funktionshinderrådet har anstånd till 12 mars 2027 och får meddelandet, eftersom den nya svarsdagen ligger senare.")
SHORT = ("Förlänga remisstiden för alla? Meddelandet läggs i utkorgen och e-postas inom några minuter till 2 "
         "remissinstanser som inte har svarat: pens@malmo.example, ungd@malmo.example. Funktionshinderrådet har "
         "anstånd till 12 mars 2027, senare än den nya svarsdagen, och behåller det utan meddelande.")


def test_the_extension_question_is_for_the_date_typed(session, app, auth, client, clock):
    rid, entries, _ = _sent(session, app, auth, clock)
    _grant(auth, rid, entries["Funktionshinderrådet"])  # anstånd to 12 March 2027, past the svarstid (26 February)
    html = client.get(f"/remisser/{rid}").get_data(as_text=True)
    form = html[html.index('id="forlang"'):][:4000]
    # old code: only the hedge, "… till 2 remissinstanser … får meddelandet bara om den nya svarsdagen ligger …"
    found = re.search(r'data-confirm-after="([^"]*)"', form)
    assert found, form[:1500]
    variants = json.loads(unescape(found.group(1)))
    # a date at exactly the anstånd's end has its own question ("=", walk29b B4)
    assert [v[0::2] for v in variants] == [[""], ["2027-03-12T23:59", "="], ["2027-03-12T23:59"]], variants
    assert variants[0][1].startswith(SHORT) and variants[2][1].startswith(BOTH), variants

    page = f"/remisser/{rid}"
    asked = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-04-16", "until_time": "12.00"},
                            form_url=page))
    assert "Remisstiden är inte förlängd till 16 april 2027 kl. 12.00" in asked
    assert BOTH in asked, asked[asked.find("Förlänga remisstiden"):][:800]  # the server asks for the posted date
    asked = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-03-05"}, form_url=page))
    assert SHORT in asked, asked[asked.find("Förlänga remisstiden"):][:800]

    done = _text(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-04-16", "until_time": "12.00",
                                                           "confirm_extension": "1"},
                           form_url=page, follow_redirects=True))
    assert "till 3 remissinstanser" in done, done[:3000]  # as the question said
