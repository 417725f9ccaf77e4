"""Skicka igen and Skicka alla igen in the Utkorg queued the mails again at once, with and without JavaScript;
a mail sent cannot be called back. They now ask first (remiss/web/asking.py): with JavaScript in the dialog, without
it beside the button. Skicka alla igen says how many mails and to whom ("1 misslyckat meddelande", "3 misslyckade
meddelanden"); nothing is queued until the box is ticked."""
from __future__ import annotations

import re

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import fast_user
from tests.support.factories import T0
from tests.support.asking import form_at, visible_text

ALL_REVIEW = ("Skicka 3 misslyckade meddelanden igen till ann@example.se och bo@example.se? De läggs tillbaka i "
              "utkorgen och skickas vid nästa svep. Det går inte att ångra.")
ALL_ASSIGNED = ("Skicka 1 misslyckat meddelande igen till cia@example.se? Det läggs tillbaka i utkorgen och skickas "
                "vid nästa svep. Det går inte att ångra.")
ONE = ("Skicka meddelandet ”Du har tilldelats en remiss” till cia@example.se igen? Det läggs tillbaka i utkorgen och "
       "skickas vid nästa svep. Det går inte att ångra.")


def _form(page: str, part: str) -> str:
    return form_at(page, f'id="{part}"')


def _failed(session) -> None:
    from remiss.reminders import outbox

    for n, (kind, email) in enumerate([("review", "ann@example.se"), ("review", "bo@example.se"),
                                       ("review", "ann@example.se"), ("assigned", "cia@example.se")]):
        outbox.enqueue(session, now=T0, key=f"failed:{n}", recipient_email=email, kind=kind, due_at=T0,
                       subject=f"{kind} {n}", payload={})
    session.flush()
    for row in session.exec(select(OutboxMessage)):
        row.status, row.attempts, row.last_error, row.claimed_at = "failed", 3, "SMTP 554: Relaying denied", T0
        session.add(row)
    session.commit()


def _statuses(session) -> dict[str, str]:
    rows = session.exec(select(OutboxMessage.key, OutboxMessage.status)).all()
    session.rollback()
    return dict(rows)


def test_skicka_alla_igen_says_how_many_and_to_whom_and_asks_first(client, auth, world, session):
    fast_user(session, role="admin", email="admin@example.se")
    _failed(session)
    auth.login("admin@example.se")
    page = "/admin/utkorg?kind=review"
    form = _form(client.get(page).get_data(as_text=True), "skicka-alla-igen")
    assert f'data-confirm="{ALL_REVIEW}" data-confirmed="confirm_resend_all"' in form  # the dialog, with JavaScript
    one = _form(client.get("/admin/utkorg?kind=assigned").get_data(as_text=True), "skicka-alla-igen")
    assert f'data-confirm="{ALL_ASSIGNED}"' in one

    refused = auth.post("/admin/utkorg/skicka-alla-igen", {"kind": "review", "back": page}, form_url=page)
    # Old code: "3 misslyckade meddelanden skickas igen vid nästa svep." at once
    assert refused.headers["Location"].endswith("/admin/utkorg?kind=review&skicka-alla-igen=fraga#skicka-alla-igen")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert ("Observera: Inga meddelanden är skickade igen. Läs frågan vid knappen och kryssa i ”Ja, skicka alla "
            "igen” om de ska skickas.") in visible_text(asked) and "Fel:" not in visible_text(asked)
    form = _form(asked, "skicka-alla-igen")
    assert f'<p id="q-confirm_resend_all">{ALL_REVIEW}</p>' in form and "data-confirm" not in form
    assert re.search(r'id="f-confirm_resend_all" name="confirm_resend_all" value="1"[^>]*> Ja, skicka alla igen'
                     r'</label>', form)
    assert set(_statuses(session).values()) == {"failed"}

    done = auth.post("/admin/utkorg/skicka-alla-igen", {"kind": "review", "back": page, "confirm_resend_all": "1"},
                     form_url=refused.headers["Location"])
    assert done.headers["Location"] == page
    assert "3 misslyckade meddelanden skickas igen vid nästa svep." in visible_text(client.get(page).get_data(as_text=True))
    assert _statuses(session) == {"failed:0": "pending", "failed:1": "pending", "failed:2": "pending",
                                  "failed:3": "failed"}


def test_skicka_igen_on_a_row_asks_first(client, auth, world, session):
    fast_user(session, role="admin", email="admin@example.se")
    _failed(session)
    row_id = session.exec(select(OutboxMessage.id).where(OutboxMessage.key == "failed:3")).one()
    session.rollback()
    auth.login("admin@example.se")
    page = "/admin/utkorg?status=failed"
    form = _form(client.get(page).get_data(as_text=True), f"skicka-igen-{row_id}")
    assert f'data-confirm="{ONE}" data-confirmed="confirm_resend"' in form  # the dialog, with JavaScript

    refused = auth.post(f"/admin/utkorg/{row_id}/skicka-igen", {"back": page}, form_url=page)
    # Old code: "Meddelandet skickas igen vid nästa svep." at once
    assert refused.headers["Location"].endswith(f"/admin/utkorg?status=failed&skicka-igen-{row_id}=fraga"
                                                f"#skicka-igen-{row_id}")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert ("Observera: Meddelandet till cia@example.se är inte skickat igen. Läs frågan vid knappen och kryssa i "
            "”Ja, skicka igen” om det ska skickas.") in visible_text(asked) and "Fel:" not in visible_text(asked)
    # on a row of its own under the mail's, as wide as the table (the button's column is narrow)
    assert re.search(rf'<tr class="asked-row"><td colspan="8">\s*<form[^>]*id="skicka-igen-{row_id}"', asked)
    form = _form(asked, f"skicka-igen-{row_id}")
    assert f'<p id="q-confirm_resend">{ONE}</p>' in form and "data-confirm" not in form
    assert 'name="back" value="/admin/utkorg?status=failed"' in form  # back to the list, not to the question
    assert _statuses(session)["failed:3"] == "failed"

    done = auth.post(f"/admin/utkorg/{row_id}/skicka-igen", {"back": page, "confirm_resend": "1"},
                     form_url=refused.headers["Location"], follow_redirects=True)
    assert "Meddelandet skickas igen vid nästa svep." in visible_text(done.get_data(as_text=True))
    assert _statuses(session)["failed:3"] == "pending"
    # sent again already (a second tab): refused, not asked
    again = auth.post(f"/admin/utkorg/{row_id}/skicka-igen", {"back": page}, form_url=page, follow_redirects=True)
    assert "Fel: Bara misslyckade meddelanden kan skickas igen." in visible_text(again.get_data(as_text=True))
    assert "är inte skickat igen" not in visible_text(again.get_data(as_text=True))
