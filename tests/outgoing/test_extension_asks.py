"""walk21 J14: without JavaScript "Förläng och meddela" extended the remisstid and queued the notices at once; the
question was only in the dialog, and it did not say that it cannot be undone. Now a post without the dialog's yes
changes nothing: the page comes back with the date and the reason as typed, "Observera: Remisstiden är inte
förlängd …", and the question beside the button with the box "Ja, förläng och meddela" (remiss/web/asking.py); not
"Fel". A date that cannot be taken is refused first, at its field, without a question."""
from __future__ import annotations

from sqlmodel import select

from remiss.outgoing.service.remisstid import EXTENSION_KIND
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import _sent
from tests.support.asking import assert_asked_beside, form_at, visible_text

QUESTION = ("Förlänga remisstiden för alla? Meddelandet läggs i utkorgen och e-postas inom några minuter till 2 "
            "remissinstanser som inte har svarat: trafik@example.se, miljo@example.se. Det går inte att ångra.")


def _form(page: str) -> str:
    return form_at(page, 'utskick/forlangning"')


def _state(session, rid: int) -> tuple:
    session.expire_all()
    notices = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == rid,
                                                       OutboxMessage.kind == EXTENSION_KIND)).all()
    deadline = session.get(Remiss, rid).effective_deadline_on.isoformat()
    session.rollback()
    return deadline, len(notices)


def test_extending_without_the_dialogs_yes_asks_on_the_page_and_keeps_the_form(session, client, auth, clock, runner,
                                                                                smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    rid = remiss.id
    session.rollback()
    clock.advance(minutes=5)  # the missiv e-mailed first: a missiv still in the Utkorg is made anew (h-queue24)
    run_sweep(runner, smtp, clock.now)
    form = _form(client.get(page).get_data(as_text=True))
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_extension"' in form, form
    assert "novalidate" in form and 'name="confirm_extension"' not in form

    typed = {"until_on": "2027-02-12", "until_time": "12.00", "reason": "Flera har bett om mer tid."}
    asked = auth.post(f"{page}/utskick/forlangning", typed, form_url=page)
    assert asked.status_code == 200
    said = asked.get_data(as_text=True)
    # Old code: "Remisstiden är förlängd till 12 februari 2027 kl. 12.00. Meddelandet läggs i utkorgen …"
    assert ("Observera: Remisstiden är inte förlängd till 12 februari 2027 kl. 12.00: meddelandet om den nya "
            "svarsdagen går inte att ta tillbaka. Läs frågan vid knappen och kryssa i ”Ja, förläng och meddela” om "
            "remisstiden ska förlängas.") in visible_text(said)
    form = _form(said)
    assert_asked_beside(form, "confirm_extension", QUESTION, "Ja, förläng och meddela")
    assert 'value="2027-02-12"' in form and 'value="12.00"' in form
    assert 'value="Flera har bett om mer tid."' in form
    assert "Fel:" not in visible_text(said)
    assert _state(session, rid) == ("2027-01-29", 0)

    # a day that has been is refused at its field, with no question
    past = auth.post(f"{page}/utskick/forlangning", {"until_on": "2026-12-04"}, form_url=page)
    assert past.status_code == 400
    assert "Den nya svarsdagen måste ligga efter i dag (4 december 2026)." in visible_text(past.get_data(as_text=True))
    assert 'name="confirm_extension"' not in past.get_data(as_text=True)

    done = visible_text(auth.post(f"{page}/utskick/forlangning", {**typed, "confirm_extension": "1"}, form_url=page,
                           follow_redirects=True).get_data(as_text=True))
    assert "Remisstiden är förlängd till 12 februari 2027 kl. 12.00." in done
    assert _state(session, rid) == ("2027-02-12", 2)
