"""walk21 J14: without JavaScript (or when app.js did not load) Expediera locked the yttrande and queued its mail at
once: "Det går inte att ångra" was only in the button's dialog. The server now asks as for Avsluta ärendet
(remiss/web/asking.py): a post without the dialog's yes does nothing, and the page shows the question beside the
button with the box "Ja, expediera yttrandet"; a question, not headed "Fel:"."""
from __future__ import annotations

from datetime import datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.drafting.models import YttrandeDraft
from remiss.reminders import relay
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.drafting.test_walk20_signatures import SIGNED
from tests.support.asking import assert_asked_beside, form_at, visible_text

QUESTION = ("Expediera yttrandet? Det läggs i utkorgen och e-postas inom några minuter till kulturkansli@malmo.se. "
            f"Det går inte att ångra. {SIGNED}")


def _form(page: str) -> str:
    return form_at(page, 'yttrande/expediera"')


def _state(session, rid: int) -> tuple[str, str, int]:
    session.expire_all()
    draft = session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one()
    sent = len(session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == rid,
                                                        OutboxMessage.kind == "yttrande_expedierat")).all())
    return session.get(Remiss, rid).status, draft.state, sent


def test_expediera_without_the_dialogs_yes_asks_on_the_page(decided, auth, session):
    rid = decided()
    page = f"/remisser/{rid}"
    form = _form(unescape(auth.client.get(page).get_data(as_text=True)))
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_expediera"' in form  # the dialog, with JavaScript
    assert 'name="confirm_expediera"' not in form  # nothing confirmed until the user says yes
    session.rollback()

    refused = auth.post(f"{page}/yttrande/expediera", {}, form_url=page)
    assert refused.headers["Location"].endswith("?expediera=fraga#expediera")
    asked = unescape(auth.client.get(refused.headers["Location"]).get_data(as_text=True))
    # Old code: "Klart: Yttrandet är expedierat: version 1 …", locked and queued with no question
    assert ("Observera: Yttrandet är inte expedierat: att expediera det går inte att ångra. Läs frågan vid knappen "
            "och kryssa i ”Ja, expediera yttrandet” om det ska expedieras.") in visible_text(asked)
    form = _form(asked)
    assert_asked_beside(form, "confirm_expediera", QUESTION, "Ja, expediera yttrandet")
    assert "Fel:" not in visible_text(asked)
    assert _state(session, rid) == ("beslutad", "godkand", 0)
    session.rollback()

    unticked = auth.post(f"{page}/yttrande/expediera", {}, form_url=refused.headers["Location"])
    assert unticked.headers["Location"].endswith("?expediera=fraga#expediera")  # asked again
    assert _state(session, rid) == ("beslutad", "godkand", 0)
    session.rollback()

    done = auth.post(f"{page}/yttrande/expediera", {"confirm_expediera": "1"}, form_url=refused.headers["Location"],
                     follow_redirects=True)
    assert "Yttrandet är expedierat: version" in visible_text(done.get_data(as_text=True))
    assert _state(session, rid) == ("besvarad", "expedierad", 1)


def test_a_medborgarforslag_without_svarsadress_is_asked_in_its_words_and_during_an_outage(decided, auth, session):
    rid = decided(kind="medborgarforslag", answer_email="", title="Medborgarförslag om fler parkbänkar")
    page = f"/remisser/{rid}"
    asked = unescape(auth.client.get(auth.post(f"{page}/yttrande/expediera", {}, form_url=page)
                                     .headers["Location"]).get_data(as_text=True))
    assert (f'<p id="q-confirm_expediera">Expediera yttrandet? Ärendet saknar svarsadress, så inget e-postas: skicka '
            f'handlingarna på annat sätt och registrera sedan att de är skickade. Det går inte att ångra. {SIGNED}'
            '</p>') in _form(asked)
    assert _state(session, rid) == ("beslutad", "godkand", 0)
    remiss = session.get(Remiss, rid)
    remiss.answer_email = "forslag@example.se"
    session.add(remiss)
    relay.record_down(session, now=datetime(2015, 9, 24, 16, tzinfo=timezone.utc), error="Connection refused")
    session.commit()
    asked = unescape(auth.client.get(f"{page}?expediera=fraga").get_data(as_text=True))
    assert ("Expediera yttrandet? Det läggs i utkorgen och väntar där – e-posten går inte att skicka just nu (sedan "
            "24 september 2015 kl. 18.00) – på att e-postas till forslag@example.se. Det går inte att ångra."
            ) in _form(asked)
