"""walk32 finding 6: merging an extension notice into a registered remiss left its empty fields empty though the
notice gives them (the remittent's diarienummer, the answer address, the contact person). Now the EMPTY ones are
filled from the notice – never one with a value – and the flash and the history say which."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, timezone
from email.message import EmailMessage

from remiss.intake.models import InboxMessage
from remiss.remisser.models import Remiss
from tests.intake.test_walk12_view import receive
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_remiss

POLLED = datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc)
NOTICE = """Hej,

Remiss av promemorian Skärpta straff för vapenbrott

Justitiedepartementet har förlängt remisstiden. Remissvaren ska i stället ha kommit in till Justitiedepartementet \
senast den 30 april 2027. Svaren lämnas per e-post till ju.remissvar@regeringskansliet.se. Ange diarienummer \
Ju2026/04567 i ämnesraden.

Frågor om remissen besvaras av Per Ek, per.ek@regeringskansliet.se.

Med vänlig hälsning
Per Ek
Justitiedepartementet
"""


def notice(message_id: str) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Förlängd remisstid – Skärpta straff för vapenbrott (Ju2026/04567)"
    message["From"], message["To"] = "Per Ek <per.ek@regeringskansliet.se>", "ks@malmo.se"
    message["Date"], message["Message-ID"] = "Fri, 04 Dec 2026 09:00:00 +0100", message_id
    message.set_content(NOTICE)
    return bytes(message)


def merge(client, auth, db, app, session, clock, **given):
    clock.set(POLLED)
    namnd = world(session)
    remiss = make_remiss(session, namnd=namnd, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", deadline_on=date(2027, 3, 29), **given)
    session.commit()
    message_id = receive(db, app, notice(f"<notice-{len(given)}@walk32>"), now=POLLED)
    with db.transaction() as s:
        read = s.get(InboxMessage, message_id).form_values
    url = f"/inkorg/{message_id}"
    auth.login("sekr@malmo.se")
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id, "extend": "1"}, form_url=url,
                         follow_redirects=True)
    assert response.status_code == 200
    with db.transaction() as s:
        stored = s.get(Remiss, remiss.id)
        s.expunge(stored)
    return read, html.unescape(re.sub(r"\s+", " ", response.get_data(as_text=True))), stored


def test_the_notice_fills_the_empty_fields_and_says_which(client, auth, db, app, session, clock):
    read, page, stored = merge(client, auth, db, app, session, clock, sender_dnr="")
    assert "Ju2026/04567" in read and "ju.remissvar@regeringskansliet.se" in read, read
    assert stored.sender_dnr == "Ju2026/04567"
    assert stored.answer_email == "ju.remissvar@regeringskansliet.se"
    assert stored.contact_person == "Per Ek"
    assert ("Tomma fält ifyllda från meddelandet: Remittentens diarienummer, Svar till e-post och Kontaktperson hos "
            "remittenten.") in page
    assert "Ändrad" in page  # the history's line of the change, as for Ändra uppgifter
    assert "Förlängningen till 30 april 2027" in page  # the extension as before


def test_a_field_with_a_value_is_never_overwritten(client, auth, db, app, session, clock):
    read, page, stored = merge(client, auth, db, app, session, clock, sender_dnr="Ju2026/00001",
                               answer_email="registrator@regeringskansliet.se", contact_person="Anna Lind")
    assert stored.sender_dnr == "Ju2026/00001"
    assert stored.answer_email == "registrator@regeringskansliet.se" and stored.contact_person == "Anna Lind"
    assert "ifyll" not in page


def test_merge_returns_the_files_added_and_the_fields_filled(db, app, session, clock):
    """Review (session 33): the labels came back through an out-parameter list; the merge returns them."""
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import User
    from remiss.intake.service import inbox

    clock.set(POLLED)
    namnd = world(session)
    remiss = make_remiss(session, namnd=namnd, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", deadline_on=date(2027, 3, 29), sender_dnr="")
    session.commit()
    message_id = receive(db, app, notice("<notice-returned@walk32>"), now=POLLED)
    with db.transaction() as s:
        user = s.exec(select(User).where(User.email == "sekr@malmo.se")).one()
        merged = inbox.merge(s, now=POLLED, principal=Principal.of(s, user), message=s.get(InboxMessage, message_id),
                             remiss=s.get(Remiss, remiss.id), extend=True, files_dir=app.config["FILES_DIR"],
                             max_bytes=app.config["UPLOAD_MAX_BYTES"])
        assert merged.filled == ["Remittentens diarienummer", "Svar till e-post", "Kontaktperson hos remittenten"]
        assert [a.filename for a in merged.added] and all(a.remiss_id == remiss.id for a in merged.added)


def test_a_pasted_notice_fills_the_empty_fields_as_the_inkorg_does(client, auth, db, session, clock):
    """Session 33 finding 5: the same notice pasted on Registrera från missivet and merged into the remiss left its
    empty fields empty, where the Inkorg's merge fills them; both use fill_empty_fields now and say which."""
    from tests.intake.test_paste_seed000 import paste

    clock.set(POLLED)
    namnd = world(session)
    remiss = make_remiss(session, namnd=namnd, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", deadline_on=date(2027, 3, 29), sender_dnr="",
                         contact_person="Anna Lind")
    session.commit()
    auth.login("sekr@malmo.se")
    form_url = paste(auth, NOTICE).headers["Location"]
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": remiss.id, "extend": "1"},
                         form_url=form_url, follow_redirects=True)
    assert response.status_code == 200
    page = html.unescape(re.sub(r"\s+", " ", response.get_data(as_text=True)))
    with db.transaction() as s:
        stored = s.get(Remiss, remiss.id)
        assert stored.sender_dnr == "Ju2026/04567"
        assert stored.answer_email == "ju.remissvar@regeringskansliet.se"
        assert stored.contact_person == "Anna Lind"  # a field with a value is never overwritten
    assert "Tomma fält ifyllda från brevet: Remittentens diarienummer och Svar till e-post." in page, \
        page[page.find("Förlängningen"):][:400]
    assert "Förlängningen till 30 april 2027" in page
