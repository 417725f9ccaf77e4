"""After the svarstid: when every instans has answered (late), Nästa steg says to compile, not to remind (walk16
#12); an answer after the sammanställning makes Att göra say "sammanställ igen", as the page does (truth16 F16)."""
from __future__ import annotations

from datetime import date, datetime, time

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import answers, lifecycle, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _answer(session, app, remiss, entry, day):
    answers.register_answer(session, now=at(*day), principal=SYSTEM, remiss=remiss, entry=entry,
                            data=AnswerData(date(*day), summary="Svar."), files_dir=app.config["FILES_DIR"],
                            max_bytes=1)


def test_all_answered_late_then_one_after_the_sammanstallning(session, app, client, auth, clock):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@malmo.se")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2027, 3, 15), title="Parkeringsnorm",
                         deadline_on=date(2027, 4, 16), deadline_time=time(12, 0), questions=["Fråga?"],
                         handlaggare_id=user.id,
                         sandlista=[SandlistaItem("Norr", "norr@example.se", ""),
                                    SandlistaItem("Söder", "soder@example.se", ""),
                                    SandlistaItem("Väster", "vaster@example.se", "")])
    with app.app_context():
        sending.send(session, now=at(2027, 3, 16), principal=SYSTEM, remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    norr, soder, vaster = remisser.entries(session, remiss.id)
    lifecycle.sync_deadline(session, now=at(2027, 4, 20), remiss=remiss)
    _answer(session, app, remiss, norr, (2027, 4, 20))
    _answer(session, app, remiss, soder, (2027, 4, 20))
    answers.decline(session, now=at(2027, 4, 20), principal=SYSTEM, remiss=remiss, entry=vaster,
                    answered_on=date(2027, 4, 20))
    session.commit()
    auth.login("h@malmo.se")
    clock.set(at(2027, 4, 20, 10))
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Alla har svarat: sammanställ svaren." in page
    assert "påminn dem som inte har svarat" not in page

    # compiled; then the avstår turns out to be an answer, registered after the sammanställning
    with app.app_context():
        lifecycle.compile_answers(session, now=at(2027, 4, 22), principal=SYSTEM, remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    answers.reopen(session, now=at(2027, 4, 27), principal=SYSTEM, remiss=remiss, entry=vaster)
    _answer(session, app, remiss, vaster, (2027, 4, 27))
    session.commit()
    clock.set(at(2027, 4, 27, 10))
    assert "sammanställ igen" in client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    start = client.get("/").get_data(as_text=True)
    assert "Parkeringsnorm" in start
    assert "svaren är sammanställda" not in start
    assert "ett svar har kommit in efter sammanställningen – sammanställ igen" in start
