"""walk22 L11: "Klart:" on Inkorg steps that did not happen, and a merge that registered a förlängning without
naming it.

a) The message registered in one tab, "Avvisa – det är ingen remiss" pressed in an old tab said "Klart: Meddelandet
   är redan registrerat – av dig …": nothing was avvisat. Now "Observera: Meddelandet avvisades inte: det är redan
   registrerat …".
b) "Registrera förlängningen på …" said only "Klart: Meddelandet är sammanfört med …". Now the förlängning's new day
   is named."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

from sqlmodel import select

from remiss.remisser.models import Remiss
from tests.intake.test_walk7 import POLLED, RK_TEXT, kommun, mail, page_fields, receive, register_now  # noqa: F401
from tests.support.factories import make_remiss

EXTENSION_TEXT = """Hej,

Remiss av promemorian Skärpta straff för vapenbrott

Justitiedepartementet har förlängt remisstiden. Remissvaren ska i stället ha kommit in till Justitiedepartementet \
senast den 30 april 2024. Ange diarienummer Ju2023/04567 i ämnesraden.

Med vänlig hälsning
Per Ek
Justitiedepartementet
"""


def _said(client, response) -> list[tuple[str, str]]:
    page = " ".join(unescape(client.get(response.headers["Location"]).get_data(as_text=True)).split())
    return [(kind, text.strip()) for kind, text in re.findall(r'message-kind">([^<]*)</span>([^<]*)', page)]


def _registered_and_extension_notice(app, db, session, kommun, clock, message_id):
    """The Miljönämnd's registered remiss (sista svarsdag 29 March 2024) and the remittent's notice extending it to
    30 April 2024, received in the Inkorg."""
    miljo, _, _ = kommun
    registered = make_remiss(session, namnd=miljo, title="Remiss av promemorian Skärpta straff för vapenbrott",
                             remittent="Justitiedepartementet", sender_dnr="Ju2023/04567",
                             deadline_on=date(2024, 3, 29))
    session.commit()
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)",
                                    EXTENSION_TEXT, message_id))
    return registered, message


def test_avvisa_from_an_old_tab_on_a_message_registered_says_it_was_not_avvisat(client, auth, app, db, kommun,
                                                                                 clock):
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<rk@x>"))
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    old_tab = client.get(url).get_data(as_text=True)  # the page with Avvisa, opened before registering
    assert "Avvisa – det är ingen remiss" in old_tab
    assert register_now(auth, message.id, **page_fields(old_tab)).status_code == 302
    with db.transaction() as s:
        dnr = s.exec(select(Remiss)).one().our_dnr
    response = auth.post(f"{url}/avvisa", {}, form_url=url)
    # a stale form: the message's page itself says it, 409 (session 26; it went to the remiss with a flash, 302)
    assert response.status_code == 409
    page = " ".join(unescape(response.get_data(as_text=True)).split())
    said = [(kind, text.strip()) for kind, text in re.findall(r'message-kind">([^<]*)</span>([^<]*)', page)]
    # old code: ("Klart:", "Meddelandet är redan registrerat – av dig, med diarienummer …")
    assert said == [("Observera:", f"Meddelandet avvisades inte: det är redan registrerat – av dig, med "
                                   f"diarienummer {dnr}.")], said


def test_a_merge_with_the_forlangning_names_it(client, auth, app, db, session, kommun, clock):
    registered, message = _registered_and_extension_notice(app, db, session, kommun, clock, "<forl@x>")
    assert message.extension_to == date(2024, 4, 30)
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/sammanfor", {"remiss_id": registered.id, "extend": "1"}, form_url=url)
    assert response.status_code == 302
    # old code: [("Klart:", "Meddelandet är sammanfört med MN 2024/0001.")]
    # the notice names a contact person the remiss lacked: the merge fills that empty field (walk32 finding 6)
    assert _said(client, response) == [("Klart:", f"Förlängningen till 30 april 2024 är registrerad på "
                                                  f"{registered.our_dnr}, och meddelandet är sammanfört med den. "
                                                  "Ett tomt fält ifyllt från meddelandet: Kontaktperson hos "
                                                  "remittenten.")]


def test_a_merge_without_the_forlangning_says_no_forlangning(client, auth, app, db, session, kommun, clock):
    registered, message = _registered_and_extension_notice(app, db, session, kommun, clock, "<forl2@x>")
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/sammanfor", {"remiss_id": registered.id}, form_url=url)
    # no förlängning is said; the empty field the notice fills is (walk32 finding 6)
    assert _said(client, response) == [("Klart:", f"Meddelandet är sammanfört med {registered.our_dnr}. Ett tomt "
                                                  "fält ifyllt från meddelandet: Kontaktperson hos remittenten.")]
