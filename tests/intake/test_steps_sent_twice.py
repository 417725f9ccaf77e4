"""The Inkorg's other steps sent twice by one person (a double-click, the page sent again): the second sending
lands where the first did, told so, never on an error. Before, Makulera sent twice answered 400 with the Inkorg
page and no word of what happened (the form is gone once the remiss is makulerad), or "Fel: Remissen har redan
status ”Makulerad”." on the remiss page; Ångra avvisningen sent twice said "Fel: Bara ett avvisat meddelande kan tas tillbaka.".
Makulera's second answer is the remiss page itself, saying so (walk21b K4: a redirect's message raced the first
answer's in the cookie session, so the page the browser showed said nothing)."""
from __future__ import annotations

import re
from html import unescape

from sqlmodel import func, select

from remiss.audit.models import AuditEvent
from remiss.clock import local
from remiss.remisser.models import Remiss
from tests.intake.test_makulera import _registered_twice
from tests.intake.test_walk7 import POLLED, kommun  # noqa: F401
from tests.intake.test_walk12_view import mail, receive
from tests.remisser.test_makulera_by_hand import world  # noqa: F401


def _said(client, response) -> list[tuple[str, str]]:
    """The messages of the page the response leads to: (kind, text)."""
    page = " ".join(unescape(client.get(response.headers["Location"]).get_data(as_text=True)).split())
    return [(kind, text.strip()) for kind, text in re.findall(r'message-kind">([^<]*)</span>([^<]*)', page)]


def _makuleringar(db, remiss_id: int) -> int:
    with db.transaction(write=False) as s:
        return s.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.remiss_id == remiss_id,
                                                                         AuditEvent.action == "makulera")).one()


def test_makulera_on_the_inkorg_page_sent_twice_lands_on_the_remiss(client, auth, app, db, session, kommun,
                                                                    clock):
    miljo, _, _ = kommun
    clock.set(POLLED)
    auth.login("reg@malmo.se")
    message_id, _, (twice_id, twice_dnr) = _registered_twice(client, auth, app, db, miljo)
    url = f"/inkorg/{message_id}"
    first = auth.post(f"{url}/makulera", {"reason": "Samma brev två gånger"}, form_url=url)
    assert first.status_code == 302
    client.get(first.headers["Location"])  # the first receipt, shown
    second = auth.post(f"{url}/makulera", {"reason": "Samma brev två gånger"}, form_url=url)
    # the answer is the remiss page itself, saying so (walk21b K4: not a redirect whose message raced in the cookie)
    page = " ".join(unescape(second.get_data(as_text=True)).split())
    assert second.status_code == 200 and f"<title>{twice_dnr}" in page  # the remiss's page
    assert [(k, t.strip()) for k, t in re.findall(r'message-kind">([^<]*)</span>([^<]*)', page)] == [
        ("Information:", f"{twice_dnr} är redan makulerad (av dig, kl. {local(clock()):%H.%M}).")]
    assert _makuleringar(db, twice_id) == 1


def test_makulera_on_the_remiss_page_sent_twice_says_it_is_done(world, auth, client, db, clock):
    """The second answer is the page itself, saying so (walk21b K4: a redirect's message went by the cookie, where
    the first answer's raced it; tests/remisser/test_makulera_double_click.py sends the two at once)."""
    _, (twice_id, twice_dnr) = world
    url = f"/remisser/{twice_id}"
    auth.login("mia@miljo.se")
    form = {"reason": "Dubblett", "confirm": "1"}
    first = auth.post(f"{url}/makulera", form, form_url=url)
    client.get(first.headers["Location"])
    second = auth.post(f"{url}/makulera", form, form_url=url)
    assert second.status_code == 200
    page = " ".join(unescape(second.get_data(as_text=True)).split())
    assert re.findall(r'message-kind">([^<]*)</span>([^<]*)', page) == [
        ("Information:", f" {twice_dnr} är redan makulerad (av dig, kl. {local(clock()):%H.%M}). ")]
    assert _makuleringar(db, twice_id) == 1
    with db.transaction(write=False) as s:
        assert s.get(Remiss, twice_id).status == "makulerad"


def test_angra_avvisningen_sent_twice_says_it_waits_again(client, auth, app, db, session, kommun, clock):
    clock.set(POLLED)
    auth.login("reg@malmo.se")
    message_id = receive(db, app, mail("Nyhetsbrev december", "Hej! Här kommer månadens nyheter.", "<nb@twice>"))
    url = f"/inkorg/{message_id}"
    assert auth.post(f"{url}/avvisa", {}, form_url=url).status_code == 302
    first = auth.post(f"{url}/atervand", {}, form_url=url)
    client.get(first.headers["Location"])
    second = auth.post(f"{url}/atervand", {}, form_url=url)
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    said = _said(client, second)
    assert ("Information:", "Meddelandet ligger redan bland de som ska hanteras.") in said
    assert not [text for kind, text in said if kind == "Fel:"]


def test_one_who_may_not_makulera_is_refused_before_being_told_it_is_done(world, auth, client, db):
    """The permission comes before the state: a handläggare (who may not makulera) is refused as on an open remiss,
    not told "redan makulerad"."""
    (kept_id, _), (twice_id, _) = world
    auth.login("hl@miljo.se")
    on_open = auth.post(f"/remisser/{kept_id}/makulera", {"reason": "Dubblett", "confirm": "1"},
                        form_url=f"/remisser/{kept_id}")
    auth.logout()
    auth.login("mia@miljo.se")
    url = f"/remisser/{twice_id}"
    assert auth.post(f"{url}/makulera", {"reason": "Dubblett", "confirm": "1"}, form_url=url).status_code == 302
    auth.logout()
    auth.login("hl@miljo.se")
    on_voided = auth.post(f"{url}/makulera", {"reason": "Dubblett", "confirm": "1"}, form_url=url)
    assert on_voided.status_code == on_open.status_code != 302
    assert "redan makulerad" not in on_voided.get_data(as_text=True)
    assert _makuleringar(db, twice_id) == 1
