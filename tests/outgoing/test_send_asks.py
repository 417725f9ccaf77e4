"""walk21 J14: without JavaScript (or when app.js did not load) "Skicka remissen" queued the missiv at once: the
question – to whom it is e-mailed, no remisshandlingar, "Det går inte att ångra" – was only in the button's dialog.
The server now asks as for Avsluta ärendet (remiss/web/asking.py): a post without the dialog's yes sends nothing,
and the page shows the question beside the button with the box "Ja, skicka remissen nu"; not headed "Fel:". A
remiss that cannot be sent is refused as before, without a question (tests/outgoing/test_walk9_dates.py)."""
from __future__ import annotations

from html import unescape

from sqlmodel import select

from remiss.outgoing.service.sending import MISSIV_KIND
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import NORR
from tests.support.asking import assert_asked_beside, form_at, visible_text

# walk21b K5: no missiv is made yet, so sending makes one nobody has read, and the question says so
UNMADE = ("Missivet är inte skapat än: det skapas nu från standardmallen och skickas utan att någon har läst det. ")
QUESTION = ("Remissen har inga remisshandlingar: remissinstanserna får bara missivet. " + UNMADE + "Skicka remissen "
            "nu? Den läggs i utkorgen och e-postas inom några minuter till 2 remissinstanser: norr@example.se, "
            "soder@example.se. Det går inte att ångra.")


def _form(page: str) -> str:
    return form_at(page, 'utskick/skicka"')


def _sent(session, rid: int) -> tuple[bool, int]:
    session.expire_all()
    queued = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == rid,
                                                      OutboxMessage.kind == MISSIV_KIND)).all()
    sent = session.get(Remiss, rid).sent_at is not None
    session.rollback()  # the test's read ends, so the app may write (SQLite has one writer)
    return sent, len(queued)


def test_sending_without_the_dialogs_yes_asks_on_the_page(session, client, auth, unsent_utgaende):
    rid = unsent_utgaende().id  # to Norr and Söder
    page = f"/remisser/{rid}"
    form = _form(unescape(client.get(page).get_data(as_text=True)))
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_send"' in form  # the dialog, with JavaScript
    assert 'name="confirm_send"' not in form  # nothing confirmed until the user says yes

    refused = auth.post(f"{page}/utskick/skicka", {}, form_url=page)
    assert refused.headers["Location"].endswith("?skicka=fraga#skicka")
    asked = unescape(client.get(refused.headers["Location"]).get_data(as_text=True))
    # Old code: "Klart: Remissen är skickad: missivet läggs i utkorgen …" with no question
    assert ("Observera: Remissen är inte skickad: att skicka den går inte att ångra. Läs frågan vid knappen och "
            "kryssa i ”Ja, skicka remissen nu” om den ska skickas.") in visible_text(asked)
    form = _form(asked)
    assert_asked_beside(form, "confirm_send", QUESTION, "Ja, skicka remissen nu")
    assert "Fel:" not in visible_text(asked)
    assert _sent(session, rid) == (False, 0)

    unticked = auth.post(f"{page}/utskick/skicka", {}, form_url=refused.headers["Location"])
    assert unticked.headers["Location"].endswith("?skicka=fraga#skicka")  # asked again
    assert _sent(session, rid) == (False, 0)

    done = auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=refused.headers["Location"],
                     follow_redirects=True)
    assert "Remissen är skickad: missivet läggs i utkorgen" in visible_text(done.get_data(as_text=True))
    assert _sent(session, rid) == (True, 2)


def test_the_question_says_when_no_missiv_is_made_yet(session, client, auth, unsent_utgaende):
    """walk21b K5: Skicka remissen before Skapa missiv made the missiv from the mall and sent it unread, while the
    question (the dialog's and the page's, one text) did not say so; once a missiv is made it is not said."""
    rid = unsent_utgaende([NORR]).id
    page = f"/remisser/{rid}"
    asked = unescape(client.get(auth.post(f"{page}/utskick/skicka", {}, form_url=page).headers["Location"])
                     .get_data(as_text=True))
    # Old code: "Remissen har inga remisshandlingar: … Skicka remissen nu? …" with no word of the missiv
    assert UNMADE.strip() in visible_text(_form(asked))
    assert _sent(session, rid) == (False, 0)

    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    form = _form(unescape(client.get(page).get_data(as_text=True)))
    # one instans on the sändlista: "remissinstansen" (walk23 W7d)
    assert 'data-confirm="Remissen har inga remisshandlingar: remissinstansen får bara missivet. Skicka remissen ' \
           'nu?' in form and "Missivet är inte skapat" not in form
