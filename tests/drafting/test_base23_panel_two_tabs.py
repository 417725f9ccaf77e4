"""base23: the Yttrande panel's last two forms without a base. Underskrifter opened in tab A before tab B saved other
names replaced B's names silently; it now carries the names it showed (remiss.stale_form): a stale one is refused
naming who changed them, when and the names now, with the names typed kept, and saving again from the page that
comes back saves them knowingly; a name the older tab did not change comes back as it is now, so saving again
changes only what that tab changed (walk24 V1). "Registrera att yttrandet är skickat" replaces nothing: once one tab recorded it,
the remiss is besvarad and the other tab's form is refused anyway, the first record standing."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.drafting.drafts import current_content
from remiss.remisser.models import Remiss
from tests.drafting.test_expediering_mail import expediera
from tests.support.pages import visible_text


def _form(page: str, action: str) -> dict:
    """Every input of the page's form posted to action with the value the page gave it (a tab's form as opened)."""
    found = re.search(rf'<form method="post" action="{re.escape(action)}"(.*?)</form>', page, re.S)
    assert found, f"no form to {action}"
    fields = {}
    for tag in re.findall(r"<input [^>]*>", found.group(1)):
        name, value = re.search(r'name="([^"]*)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and name.group(1) != "csrf_token":
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return fields


def _names(session, rid) -> tuple[str, str]:
    """The names under the yttrande as saved, read in a transaction closed again."""
    session.expire_all()
    _, _, content = current_content(session, session.get(Remiss, rid))
    names = (content.get("ordforande", ""), content.get("forvaltningschef", ""))
    session.rollback()
    return names


def test_an_underskrifter_form_opened_before_another_tab_saved_is_refused_naming_the_names_now(decided, auth,
                                                                                               session, clock):
    rid = decided()  # approved and decided; the draft named Andreas Konstantinides and Britt-Marie Pettersson
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/underskrifter"
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    tab_b = _form(auth.client.get(page_url).get_data(as_text=True), url)
    clock.set(datetime(2015, 9, 25, 7, 30, tzinfo=timezone.utc))
    assert auth.post(url, tab_b | {"ordforande": "Anna Ek"}, form_url=page_url).status_code == 302

    refused = auth.post(url, tab_a | {"forvaltningschef": "Bo Berg"}, form_url=page_url)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409, "the stale form replaced the names saved meanwhile"
    assert _names(session, rid) == ("Anna Ek", "Britt-Marie Pettersson")
    said = visible_text(page)
    assert "Underskrifterna sparades inte" in said
    assert ("Underskrifterna ändrades av Nina Registrator 25 september 2015 kl. 09.30, efter att du öppnade sidan. "
            "Nu undertecknas yttrandet av Anna Ek (ordförande) och Britt-Marie Pettersson (stadsområdesdirektör). "
            "Det du ändrade står kvar nedan, och ordförande, som du inte ändrade, har namnet som gäller nu "
            "(Anna Ek): spara igen för att ändra bara det du ändrade.") in said
    assert 'href="#f-sign-base_signatures"' in page and 'id="f-sign-base_signatures"' in page
    again = _form(page, url)  # what this tab typed, and the ordförande it did not touch as it is now (walk24 V1)
    assert again["ordforande"] == "Anna Ek" and again["forvaltningschef"] == "Bo Berg"
    assert again["base_signatures"] not in (tab_a["base_signatures"], "")

    # saved again from the page that came back: what this tab changed, knowingly; B's ordförande stands
    saved = auth.post(url, again, form_url=page_url, follow_redirects=True)
    assert "Underskrifterna är sparade i version 3." in visible_text(saved.get_data(as_text=True))
    assert _names(session, rid) == ("Anna Ek", "Bo Berg")


def test_a_stale_underskrifter_form_that_changed_both_names_comes_back_as_typed(decided, auth, session, clock):
    """Both names typed over in the older tab: nothing is taken over, the form comes back as typed and saving again
    puts both, knowingly."""
    rid = decided()
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/underskrifter"
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    assert auth.post(url, tab_a | {"ordforande": "Anna Ek"}, form_url=page_url).status_code == 302
    refused = auth.post(url, tab_a | {"ordforande": "Cecilia Ek", "forvaltningschef": "Bo Berg"}, form_url=page_url)
    assert refused.status_code == 409
    said = visible_text(refused.get_data(as_text=True))
    assert "Det du skrev står kvar nedan: spara igen för att ändra underskrifterna till det." in said
    again = _form(refused.get_data(as_text=True), url)
    assert (again["ordforande"], again["forvaltningschef"]) == ("Cecilia Ek", "Bo Berg")
    assert auth.post(url, again, form_url=page_url).status_code == 302
    assert _names(session, rid) == ("Cecilia Ek", "Bo Berg")


def test_a_stale_underskrifter_form_that_changed_nothing_saves_nothing(decided, auth, session, clock):
    """Opened before another tab changed a name and sent back untouched: nothing of this tab's to save, the other
    tab's name stands."""
    rid = decided()
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/underskrifter"
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    assert auth.post(url, tab_a | {"ordforande": "Anna Ek"}, form_url=page_url).status_code == 302
    kept = auth.post(url, tab_a, form_url=page_url, follow_redirects=True)
    assert "Inga ändringar att spara." in visible_text(kept.get_data(as_text=True))
    assert _names(session, rid) == ("Anna Ek", "Britt-Marie Pettersson")


