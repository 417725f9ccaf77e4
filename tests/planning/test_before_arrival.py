"""walk9 finding 5: a tjänsteskrivelse due before the remiss arrived is flagged at registration as never possible,
with the advice to ask for more time, and its lateness is counted from the arrival; a passed granskning that waits
for it is late because of it — on the start page, the calendar, the remiss page, the API and the Monday digest."""
from __future__ import annotations

import email
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

from tests.planning.helpers import at, milestones, seed_003_world
from tests.reminders.test_events import sweep
from tests.support.factories import make_remiss


def _registered(db, session, clock):
    """Received Monday 31 August 2015, registered the day after; the AU of 10 September needs the
    tjänsteskrivelse by 27 August."""
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 9, 1, 9))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], deadline_on=date(2015, 9, 28),
                         deadline_time=None, received_on=date(2015, 8, 31), handlaggare_id=users["handlaggare"].id)
    session.commit()
    return remiss


def _row(page: str, label: str) -> str:
    start = page.index(f"<td data-label=\"Vad\">{label}</td>")
    return page[start:page.index("</tr>", start)]


def test_registration_flags_a_step_due_before_the_arrival_with_advice(db, session, client, auth, clock):
    remiss = _registered(db, session, clock)
    stored = milestones(db, remiss.id)
    written = stored["tjansteskrivelse"]
    assert written.due_on == date(2015, 8, 27) and written.flagged
    assert written.explanation.endswith("Datumet låg före remissens ankomst måndag 31 augusti 2015.")
    assert written.advice == "Begär förlängd remisstid hos remittenten."
    assert not stored["granskning"].flagged  # 1 September: after the arrival, only late
    auth.login("sekr@oster.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert ("Tjänsteskrivelse klar (torsdag 27 augusti 2015) låg före remissens ankomst måndag 31 augusti 2015 och "
            "gick aldrig att hinna.") in page
    assert ("Tjänsteskrivelsen skulle ha varit klar torsdag 27 augusti 2015, före remissens ankomst måndag "
            "31 augusti 2015: tidplanen gick inte att hålla. Begär förlängd remisstid till minst") in page
    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    assert api["tjansteskrivelse"]["flagged"] and api["tjansteskrivelse"]["advice"] == \
        "Begär förlängd remisstid hos remittenten."


def test_lateness_is_counted_from_the_arrival_and_the_waiting_granskning_is_late_everywhere(db, session, client,
                                                                                          auth, clock, app, runner):
    remiss = _registered(db, session, clock)
    clock.set(at(2015, 9, 7, 9))  # Monday: 7 days after the arrival, 11 after the tjänsteskrivelse's date
    auth.login("sekr@oster.se")
    start = client.get("/").get_data(as_text=True)
    written, review = _row(start, "Tjänsteskrivelse klar"), _row(start, "Granskning klar")
    assert "Försenad i 7 dagar räknat från ankomsten 31 augusti" in written and "11 dagar" not in written
    assert '<span class="flag">Försenad eftersom tjänsteskrivelsen är försenad</span>' in review
    assert "Kräver uppmärksamhet" not in review  # the granskare is not the one to act
    calendar = client.get("/kalender?manad=2015-09").get_data(as_text=True)
    entry = calendar[calendar.index("Granskning klar"):]
    assert '<span class="flag">Försenad</span>' in entry[:entry.index("</li>")]
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "(försenad i 7 dagar räknat från ankomsten 31 augusti; ansvarig: Handläggare)" in page
    assert "(försenad eftersom tjänsteskrivelsen är försenad; ansvarig: Granskare / chef)" in page
    assert "Tjänsteskrivelsen är försenad i 7 dagar räknat från ankomsten 31 augusti" in page  # Nästa steg
    # the Monday digest says the same
    sweep(session, runner, "2015-09-07T07:30")
    mails = [email.message_from_bytes(p.read_bytes(), policy=default_policy)
             for p in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))]
    digests = [m.get_body(("plain",)).get_content() for m in mails if m["Subject"].startswith("Veckans remisser")]
    # the handläggare's overdue reminder counts from the arrival too
    overdue = [m.get_body(("plain",)).get_content() for m in mails
               if m["To"] == "jesper@oster.se" and "Försenad: tjänsteskrivelse klar" in m["Subject"]]
    assert overdue, [m["Subject"] for m in mails]
    assert ("Datumet låg före remissens ankomst måndag 31 augusti 2015; det är nu 5 arbetsdagar sedan remissen "
            "kom.") in overdue[-1], overdue[-1]
    assert digests, "no digest"
    assert "Granskning klar – " in digests[0]
    line = next(l for l in digests[0].splitlines() if "Granskning klar" in l)
    assert line.endswith("[försenad eftersom tjänsteskrivelsen är försenad]"), line
    line = next(l for l in digests[0].splitlines() if "Tjänsteskrivelse klar" in l)
    assert line.endswith("[försenad]"), line
