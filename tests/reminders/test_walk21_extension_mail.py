"""walk21 J4: the "förlängning beviljad" mail of a medborgarförslag said "Förlängd remisstid" in its subject and
body, while its page says "förlängd svarstid". It says "Förlängd svarstid" now (remisser.kind_words)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from remiss.planning.models import Extension
from tests.planning.helpers import at
from tests.reminders.conftest import fast_user
from tests.reminders.test_events import sweep
from tests.support.factories import make_namnd, make_remiss


@pytest.mark.parametrize("kind, extended", (("medborgarforslag", "Förlängd svarstid"),
                                            ("remiss", "Förlängd remisstid")))
def test_the_extension_mail_names_the_time_as_the_kind_does(session, app, auth, clock, runner, smtp, kind,
                                                             extended):
    clock.set(at(2026, 12, 1, 9))
    namnd = make_namnd(session, dnr_prefix="SOFÖ")
    namnd.weekly_digest = False
    session.add(namnd)
    fast_user(session, role="registrator", namnder=[namnd], email="sara@example.se")
    jesper = fast_user(session, role="handlaggare", namnder=[namnd], email="jesper@example.se")
    rid = make_remiss(session, namnd=namnd, now=clock(), handlaggare_id=jesper.id, deadline_on=date(2027, 1, 20),
                      title="Fler parkbänkar vid Lindängen", kind=kind).id
    session.commit()
    auth.login("sara@example.se")
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/forlangningar", {"requested_by": "Jesper", "until_on": "2027-02-20"},
                     form_url=page).status_code == 302
    session.rollback()
    [ext_id] = session.exec(select(Extension.id).where(Extension.remiss_id == rid)).all()
    session.rollback()  # the fixture session's read holds SQLite's lock (sweep() says why)
    assert auth.post(f"{page}/forlangningar/{ext_id}/besked", {"decision": "granted", "granted_until_on": "2027-02-20"},
                     form_url=page).status_code == 302
    sweep(session, runner, "2026-12-01T11:00")
    [mail] = [m for m in smtp.messages if m["To"] == "jesper@example.se" and m["X-Remiss-Kind"] == "extension"]
    body = " ".join(mail.get_body(("plain",)).get_content().split())
    # old code: "Förlängd remisstid: …", "Förlängd remisstid har beviljats." of a medborgarförslag
    assert mail["Subject"].endswith(f"{extended}: Fler parkbänkar vid Lindängen"), mail["Subject"]
    assert f"{extended} har beviljats." in body, body


def test_the_mail_of_a_general_extension_says_the_remittent_extended_it(session, app, auth, clock, runner, smtp):
    """walk33: a general extension from the remittent ("remisstiden förlängs till …", Allmän förlängning) was
    mailed as "Förlängd remisstid har beviljats.": nobody asked, nothing was granted."""
    clock.set(at(2026, 12, 1, 9))
    namnd = make_namnd(session, dnr_prefix="SOFÖ")
    namnd.weekly_digest = False
    session.add(namnd)
    fast_user(session, role="registrator", namnder=[namnd], email="sara@example.se")
    jesper = fast_user(session, role="handlaggare", namnder=[namnd], email="jesper@example.se")
    rid = make_remiss(session, namnd=namnd, now=clock(), handlaggare_id=jesper.id, deadline_on=date(2027, 1, 20),
                      title="Förslag till ny IoF-plan").id
    session.commit()
    auth.login("sara@example.se")
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/forlangningar/allman", {"sender": "Kommunstyrelsen", "until_on": "2027-02-20"},
                     form_url=page).status_code == 302
    session.rollback()
    sweep(session, runner, "2026-12-01T11:00")
    [mail] = [m for m in smtp.messages if m["To"] == "jesper@example.se" and m["X-Remiss-Kind"] == "extension"]
    body = " ".join(mail.get_body(("plain",)).get_content().split())
    assert mail["Subject"].endswith("Förlängd remisstid: Förslag till ny IoF-plan"), mail["Subject"]
    # Old code: "Förlängd remisstid har beviljats."
    assert "har beviljats" not in body, body
    assert "Remittenten har förlängt remisstiden för alla remissinstanser (allmän förlängning)." in body, body
    assert "Ny sista svarsdag: 20 februari 2027." in body, body
