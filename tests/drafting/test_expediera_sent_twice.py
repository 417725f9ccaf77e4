"""walk21b K7: Expediera sent twice (a no-JS double click: the same form posted twice) expedited once, but the second
answer – the page the user sees – said "Fel: Yttrandet är redan expedierat. Ska det skickade yttrandet rättas, börja
en rättelse …" and lost the first answer's "Remissen saknar svarsadress … Skicka handlingarna …". Sent again by the
one who just expedited, it now says so as information with the first answer's follow-up; from another person, or
long after, the refusal stays. Session 24: the second answer is the remiss page itself, which says who expedited it
and when (remiss.stale_form), not a flash and a redirect (a flash rides the session cookie, where the first
request's raced it: walk21b K4)."""
from __future__ import annotations

import re
from html import unescape

from remiss.calendar.swedish import format_date_time
from remiss.remisser.models import Remiss
from tests.drafting.test_expediera_asks import _state

NOTE = ("Remissen saknar svarsadress, så yttrandet har inte e-postats och remissen är inte besvarad ännu. Skicka "
        "handlingarna till remittenten och registrera sedan att de är skickade (”Skickat per post eller på annat "
        "sätt”).")
REFUSAL = ("Yttrandet är redan expedierat. Ska det skickade yttrandet rättas, börja en rättelse (Skicka rättelse); "
           "den beslutas och expedieras för sig.")


def _said(client, response) -> list[tuple[str, str]]:
    """The messages of the page the response is, or leads to: (kind, text)."""
    page = client.get(response.headers["Location"]) if response.status_code == 302 else response
    text = " ".join(unescape(page.get_data(as_text=True)).split())
    return [(kind, text.strip()) for kind, text in re.findall(r'message-kind">([^<]*)</span>([^<]*)', text)]


def _in_page(response, status: int) -> None:
    """The answer is the remiss page itself (no redirect, so no flash in the session cookie)."""
    assert response.status_code == status and "Location" not in response.headers
    assert 'id="yttrande"' in response.get_data(as_text=True)


def _expediera(auth, rid: int):
    page = f"/remisser/{rid}"
    return auth.post(f"{page}/yttrande/expediera", {"confirm_expediera": "1"}, form_url=page)


def test_expediera_sent_twice_by_the_same_person_answers_as_the_first(decided, auth, session, clock):
    rid = decided(answer_email="")
    expedited_at = clock()
    first = _expediera(auth, rid)
    assert first.status_code == 302
    said = _said(auth.client, first)
    assert said[0][0] == "Klart:" and said[0][1].startswith("Yttrandet är expedierat: version 1")
    assert said[1:] == [("Information:", NOTE)]
    session.rollback()
    clock.advance(seconds=1)

    second = _expediera(auth, rid)  # the same form again, 1 s later
    # Old code: 302 and a flash "Yttrandet är redan expedierat (av dig, kl. 09.02)." on the page it led to
    _in_page(second, 200)
    assert _said(auth.client, second) == [
        ("Information:", f"Yttrandet är redan expedierat av dig {format_date_time(expedited_at)}."),
        ("Information:", NOTE)]
    assert _state(session, rid) == ("beslutad", "expedierad", 0)
    assert auth.client.get(f"/remisser/{rid}").status_code == 200  # nothing left in the cookie for the next page
    assert _said(auth.client, auth.client.get(f"/remisser/{rid}")) == []


def test_expediera_sent_again_by_another_or_long_after_is_refused(decided, auth, session, clock, world):
    rid = decided(answer_email="")
    expedited_at = clock()
    assert _expediera(auth, rid).status_code == 302
    session.rollback()
    auth.logout()
    auth.login(world["granskare"].email)
    again = _expediera(auth, rid)
    _in_page(again, 409)
    # Old code: 302, then "Fel: Yttrandet är redan expedierat. Ska …" without who or when
    by = f"av {world['registrator'].name} {format_date_time(expedited_at)}"
    assert _said(auth.client, again) == [("Observera:", REFUSAL.replace("expedierat.", f"expedierat {by}.", 1))]
    auth.logout()
    auth.login(world["registrator"].email)
    clock.advance(hours=1)
    again = _expediera(auth, rid)
    _in_page(again, 409)
    assert _said(auth.client, again) == [("Observera:", REFUSAL.replace("expedierat.", f"expedierat av dig "
                                                                      f"{format_date_time(expedited_at)}.", 1))]
    assert _state(session, rid) == ("beslutad", "expedierad", 0)


def _readdressed(session, rid: int, **addresses) -> None:
    """Another person changes the remiss's addresses between the two clicks (as the remiss form saves them)."""
    remiss = session.get(Remiss, rid)
    for name, value in addresses.items():
        setattr(remiss, name, value)
    session.add(remiss)
    session.commit()


def test_sent_twice_the_second_answer_names_the_address_the_first_mailed_to(decided, auth, session, clock):
    rid = decided(copy_emails="arkiv@malmo.se")
    expedited_at = clock()
    said = _said(auth.client, _expediera(auth, rid))
    assert said[0][1].startswith("Yttrandet är expedierat")
    assert "till kulturkansli@malmo.se med kopia till arkiv@malmo.se." in said[1][1]
    session.rollback()
    _readdressed(session, rid, answer_email="registrator@lund.se", copy_emails="")
    clock.advance(seconds=1)

    again = _said(auth.client, _expediera(auth, rid))
    # Old code: "… till registrator@lund.se." – an address nothing was queued for
    assert again[0] == ("Information:", f"Yttrandet är redan expedierat av dig {format_date_time(expedited_at)}.")
    assert again[1:] == said[1:]
    assert _state(session, rid) == ("besvarad", "expedierad", 1)  # one mail in the outbox, not two


def test_sent_twice_without_an_address_at_first_the_second_answer_still_says_nothing_was_mailed(
        decided, auth, session, clock):
    rid = decided(answer_email="")
    assert _said(auth.client, _expediera(auth, rid))[1:] == [("Information:", NOTE)]
    session.rollback()
    _readdressed(session, rid, answer_email="kulturkansli@malmo.se")
    clock.advance(seconds=1)
    # Old code: "Yttrandet läggs i utkorgen och e-postas … till kulturkansli@malmo.se", though nothing was queued
    assert _said(auth.client, _expediera(auth, rid))[1:] == [("Information:", NOTE)]
