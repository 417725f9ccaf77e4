"""A proposal's dates that are not plausible are proposed with a warning, not silently: a sista svarsdag or an
extension's new day years from the day the letter was sent, and an extension notice that moves the day earlier
(remiss.intake.plausible). Shown on the Inkorg's proposal and on the form prefilled from a pasted missiv."""
from __future__ import annotations

import html

from tests.intake.test_paste_seed000 import input_value, paste, world
from tests.intake.test_walk12_view import POLLED, mail, receive

FAR_DEADLINE = """Hej,

Remiss av promemorian Ds 2023:23 Ett utvidgat skydd
Diarienummer S2023/02208
Remissvaren ska ha kommit in till Socialdepartementet senast den 15 maj 2062.

Med vänlig hälsning
Socialdepartementet
"""
EARLIER = """Hej,

Socialdepartementet ändrar svarstiden för remissen av Ds 2023:23 Ett utvidgat skydd (S2023/02208).
Svarstiden förlängs från den 15 maj 2027 till den 10 maj 2027.

Med vänlig hälsning
Socialdepartementet
"""


def _page(client, auth, app, db, session, clock, subject, body, message_id):
    clock.set(POLLED)
    world(session)
    found = receive(db, app, mail(subject, body, message_id, sent="Tue, 01 Dec 2026 08:30:00 +0100"))
    auth.login("sekr@malmo.se")
    return html.unescape(client.get(f"/inkorg/{found}").get_data(as_text=True))


def test_the_inkorg_proposal_warns_of_a_deadline_decades_away_and_still_proposes_it(client, auth, app, db, session,
                                                                                    clock):
    page = _page(client, auth, app, db, session, clock, "Remiss av Ds 2023:23", FAR_DEADLINE, "<far@plausible>")
    assert ("Sista svarsdag (15 maj 2062) ligger mer än ett år efter e-postmeddelandets datum (1 december 2026). "
            "Kontrollera årtalet innan remissen registreras.") in page
    assert input_value(page, "deadline_on") == "2062-05-15"  # proposed, for the person to correct


def test_the_inkorg_proposal_warns_of_an_extension_to_an_earlier_day(client, auth, app, db, session, clock):
    page = _page(client, auth, app, db, session, clock, "Ändrad svarstid - Remiss av Ds 2023:23", EARLIER,
                 "<earlier@plausible>")
    assert ("Brevet flyttar sista svarsdagen från 15 maj 2027 till 10 maj 2027, alltså inte till en senare dag. "
            "Kontrollera datumen innan förlängningen registreras.") in page


def test_the_form_prefilled_from_a_pasted_missiv_warns_too(client, auth, session, clock):
    clock.set(POLLED)
    world(session)
    auth.login("sekr@malmo.se")
    text = FAR_DEADLINE.replace("Hej,\n", "Stockholm den 1 december 2026\n")
    response = paste(auth, text)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Sista svarsdag (15 maj 2062) ligger mer än ett år efter missivets datum (1 december 2026)." in page
