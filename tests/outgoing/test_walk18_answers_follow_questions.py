"""walk18 F11: editing an utgående remiss's frågeställningar after instanser have answered them. A typo fixed in a
question and a new order keep every registered answer with its question (they were all deleted); removing a
question that has registered answers is refused with a message that says how many would be lost."""
from __future__ import annotations

from datetime import date, datetime
from html import unescape

from sqlmodel import func, select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.models import SandlistaAnswer
from remiss.outgoing.service import sending
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user

SENT = datetime(2026, 12, 5, 9, 0, tzinfo=STOCKHOLM)
A, B, C = "Fråga A om kultur?", "Fråga B om ekonomi?", "Ny fråga C om miljö?"


def _answered_remiss(session, app, auth, clock) -> int:
    """An utgående remiss sent to two instanser: Pensionärsrådet answered A, B and C, Funktionshinderrådet A and B,
    registered on their pages."""
    clock.set(SENT)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=SENT, title="Remiss om parkeringsnorm",
                         deadline_on=date(2026, 12, 18), deadline_time=None, questions=[A, B, C],
                         sandlista=[SandlistaItem("Pensionärsrådet", "pr@malmo.example", ""),
                                    SandlistaItem("Funktionshinderrådet", "fh@malmo.example", "")])
    with app.app_context():
        sending.send(session, now=SENT, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    rid = remiss.id
    qid = {q.text: q.id for q in remisser.questions_of(session, rid)}
    entries = [e.id for e in remisser.entries(session, rid)]
    session.commit()
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=STOCKHOLM))
    auth.login(user.email)
    for entry_id, who, asked in ((entries[0], "PR", (A, B, C)), (entries[1], "FH", (A, B))):
        url = f"/remisser/{rid}/utskick/instanser/{entry_id}"
        data = {"action": "answer", "answered_on": "2026-12-07", "summary": f"{who} tycker till."}
        data.update({f"q_{qid[q]}": f"{who} svarar på {q[:7]}." for q in asked})
        assert auth.post(url, data, form_url=url).status_code == 302
    return rid


def _answers(session, rid: int) -> dict[str, list[str]]:
    """The registered answers by the text of their question."""
    session.expire_all()
    qs = remisser.questions_of(session, rid)
    rows = session.exec(select(SandlistaAnswer).where(SandlistaAnswer.question_id.in_([q.id for q in qs]))).all()
    found = {q.text: sorted(a.text for a in rows if a.question_id == q.id) for q in qs}
    session.rollback()
    return found


def test_answers_follow_a_typo_fixed_and_reordered_question_and_a_removal_is_refused(session, app, auth, client,
                                                                                    clock):
    rid = _answered_remiss(session, app, auth, clock)
    fixed_c = "Ny fråga C om miljön?"
    url = f"/remisser/{rid}/andra"
    done = auth.post(url, {"questions": "\n".join([B, fixed_c, A])}, form_url=url, follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert done.status_code == 200, said
    # Old code: every answer of every instans was deleted ({} for all three questions), and nothing was said.
    assert _answers(session, rid) == {B: ["FH svarar på Fråga B.", "PR svarar på Fråga B."],
                                      fixed_c: ["PR svarar på Ny fråg."],
                                      A: ["FH svarar på Fråga A.", "PR svarar på Fråga A."]}
    assert ("Ändringarna är sparade. 5 registrerade svar från de 2 remissinstanserna följde med sina frågor." in said)
    entry = unescape(client.get(f"/remisser/{rid}/utskick/instanser/"
                                f"{remisser.entries(session, rid)[0].id}").get_data(as_text=True))
    session.rollback()
    assert entry.index(f"1. {B}") < entry.index("PR svarar på Fråga B.") < entry.index(f"2. {fixed_c}") \
        < entry.index("PR svarar på Ny fråg.") < entry.index(f"3. {A}") < entry.index("PR svarar på Fråga A.")
    history = " ".join(unescape(client.get(f"/remisser/{rid}").get_data(as_text=True)).split())
    assert "5 registrerade svar från de 2 remissinstanserna följde med sina frågor." in history

    # removing A (answered by both) is refused, and says how many answers would be lost
    refused = auth.post(url, {"questions": "\n".join([B, fixed_c])}, form_url=url)
    page = " ".join(unescape(refused.get_data(as_text=True)).split())
    assert refused.status_code == 400
    assert ("2 registrerade svar från de 2 remissinstanserna hör till frågan ”Fråga A om kultur?”, som inte finns kvar i "
            "den nya listan. Svaren skulle försvinna, så frågeställningarna är inte ändrade.") in page
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    api = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"questions": [B, fixed_c]})
    assert api.status_code == 400
    assert api.get_json()["errors"]["questions"].startswith("2 registrerade svar från de 2 remissinstanserna hör till")
    assert sum(len(texts) for texts in _answers(session, rid).values()) == 5
    assert [q.text for q in remisser.questions_of(session, rid)] == [B, fixed_c, A]
    session.rollback()
    # a question nobody answered can go
    done = auth.post(url, {"questions": "\n".join([B, fixed_c, A, "Fråga D?"])}, form_url=url)
    assert done.status_code == 302
    done = auth.post(url, {"questions": "\n".join([B, fixed_c, A])}, form_url=url)
    assert done.status_code == 302
    session.expire_all()
    assert session.exec(select(func.count()).select_from(SandlistaAnswer)).one() == 5
