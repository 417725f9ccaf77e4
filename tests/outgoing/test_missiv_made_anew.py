"""walk10 finding 11 ("Also"): after "Skapa missivet på nytt", and when sending makes a stale missiv anew, the
Handlingar list showed "Missiv SOFÖ 2026-0006.docx" twice with the same time. The older missiv stays kept for the
record but is marked "ersatt <när>", the newest "gällande"; every link to "the missiv" gives the one in force."""
from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, timedelta, timezone
from html import unescape

from docx import Document
from sqlmodel import select

from remiss.auth.models import Role
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment, Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 17, 42, tzinfo=timezone.utc)  # 18.42 in Stockholm


def _world(session, clock, auth):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 15),
                         deadline_time=None, title="Trafikplan 2027",
                         sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", "")])
    session.commit()
    auth.login(user.email)
    remiss_id = remiss.id
    session.rollback()
    return remiss_id


def _missivs(session, remiss_id):
    session.expire_all()
    return session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id, Attachment.purpose == "missiv")
                        .order_by(Attachment.id)).all()


def _listed(html: str) -> list[str]:
    """The Handlingar section's lines, as text."""
    part = html[html.index('id="h-handlingar"'):]
    part = part[:part.index("</section>")]
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", li)).split()).replace(" )", ")")
            for li in re.findall(r"<li>(.*?)</li>", part, re.S)]


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _retitle(session, remiss_id, title, moment):
    remiss = session.get(Remiss, remiss_id)
    remiss.title, remiss.updated_at = title, moment
    session.add(remiss)
    session.commit()
    session.rollback()


def test_the_missiv_made_anew_is_marked_in_force_and_the_old_one_replaced(session, client, auth, clock):
    remiss_id = _world(session, clock, auth)
    page = f"/remisser/{remiss_id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    _retitle(session, remiss_id, "Trafikplan 2027, reviderad", TODAY)
    # made anew in the same minute, as in the walk: the times alone cannot tell them apart
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    old, new = _missivs(session, remiss_id)
    html = client.get(page).get_data(as_text=True)
    lines = [line for line in _listed(html) if " – missiv " in line]
    assert len(lines) == 2
    assert lines[0].endswith("missiv, ersatt 4 december 2026 kl. 18.42)")
    assert lines[1].endswith("missiv, gällande)")
    # the panel's link is the one in force, and its file is the one made after the change
    link = re.search(r'href="/filer/(\d+)" id="current-missiv"', html)
    assert link and int(link.group(1)) == new.id
    assert "gällande missiv, skapat 4 december 2026 kl. 18.42" in unescape(html)
    current = client.get(f"/filer/{new.id}")
    assert "Trafikplan 2027, reviderad" in _docx_text(current.data)
    kept = client.get(f"/filer/{old.id}")  # the old one is still there for the record
    assert kept.status_code == 200 and "reviderad" not in _docx_text(kept.data)
    history = unescape(client.get(page).get_data(as_text=True))
    assert "det ersätter missivet från 4 december 2026 kl. 18.42" in history


def test_sending_makes_a_stale_missiv_anew_and_mails_the_one_in_force(session, client, auth, clock):
    remiss_id = _world(session, clock, auth)
    page = f"/remisser/{remiss_id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    clock.advance(minutes=5)
    _retitle(session, remiss_id, "Trafikplan 2027, ny titel", clock())
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    old, new = _missivs(session, remiss_id)
    lines = [line for line in _listed(client.get(page).get_data(as_text=True)) if " – missiv " in line]
    assert lines[0].endswith("ersatt 4 december 2026 kl. 18.47)") and lines[1].endswith("gällande)")
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                    OutboxMessage.kind == "outgoing_missiv")).one()
    attached = json.loads(mail.payload)["attachments"] if isinstance(mail.payload, str) else mail.payload["attachments"]
    assert [a["storage_key"] for a in attached] == [new.storage_key]
    # the public page offers only the missiv in force
    html = unescape(client.get(page).get_data(as_text=True))
    offered = re.findall(r'id="p-(\d+)" name="attachment_ids"', html)
    assert str(new.id) in offered and str(old.id) not in offered


def test_a_missiv_made_once_has_no_note(session, client, auth, clock):
    remiss_id = _world(session, clock, auth)
    page = f"/remisser/{remiss_id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    lines = [line for line in _listed(client.get(page).get_data(as_text=True)) if " – missiv " in line]
    assert len(lines) == 1 and lines[0].endswith("missiv)")
