"""walk22 L12f: a förlängning granted to a day still too short for the tidplan (the Tidplan's own Förslag says
"Begär förlängd remisstid till minst fredag 29 januari 2027") was told "Klart: Förlängningen är beviljad. Sista
svarsdag och tidplan är uppdaterade." and the mail to the handläggare and registratorer "Tidplanen är omräknad efter
den nya sista svarsdagen; kontrollera dina datum." — neither said that the tidplan still cannot be held. Both now
say so in the Tidplan's words; a förlängning long enough is told as before."""
from __future__ import annotations

import email
import html
import re
from datetime import date
from email import policy as email_policy
from pathlib import Path

from remiss.auth.models import Role
from remiss.namnd.models import Namnd
from remiss.remisser.models import Remiss
from tests.planning.test_truth17_extension_minimum import _registered, _tidplan
from tests.support.factories import make_user

ASK = "Begär förlängd remisstid till minst fredag 29 januari 2027"


def _said(client, response) -> list[tuple[str, str]]:
    page = " ".join(html.unescape(client.get(response.headers["Location"]).get_data(as_text=True)).split())
    return [(kind, text.strip()) for kind, text in re.findall(r'message-kind">([^<]*)</span>([^<]*)', page)]


def _grant(auth, rid: int, until: str):
    page = f"/remisser/{rid}"
    asked = auth.post(f"{page}/forlangningar", {"requested_by": "Sara Sekreterare", "until_on": until,
                                                 "reason": "Sammanträdet"}, form_url=page)
    assert asked.status_code == 302
    eid = re.search(rf'action="/remisser/{rid}/forlangningar/(\d+)/besked"',
                    auth.client.get(page).get_data(as_text=True)).group(1)
    return auth.post(f"{page}/forlangningar/{eid}/besked",
                     {"decision": "granted", "granted_until_on": until, "decided_on": "2026-12-05"}, form_url=page)


def _colleague(session, rid: int) -> None:
    """Another registrator of the nämnd: told of the förlängning (the one who records it is not)."""
    namnd = session.get(Namnd, session.get(Remiss, rid).namnd_id)
    make_user(session, role=Role.registrator, namnder=[namnd], email="annan@oster.se")
    session.commit()


def _extension_mail(app, runner) -> str:
    result = runner.invoke(args=["reminders", "run", "--now", "2026-12-05T12:30"])
    assert result.exit_code == 0, result.output
    for path in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email_policy.default)
        if "har beviljats" in message.get_body(("plain",)).get_content():
            return " ".join(message.get_body(("plain",)).get_content().split())
    raise AssertionError(f"no extension mail: {result.output}")


def test_a_forlangning_still_too_short_says_the_tidplan_cannot_be_held(app, client, auth, session, clock, runner):
    rid, _ = _registered(session, clock, deadline_on=date(2026, 12, 18))
    _colleague(session, rid)
    auth.login("sekr@oster.se")
    assert ASK in _tidplan(client, rid)
    response = _grant(auth, rid, "2027-01-22")
    assert response.status_code == 302
    said = _said(client, response)
    assert ("Klart:", "Förlängningen är beviljad. Sista svarsdag och tidplan är uppdaterade.") in said
    # old code: nothing more; the Tidplan still proposed the förlängning
    warning = [text for kind, text in said if kind == "Observera:"]
    assert len(warning) == 1 and warning[0].startswith(
        "Tidplanen går fortfarande inte att hålla med den nya sista svarsdagen.") and ASK in warning[0], said
    assert ASK in _tidplan(client, rid)  # what the page says, the flash says

    mail = _extension_mail(app, runner)
    assert "Ny sista svarsdag: 22 januari 2027" in mail, mail
    # old code: "Tidplanen är omräknad efter den nya sista svarsdagen; kontrollera dina datum."
    assert "kontrollera dina datum" not in mail and ASK in mail, mail
    assert "Tidplanen går fortfarande inte att hålla med den nya sista svarsdagen." in mail


def test_a_forlangning_long_enough_is_told_as_before(app, client, auth, session, clock, runner):
    rid, _ = _registered(session, clock, deadline_on=date(2026, 12, 18))
    _colleague(session, rid)
    auth.login("sekr@oster.se")
    response = _grant(auth, rid, "2027-01-29")
    said = _said(client, response)
    assert said == [("Klart:", "Förlängningen är beviljad. Sista svarsdag och tidplan är uppdaterade.")], said
    mail = _extension_mail(app, runner)
    assert "Tidplanen är omräknad efter den nya sista svarsdagen; kontrollera dina datum." in mail
    assert "går fortfarande inte att hålla" not in mail
