"""walk12b #9: GET /api/v1/remisser/<id> offers no receiving-side yttrande for an utgående remiss; it says where
the answers stand (sandlista_status) and what became of the sammanställning (sammanstallning) instead."""
from __future__ import annotations

from datetime import date, datetime

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.drafting.models import YttrandeDraft
from remiss.outgoing.service import answers, lifecycle, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from sqlmodel import select
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()


def at(d, hh=9) -> datetime:
    return datetime(2026, 12, d, hh, 0, tzinfo=STOCKHOLM)


def test_an_outgoing_remiss_has_no_yttrande_but_its_sammanstallning(session, client, auth, app, clock):
    clock.set(at(8))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.granskare, namnder=[namnd])
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", now=at(1), deadline_on=date(2026, 12, 18),
                           deadline_time=None, questions=["Fråga ett?"],
                           sandlista=[SandlistaItem("Miljönämnden", "miljo@example.se", ""),
                                      SandlistaItem("Pensionärsrådet", "pension@example.se", "")])
    incoming = make_remiss(session, namnd=namnd, now=at(1), deadline_on=date(2027, 1, 18), questions=["Fråga?"])
    files_dir = app.config["FILES_DIR"]
    with app.app_context():
        sending.send(session, now=at(5), principal=SYSTEM, remiss=outgoing, files_dir=files_dir, base_url="")
    miljo, pension = remisser.entries(session, outgoing.id)
    answers.register_answer(session, now=at(7), principal=SYSTEM, remiss=outgoing, entry=miljo,
                            data=AnswerData(date(2026, 12, 7), summary="Vi tillstyrker."),
                            files_dir=files_dir, max_bytes=1)
    session.commit()
    auth.login(user.email)

    body = client.get(f"/api/v1/remisser/{outgoing.id}").get_json()
    assert body["yttrande"] is None  # Kommunstyrelsen is the remittent: no yttrande to write
    assert body["sandlista_status"]["answered"] == 1
    assert body["sammanstallning"] == {"compiled": False, "file_id": None, "filename": None, "made_at": None,
                                       "out_of_date": False, "changed_since": [], "questions_changed": False,
                                       "changed_parts": [], "anstand_since": [], "sent_since": [],
                                       "message": ""}
    assert session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == outgoing.id)).first() is None

    with app.app_context():
        kept = lifecycle.compile_answers(session, now=at(8), principal=SYSTEM, remiss=outgoing, files_dir=files_dir)
    answers.register_answer(session, now=at(8, 10), principal=SYSTEM, remiss=outgoing, entry=pension,
                            data=AnswerData(date(2026, 12, 8), summary="Fler bänkar."),
                            files_dir=files_dir, max_bytes=1)
    session.commit()
    part = client.get(f"/api/v1/remisser/{outgoing.id}").get_json()["sammanstallning"]
    assert (part["compiled"], part["file_id"], part["out_of_date"], part["changed_since"]) == (
        True, kept.id, True, ["Pensionärsrådet"])
    assert part["message"] == "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen."

    other = client.get(f"/api/v1/remisser/{incoming.id}").get_json()
    assert other["yttrande"]["state"] == "utkast" and other["sammanstallning"] is None
    assert other["sandlista_status"] is None


def test_no_yttrande_can_be_saved_on_an_outgoing_remiss(session, client, auth, app, clock):
    from tests.conftest import csrf_token

    clock.set(at(8))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", now=at(1), deadline_on=date(2026, 12, 18),
                           sandlista=[SandlistaItem("Miljönämnden", "miljo@example.se", "")])
    remiss_id = outgoing.id
    session.commit()
    auth.login(user.email)
    headers = {"X-CSRFToken": csrf_token(client, "/")}
    saved = client.put(f"/api/v1/remisser/{remiss_id}/yttrande", json={"sammanfattning": "Text"}, headers=headers)
    assert saved.status_code == 409, saved.get_json()
    assert "vi är remittenten och skriver inget yttrande" in saved.get_json()["error"]
    moved = client.post(f"/api/v1/remisser/{remiss_id}/yttrande/state", json={"state": "granskning"},
                        headers=headers)
    assert moved.status_code == 409
    session.expire_all()
    assert session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == remiss_id)).first() is None
