"""walk9 findings 1 and 3: an outgoing remiss with a svarsdag that has passed is asked about at registration and
refused at "Skicka remissen"; an answer cannot be dated in the future, one dated before the utskick is asked
about, and the public page never shows an impossible date."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.auth.models import Role
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment, Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # Friday 4 December 2026, 16.40 in Stockholm


def _world(session, deadline=date(2026, 11, 1)):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=deadline, deadline_time=None,
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", ""),
                                    SandlistaItem("Miljönämnden", "miljo@example.se", "")])
    session.commit()
    return namnd, user, remiss


def test_registering_with_a_passed_svarsdag_asks_first(session, client, auth, clock):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    form = {"title": "Förslag till trafikplan för Öster", "namnd_id": str(namnd.id), "deadline_on": "2026-11-01",
            "new_instanser": "Trafiknämnden; trafik@example.se"}
    asked = auth.post("/remisser/ny-utgaende", form)
    page = unescape(asked.get_data(as_text=True))
    assert asked.status_code == 400
    assert "Sista svarsdagen har redan passerat" in page
    assert "ändra sista svarsdagen nedan till ett datum efter i dag" in page
    assert "Förslag till trafikplan för Öster" in page  # what was typed is kept
    assert session.exec(select(Remiss).where(Remiss.title == form["title"])).first() is None
    session.rollback()  # end the test's read, so the requests below can write (SQLite has one writer)
    today = auth.post("/remisser/ny-utgaende", dict(form, deadline_on="2026-12-04"))
    assert today.status_code == 400 and "Sista svarsdagen är i dag" in unescape(today.get_data(as_text=True))
    done = auth.post("/remisser/ny-utgaende", dict(form, confirm_past_deadline="1"))
    assert done.status_code == 302
    session.expire_all()
    assert session.exec(select(Remiss).where(Remiss.title == form["title"])).first() is not None


def test_sending_with_a_passed_svarsdag_is_refused_and_a_new_svarsdag_makes_a_new_missiv(session, client, auth,
                                                                                          clock, app):
    clock.set(TODAY)
    namnd, user, remiss = _world(session)
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "Sista svarsdagen 1 november 2026 har redan passerat" in shown
    assert 'action="/remisser/%d/utskick/skicka"' % remiss.id not in shown  # no button to press
    refused = auth.post(f"{page}/utskick/skicka", {}, form_url=page, follow_redirects=True)
    said = unescape(refused.get_data(as_text=True))
    assert "Remissen skickades inte: Sista svarsdagen 1 november 2026 har redan passerat" in said
    assert "Ändra sista svarsdagen under ”Ändra uppgifter” till ett datum efter i dag" in said
    session.expire_all()
    assert session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id)).all() == []
    assert session.get(Remiss, remiss.id).sent_at is None
    session.rollback()

    clock.advance(minutes=5)  # the sekreterare corrects the date; the missiv made earlier says 1 november
    fresh = session.get(Remiss, remiss.id)
    remisser.update(session, now=clock.now, principal=_principal(session, user), remiss=fresh,
                    changes={"deadline_on": date(2027, 1, 29)})
    session.commit()
    session.rollback()
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "ett nytt missiv skapas när remissen skickas" in shown
    assert auth.post(f"{page}/utskick/skicka", {}, form_url=page).status_code == 302
    session.expire_all()
    sent = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                    OutboxMessage.kind == "outgoing_missiv")).all()
    assert len(sent) == 2 and all("29 januari 2027" in m.payload for m in sent)
    missiv = session.exec(select(Attachment).where(Attachment.remiss_id == remiss.id, Attachment.purpose == "missiv")
                          .order_by(Attachment.id.desc())).first()
    from remiss import files
    text = "\n".join(p.text for p in Document(io.BytesIO(
        files.path_of(app.config["FILES_DIR"], missiv.storage_key).read_bytes())).paragraphs)
    assert "29 januari 2027" in text and "1 november 2026" not in text
    assert all(missiv.storage_key in m.payload for m in sent)  # the new missiv is the one attached


def _principal(session, user):
    from remiss.auth.access import Principal
    return Principal.of(session, user)
