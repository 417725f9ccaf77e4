"""walk24 V14: "Bevilja anstånd" for one instans put nothing in the Utkorg, yet the flash "Lunds kommun har fått
anstånd till 9 april 2027." read as if Lund had been told. The besked is now e-mailed to an instans with e-post,
as "Förläng remisstiden för alla" does for everyone, and the flash and the history say so; without e-post they
say plainly that nothing is sent."""
from __future__ import annotations

from datetime import date, time
from html import unescape

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import remisstid, sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk12b_extension import at
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(app, session, clock, auth):
    clock.set(at(2026, 12, 5, 0, 30))
    namnd = make_namnd(session, name="Kommunstyrelsen")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 0, 20),
                         deadline_on=date(2027, 3, 1), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Lunds kommun", "registrator@lund.example"),
                                    SandlistaItem("Pensionärsrådet", "")])
    for entry in remisser.entries(session, remiss.id):
        if not entry.email:
            entry.postal_address, entry.own_address = "Box 1\n211 00 Malmö", True  # a letter by post
            session.add(entry)
    session.flush()
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 0, 25), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    auth.login(user.email)
    ids = {e.name: e.id for e in remisser.entries(session, remiss.id)}
    remiss_id = remiss.id
    session.rollback()
    return remiss_id, ids


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(unescape(response.get_data(as_text=True)).split())


def test_an_anstand_is_mailed_to_the_instans_and_the_flash_and_history_say_so(app, db, session, clock, auth, client,
                                                                              smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))  # the missiv goes out
    said = _text(auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}",
                           {"action": "grant_extension", "until_on": "2027-04-09", "until_time": "",
                            "reason": "Lund behöver mer tid"}, follow_redirects=True))
    # Old code: only "Lunds kommun har fått anstånd till 9 april 2027." and nothing in the Utkorg.
    assert ("Lunds kommun har fått anstånd till 9 april 2027. Beskedet läggs i utkorgen och e-postas inom några "
            "minuter till registrator@lund.example.") in said, said
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                                     OutboxMessage.kind == remisstid.EXTENSION_KIND)
                                        ).all()
    assert [r.recipient_email for r in rows] == ["registrator@lund.example"]
    shown = _text(client.get(f"/remisser/{remiss_id}"))
    assert "Lunds kommun; beskedet om anståndet lades i utkorgen för e-post till registrator@lund.example" in shown

    [(rcpts, mail)] = run_sweep(runner, smtp, at(2026, 12, 5, 0, 50))
    assert rcpts == ["registrator@lund.example"]
    body = " ".join(mail.get_body(("plain",)).get_content().split())
    assert ("Svaret skulle vara Kommunstyrelsen tillhanda senast 1 mars 2027 kl. 12.00. Lunds kommun har fått "
            "anstånd: svaret ska vara Kommunstyrelsen tillhanda senast 9 april 2027.") in body, body
    assert mail["Subject"].partition(" – ")[2].startswith("Anstånd: ")


def test_an_anstand_for_an_instans_without_e_post_says_nothing_is_sent(app, db, session, clock, auth, client):
    remiss_id, ids = _world(app, session, clock, auth)
    said = _text(auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Pensionärsrådet']}",
                           {"action": "grant_extension", "until_on": "2027-04-09", "until_time": ""},
                           follow_redirects=True))
    assert ("Pensionärsrådet har fått anstånd till 9 april 2027. Inget besked skickas: Pensionärsrådet har ingen "
            "e-postadress, så meddela instansen själv.") in said, said
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                                     OutboxMessage.kind == remisstid.EXTENSION_KIND)
                                        ).all()
    assert rows == []
    shown = _text(client.get(f"/remisser/{remiss_id}"))
    assert ("Pensionärsrådet; inget besked skickades: Pensionärsrådet har ingen e-postadress, så meddela instansen "
            "själv") in shown
