"""walk12b finding 3: "Förläng remisstiden för alla" must not tell an instans with a longer anstånd that its
deadline is now earlier. An instans's deadline is the later of its anstånd and the general one; only those
whose deadline moves are told; the question before and the message after say who is and is not told."""
from __future__ import annotations

from datetime import date, time
from html import unescape

from sqlmodel import select

from remiss.outgoing.service import chasers, remisstid
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.outgoing.conftest import at, run_sweep, sent_to_kommunal_and_ungdom




def _flash(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(unescape(response.get_data(as_text=True)).split())


def _notices(db, remiss_id):
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                                     OutboxMessage.kind == remisstid.EXTENSION_KIND,
                                                                     # not the besked of one anstånd (walk24 V14)
                                                                     OutboxMessage.key.startswith("outgoing:extension:"))
                                        .order_by(OutboxMessage.id)).all()
    return [(r.recipient_email, r.payload) for r in rows]


def test_general_extension_leaves_a_longer_anstand_alone_and_says_so(app, db, session, clock, auth, client, smtp,
                                                                      runner):
    remiss_id, (kommunal, _) = sent_to_kommunal_and_ungdom(app, session, clock, auth)
    page = f"/remisser/{remiss_id}"
    run_sweep(runner, smtp, clock.now)  # the missiv e-mailed first: one still in the Utkorg is made anew (h-queue24)
    said = _flash(auth.post(f"{page}/utskick/instanser/{kommunal}",
                            {"action": "grant_extension", "until_on": "2027-01-08", "until_time": "15.00"},
                            follow_redirects=True))
    assert "Kommunal har fått anstånd till 8 januari 2027 kl. 15.00." in said

    # The question before "Förläng och meddela" names who is mailed and the anstånd that may keep Kommunal out.
    shown = _flash(client.get(page))
    assert ("Förlänga remisstiden för alla? Meddelandet läggs i utkorgen och e-postas inom några minuter till 1 "
            "remissinstans som inte har svarat: ungdom@example.se. Kommunal har anstånd till 8 januari 2027 kl. "
            "15.00 och får meddelandet bara om den nya svarsdagen ligger senare.") in shown

    said = _flash(auth.post(f"{page}/utskick/forlangning",
                            {"until_on": "2027-01-04", "until_time": "12.00", "reason": "Flera har bett om mer tid.",
                             "confirm_extension": "1"},
                            form_url=page, follow_redirects=True))
    # Old code: "… till 2 remissinstanser med e-post." and a mail telling Kommunal its deadline is 4 January.
    assert ("Remisstiden är förlängd till 4 januari 2027 kl. 12.00. Meddelandet läggs i utkorgen och e-postas inom "
            "några minuter till 1 remissinstans. Kommunal (till 8 januari 2027 kl. 15.00) har redan ett längre "
            "anstånd och får inget meddelande: dess svarsdag ändras inte.") in said
    assert [to for to, _ in _notices(db, remiss_id)] == ["ungdom@example.se"]
    mailed = run_sweep(runner, smtp, at(2026, 12, 5, 0, 31))
    # Kommunal gets the besked of its own anstånd (walk24 V14), not the general notice
    assert [(rcpts, m["Subject"].partition(" – ")[2].split(":")[0]) for rcpts, m in mailed
            if m["X-Remiss-Kind"] == remisstid.EXTENSION_KIND] == [(["kommunal@example.se"], "Anstånd"),
                                                                  (["ungdom@example.se"], "Förlängd remisstid")]
    assert "8 januari 2027 kl. 15.00" in said and "Anstånd: Kommunal: anstånd till 8 januari 2027 kl. 15.00" in said

    # Kommunal's chasers still follow its anstånd: none quotes 4 January.
    session.expire_all()
    entry = [e for e in remisser.entries(session, remiss_id) if e.id == kommunal][0]
    assert chasers.deadline_of(session.get(Remiss, remiss_id), entry) == (date(2027, 1, 8), time(15, 0))
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == chasers.KIND,
                                                    OutboxMessage.recipient_email == "kommunal@example.se",
                                                    OutboxMessage.status == "pending")).all()
    assert rows and all("8 januari 2027 kl. 15.00" in r.payload and "4 januari" not in r.payload for r in rows)
    session.rollback()

    # A later general extension runs past the anstånd: now Kommunal is told, from its own deadline.
    said = _flash(auth.post(f"{page}/utskick/forlangning", {"until_on": "2027-01-11", "until_time": "12.00",
                                                                  "confirm_extension": "1"},
                            form_url=page, follow_redirects=True))
    assert "Meddelandet läggs i utkorgen och e-postas inom några minuter till 2 remissinstanser." in said
    assert "längre anstånd" not in said.split("förlängd till 11 januari")[1][:300]
    to_kommunal = [p for to, p in _notices(db, remiss_id) if to == "kommunal@example.se"]
    assert len(to_kommunal) == 1
    assert "senast 8 januari 2027 kl. 15.00" in to_kommunal[0] and "förlängs till 11 januari 2027 kl. 12.00" in \
        to_kommunal[0]
    assert "Anstånd: Kommunal" not in said  # the anstånd no longer sets its deadline
