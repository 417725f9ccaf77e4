"""walk18 F7, left over: a mail in the outbox that only carries its text in the payload (a kind no capability composes)
closed with "Öppna remissen" also when it was about a medborgarförslag. It names the ärende by its kind
(remisser.kind_words), as every other mail about it does."""
from __future__ import annotations

from remiss.reminders import outbox
from tests.reminders.test_events import sweep
from tests.reminders.test_mail_cli import eml_files, read
from tests.support.factories import T0, make_remiss


def test_a_payload_mail_names_a_medborgarforslag_arendet(app, runner, world, session):
    forslag = make_remiss(session, namnd=world.namnd, title="Medborgarförslag om en skatepark",
                          kind="medborgarforslag")
    for n, (remiss, to) in enumerate(((forslag, "m@example.se"), (world.remiss, "r@example.se"))):
        outbox.enqueue(session, now=T0, key=f"payload:{n}", recipient_email=to, kind="unknown_kind", due_at=T0,
                       subject="", payload={"subject": "Meddelande", "text": "Ett stycke."}, remiss_id=remiss.id)
    session.commit()
    sweep(session, runner, "2026-11-23T11:00")
    texts = {read(p)["To"]: read(p).get_body(("plain",)).get_content() for p in eml_files(app)}
    # Old code: "Öppna remissen" of the medborgarförslag
    assert f"Öppna ärendet: http://remiss.test/remisser/{forslag.id}" in texts["m@example.se"]
    assert "remissen" not in texts["m@example.se"].lower(), texts["m@example.se"]
    assert f"Öppna remissen: http://remiss.test/remisser/{world.remiss.id}" in texts["r@example.se"]
