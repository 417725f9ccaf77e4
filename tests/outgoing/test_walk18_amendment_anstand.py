"""walk18 F19: "Skicka ändringen" told an instans with a longer anstånd the general, earlier svarsdag. Each instans's
mail now states the svarsdag that applies to it (chasers.deadline_of), the one its reminders and its page use."""
from __future__ import annotations

from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_amendment import _text
from tests.outgoing.test_walk9_dates import _sent


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_amendment_mail_gives_an_instans_with_anstand_its_own_svarsdag(app, session, client, auth, clock, smtp,
                                                                          runner):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)  # svarsdag 29 januari 2027
    run_sweep(runner, smtp, clock.now)  # the first missiv goes out
    granted = _text(auth.post(f"{page}/utskick/instanser/{trafik}",
                              {"action": "grant_extension", "until_on": "2027-02-20", "until_time": ""},
                              follow_redirects=True))
    assert "Trafiknämnden har fått anstånd till 20 februari 2027." in granted, granted
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"questions": "Fråga ett\nFråga två (ny)"}, form_url=url).status_code == 302
    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page, follow_redirects=True))
    assert "Ändringen skickas" in done, done
    sent = {rcpts[0]: _body(m) for rcpts, m in run_sweep(runner, smtp, clock.now)
            if m["X-Remiss-Kind"] == "outgoing_amendment"}
    assert set(sent) == {"trafik@example.se", "miljo@example.se"}, sent
    assert ("tillhanda senast 20 februari 2027 enligt det anstånd ni har fått (missivet anger remissens allmänna "
            "svarsdag, 29 januari 2027)." in " ".join(sent["trafik@example.se"].split())), sent["trafik@example.se"]
    assert "tillhanda senast 29 januari 2027. Skicka" in " ".join(sent["miljo@example.se"].split())


def test_the_changed_missiv_by_post_gives_an_instans_with_anstand_its_own_svarsdag(session, client, auth, clock):
    import io

    from docx import Document
    from sqlmodel import select

    from remiss import files
    from remiss.remisser import service as remisser
    from remiss.remisser.models import Attachment
    from tests.outgoing.test_walk12b_enclosed import _sent as _sent_by_post

    _sent_by_post(session, client, auth, clock, with_handling=False)  # svarsdag 8 januari 2027; Pensionärsrådet by post
    [remiss_id] = {e.remiss_id for e in session.exec(select(Attachment).where(Attachment.purpose == "brev"))}
    pension = remisser.entries(session, remiss_id)[1].id
    session.rollback()
    page = f"/remisser/{remiss_id}"
    granted = _text(auth.post(f"{page}/utskick/instanser/{pension}",
                              {"action": "grant_extension", "until_on": "2027-01-22", "until_time": ""},
                              follow_redirects=True))
    assert "Pensionärsrådet har fått anstånd till 22 januari 2027." in granted, granted
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"questions": "Vad tycker ni?\nVad saknas?"}, form_url=url).status_code == 302
    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page, follow_redirects=True))
    assert "Pensionärsrådet ska få det per post" in done, done
    newest = session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id, Attachment.purpose == "brev")
                          .order_by(Attachment.id.desc())).first()
    data = files.path_of(client.application.config["FILES_DIR"], newest.storage_key).read_bytes()
    letter = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert ("Till Pensionärsrådet: svaret ska vara Kommunstyrelsen tillhanda senast 22 januari 2027 enligt det anstånd "
            "ni har fått (missivet anger remissens allmänna svarsdag, 8 januari 2027).") in letter, letter
    session.rollback()