def test_an_underskrifter_form_whose_names_are_unchanged_saves_and_a_post_without_base_is_never_stale(
        decided, auth, session, clock):
    rid = decided()
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/underskrifter"
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    # a save that leaves the names as they were is no change to be stale against
    assert auth.post(url, tab_a, form_url=page_url).status_code == 302
    assert auth.post(url, tab_a | {"ordforande": "Anna Ek"}, form_url=page_url).status_code == 302
    assert _names(session, rid) == ("Anna Ek", "Britt-Marie Pettersson")
    # a script or an older page that sends no base saves as before
    assert auth.post(url, {"ordforande": "Cecilia Ny", "forvaltningschef": "Britt-Marie Pettersson"},
                     form_url=page_url).status_code == 302
    assert _names(session, rid) == ("Cecilia Ny", "Britt-Marie Pettersson")


def test_a_stale_underskrifter_form_with_no_name_says_both(decided, auth, session, clock):
    rid = decided()
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/underskrifter"
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    assert auth.post(url, tab_a | {"ordforande": "Anna Ek"}, form_url=page_url).status_code == 302
    refused = auth.post(url, tab_a | {"ordforande": "", "forvaltningschef": " "}, form_url=page_url)
    said = visible_text(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert "Nu undertecknas yttrandet av Anna Ek (ordförande)" in said and "Skriv minst ett namn." in said
    assert _names(session, rid) == ("Anna Ek", "Britt-Marie Pettersson")


def test_a_second_skickat_from_a_tab_opened_before_the_first_replaces_nothing(decided, auth, session, clock):
    """No base is needed: recording "skickat" moves the remiss to besvarad, and a form opened before is refused
    because nothing waits any more; the first day and way stand, in the remiss, its history and the API."""
    rid = decided(answer_email="")
    page_url, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/skickat"
    assert expediera(auth, rid).status_code == 302
    clock.set(datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc))
    tab_a = _form(auth.client.get(page_url).get_data(as_text=True), url)
    tab_b = _form(auth.client.get(page_url).get_data(as_text=True), url)
    assert auth.post(url, tab_b | {"way": "post", "sent_on": "2015-09-25"}, form_url=page_url).status_code == 302

    refused = auth.post(url, tab_a | {"way": "bud", "sent_on": "2015-09-28"}, form_url=page_url)
    # Old code: 302, then "Fel: Det finns inget expedierat yttrande som väntar …" on the page it led to
    assert refused.status_code == 200 and "Location" not in refused.headers
    assert ("Information: Yttrandet är redan registrerat som skickat av dig 28 september 2015 kl. 10.00: per post den "
            "25 september 2015. Inget mer behöver göras." in visible_text(refused.get_data(as_text=True)))
    session.expire_all()
    remiss = session.get(Remiss, rid)
    assert remiss.status == "besvarad"
    assert remiss.answered_at.replace(tzinfo=timezone.utc) == datetime(2015, 9, 25, 10, 0, tzinfo=timezone.utc)
    notes = [e.note for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == rid))]
    assert [n for n in notes if n and n.startswith("Yttrandet skickat")] == ["Yttrandet skickat per post den 25 "
                                                                            "september 2015"]
    session.rollback()
    assert auth.client.get(f"/api/v1/remisser/{rid}").get_json()["status"] == "besvarad"
