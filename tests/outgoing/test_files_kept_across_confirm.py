"""walk10 leftover: registering an answer with files, dated before the utskick, asks "Datumet stämmer" first, and
the chosen files were lost when the form came back with the question. They are now kept on the server (signed to
the user and the form) and shown as "Vald fil: x.pdf (…, behålls)"; confirming stores them, byte for byte."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone
from html import unescape
from pathlib import Path

from sqlmodel import select

from remiss import files
from remiss.auth.models import Role
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment, Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)
SENT = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
PDF = b"%PDF-1.4\n% svaret fran Trafiknamnden\n"
DOCX_LIKE = b"%PDF-1.4\n% bilaga\n"


def _world(session, clock, auth, *, second_user=False):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    other = make_user(session, role=Role.registrator, namnder=[namnd]) if second_user else None
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 15),
                         deadline_time=None, sandlista=[SandlistaItem("Trafiknämnden", "trafik@example.se", "")])
    remiss.status, remiss.sent_at = "skickad", SENT
    entry = remisser.entries(session, remiss.id)[0]
    entry.sent_at, entry.delivery = SENT, "epost"
    session.add_all([remiss, entry])
    session.commit()
    auth.login(user.email)
    ids = remiss.id, entry.id, (other.email if other else None)
    session.rollback()
    return ids


def _early_answer(auth, url, **extra):
    data = {"action": "answer", "answered_on": "2026-11-30", "summary": "Vi tillstyrker.",
            "files": [(io.BytesIO(PDF), "svar.pdf"), (io.BytesIO(DOCX_LIKE), "bilaga.pdf")]}
    data.update(extra)
    return auth.post(url, data, content_type="multipart/form-data")


def _held(html: str) -> tuple[str, list[str]]:
    token = re.search(r'name="held_token" value="([^"]+)"', html).group(1)
    return token, re.findall(r'name="keep_held" value="([^"]+)" checked', html)


def _answers(session, entry_id):
    session.expire_all()
    found = [(a.filename, a.storage_key) for a in session.exec(
        select(Attachment).where(Attachment.sandlista_entry_id == entry_id).order_by(Attachment.id))]
    session.rollback()  # end the read, so the next request can write (SQLite has one writer)
    return found


def test_files_chosen_before_the_date_question_are_kept_and_stored_on_confirm(session, client, auth, clock, app):
    remiss_id, entry_id, _ = _world(session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{entry_id}"
    asked = _early_answer(auth, url)
    html = unescape(asked.get_data(as_text=True))
    assert asked.status_code == 400
    assert "Svaret är daterat 30 november 2026, före utskicket 3 december 2026" in html
    assert "Vald fil: svar.pdf (" in html and "Vald fil: bilaga.pdf (" in html and "behålls)" in html
    assert "Välj svarsfilerna igen" not in html
    assert _answers(session, entry_id) == []  # nothing stored before the answer is confirmed
    token, keys = _held(html)
    assert len(keys) == 2
    # confirm without choosing anything again: the browser sends no file this time
    done = auth.post(url, {"action": "answer", "answered_on": "2026-11-30", "summary": "Vi tillstyrker.",
                           "confirm_date": "1", "held_token": token, "keep_held": keys}, form_url=url)
    assert done.status_code == 302
    stored = _answers(session, entry_id)
    assert [name for name, _ in stored] == ["svar.pdf", "bilaga.pdf"]
    root = app.config["FILES_DIR"]
    assert files.path_of(root, stored[0][1]).read_bytes() == PDF
    assert files.path_of(root, stored[1][1]).read_bytes() == DOCX_LIKE
    assert not any(files.path_of(root, key).exists() for key in keys)  # the held copies are gone
    assert remisser.entries(session, remiss_id)[0].answer_status == "svarat"
    session.rollback()


def test_an_unticked_file_is_left_out_and_a_new_one_joins(session, client, auth, clock):
    remiss_id, entry_id, _ = _world(session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{entry_id}"
    token, keys = _held(unescape(_early_answer(auth, url).get_data(as_text=True)))
    done = auth.post(url, {"action": "answer", "answered_on": "2026-11-30", "summary": "Vi tillstyrker.",
                           "confirm_date": "1", "held_token": token, "keep_held": keys[:1],
                           "files": [(io.BytesIO(b"%PDF-1.4\n% ny\n"), "ny.pdf")]},
                     form_url=url, content_type="multipart/form-data")
    assert done.status_code == 302
    assert [name for name, _ in _answers(session, entry_id)] == ["svar.pdf", "ny.pdf"]


def test_a_refused_file_is_not_kept_but_the_others_are(session, client, auth, clock):
    remiss_id, entry_id, _ = _world(session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{entry_id}"
    back = _early_answer(auth, url, files=[(io.BytesIO(PDF), "svar.pdf"), (io.BytesIO(b"bara text"), "fake.pdf")])
    html = unescape(back.get_data(as_text=True))
    assert back.status_code == 400
    assert "fake.pdf är ingen PDF-fil" in html
    assert "Vald fil: svar.pdf (" in html and "Vald fil: fake.pdf" not in html


def test_a_token_is_bound_to_its_user_and_its_form(session, client, auth, clock):
    remiss_id, entry_id, other = _world(session, clock, auth, second_user=True)
    url = f"/remisser/{remiss_id}/utskick/instanser/{entry_id}"
    token, keys = _held(unescape(_early_answer(auth, url).get_data(as_text=True)))
    auth.logout()
    auth.login(other)
    sent = auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Annan.",
                           "held_token": token, "keep_held": keys}, form_url=url)
    assert sent.status_code == 302
    assert _answers(session, entry_id) == []  # another user's token brings no file
    forged = auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Annan.",
                             "held_token": token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"), "keep_held": keys}, form_url=url)
    assert forged.status_code == 302 and _answers(session, entry_id) == []


def test_remisshandlingar_chosen_before_the_past_svarsdag_question_are_kept(session, client, auth, clock, app):
    """The same on "Ny utgående remiss": correcting a passed svarsdag used to ask for the files again."""
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    auth.login(user.email)
    namnd_id = namnd.id
    session.rollback()
    form = {"title": "Trafikplan för Öster", "namnd_id": str(namnd_id), "deadline_on": "2026-11-01",
            "new_instanser": "Trafiknämnden; trafik@example.se"}
    asked = auth.post("/remisser/ny-utgaende", dict(form, files=[(io.BytesIO(PDF), "Trafikplan.pdf")]),
                      content_type="multipart/form-data")
    html = unescape(asked.get_data(as_text=True))
    assert asked.status_code == 400 and "Sista svarsdagen 1 november 2026 har redan passerat" in html
    assert "Vald fil: Trafikplan.pdf (" in html and "Välj remisshandlingarna igen" not in html
    token, keys = _held(html)
    done = auth.post("/remisser/ny-utgaende", dict(form, deadline_on="2027-01-29", held_token=token,
                                                   keep_held=keys), form_url="/remisser/ny-utgaende")
    assert done.status_code == 302
    session.expire_all()
    remiss = session.exec(select(Remiss).where(Remiss.title == "Trafikplan för Öster")).one()
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == remiss.id)).all()
    assert [(a.filename, a.purpose) for a in kept] == [("Trafikplan.pdf", "remisshandling")]
    assert files.path_of(app.config["FILES_DIR"], kept[0].storage_key).read_bytes() == PDF
    session.rollback()
