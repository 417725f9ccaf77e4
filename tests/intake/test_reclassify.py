"""Walk12 item 7: mails read into the Inkorg before the rules for automatic replies, newsletters and reminders are
classified by `remiss inbox-reclassify` (and by the scheduled poll), once: a second run changes nothing, and a
decided message is left as it was decided. The walk's mails (tests/data/walk12), real SQLite."""
from __future__ import annotations

import json
from datetime import date

from remiss.intake.models import InboxMessage
from remiss.intake.service import kinds
from remiss.intake.service.classify import KINDS_READ
from tests.intake.test_walk12_inkorg import DALARNA, NOW, raw
from tests.intake.test_walk7 import kommun, receive  # noqa: F401 (kommun: a fixture)
from tests.support.factories import make_remiss

OLD_TITLE = "Påminnelse: Remiss - Förslag till åtgärdsprogram 2027-2030"


def _as_read_before(db, message_id: int, *, title: str = "", match: int | None = None, status: str = "pending"):
    """The message as the Inkorg stored it before the kinds: no mail_kind, the subject's lead-ins kept."""
    with db.transaction() as s:
        row = s.get(InboxMessage, message_id)
        values = json.loads(row.form_values)
        for key in ("mail_kind", "mail_kind_reason", KINDS_READ):
            values.pop(key, None)
        values["title"] = title or row.subject
        row.form_values, row.warnings = json.dumps(values, ensure_ascii=False), "[]"
        row.match_remiss_id, row.status = match, status
        s.add(row)


def test_old_mails_are_classified_once(client, auth, app, db, session, runner, kommun, clock):
    miljo, _, _ = kommun
    clock.set(NOW)
    ds = make_remiss(session, namnd=miljo, title="Remiss av Ds 2023:23 Tryggare äldreomsorg",
                     remittent="Socialdepartementet", sender_dnr="S2023/02208")
    dalarna = make_remiss(session, namnd=miljo, title="Förslag till åtgärdsprogram 2027-2030", remittent=DALARNA,
                          sender_dnr="", deadline_on=date(2026, 12, 18))
    session.commit()
    away = receive(db, app, raw("14-autosvar.eml"), NOW).id
    news = receive(db, app, raw("13-skr-nyhetsbrev.eml"), NOW).id
    reminder = receive(db, app, raw("08-lst-paminnelse.eml"), NOW).id
    _as_read_before(db, away, match=ds.id)  # the old Inkorg offered "För samman" for the automatic reply
    _as_read_before(db, news)
    _as_read_before(db, reminder, title=OLD_TITLE)
    auth.login("reg@malmo.se")
    before = client.get("/inkorg").get_data(as_text=True)
    assert "Ser inte ut som en remiss: automatiskt svar" not in before and "För samman med" in before

    result = runner.invoke(args=["inbox-reclassify"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Inkorgen: 3 meddelanden har fått en ny bedömning."
    with db.transaction() as s:
        got = {i: json.loads(s.get(InboxMessage, i).form_values) for i in (away, news, reminder)}
        assert [got[i].get("mail_kind") for i in (away, news, reminder)] == [kinds.AUTOREPLY, kinds.NEWSLETTER,
                                                                            kinds.REMINDER]
        assert got[reminder]["title"] == "Förslag till åtgärdsprogram 2027-2030"
        assert s.get(InboxMessage, away).match_remiss_id is None
        assert s.get(InboxMessage, reminder).match_remiss_id == dalarna.id
    after = client.get("/inkorg").get_data(as_text=True)
    assert "Ser inte ut som en remiss: automatiskt svar" in after
    assert "Ser inte ut som en remiss: nyhetsbrev" in after
    assert "– påminnelse, inget nytt" in after and "För samman med" in after  # the reminder's, not the reply's
    assert after.count("För samman med") == 1

    again = runner.invoke(args=["inbox-reclassify"])
    assert again.output.strip() == "Inkorgen: 0 meddelanden har fått en ny bedömning."
    with db.transaction() as s:
        assert json.loads(s.get(InboxMessage, away).warnings).count(
            json.loads(s.get(InboxMessage, away).warnings)[0]) == 1  # the warning added once


def test_a_decided_message_is_left_as_it_was_decided(app, db, runner, kommun, clock):
    clock.set(NOW)
    away = receive(db, app, raw("14-autosvar.eml"), NOW).id
    _as_read_before(db, away, status="dismissed")
    assert runner.invoke(args=["inbox-reclassify"]).output.strip() == \
        "Inkorgen: 0 meddelanden har fått en ny bedömning."
    with db.transaction() as s:
        assert "mail_kind" not in json.loads(s.get(InboxMessage, away).form_values)
