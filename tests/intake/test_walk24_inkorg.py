"""walk24 V17, V18: the Inkorg tells the truth about a mail's remiss and sender.

V17: an extension notice for a remiss already besvarad was offered as "Förläng KS 2026/0001 till …", and the button
refused with "Remissen finns inte eller du får inte ändra den." – untrue. The card now says the remiss is answered
(when, by expediering) and offers what works: keep the mail as a handling on the remiss, or dismiss it.
V18: the list's Från said our own organisation for an instans's answer to a remiss we sent."""
import json
import re
from datetime import date, datetime, timezone
from email.message import EmailMessage
from html import unescape

from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from tests.intake.test_inbox_not_later import NOTICE, SUBJECT
from tests.intake.test_walk7 import POLLED, kommun, mail, receive  # noqa: F401
from remiss.auth.models import Role
from remiss.remisser import service as remisser
from tests.intake.test_outgoing_reply import _receive, _sent_remiss
from tests.support.factories import make_remiss, make_user

ANSWERED = datetime(2024, 2, 16, 13, 0, tzinfo=timezone.utc)  # Friday 16 February 2024


def _answered_with_notice(session, db, app, kommun, clock, message_id: str):
    miljo, _, _ = kommun
    clock.set(POLLED)
    remiss = make_remiss(session, namnd=miljo, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    remiss.status, remiss.answered_at = RemissStatus.besvarad, ANSWERED
    session.add(remiss)
    session.commit()
    message = receive(db, app, mail(SUBJECT, NOTICE, message_id))
    assert message.extension_to == date(2024, 4, 15)
    return remiss, message


def test_a_notice_for_a_besvarad_remiss_says_so_and_offers_what_works(client, auth, session, db, app, kommun, clock):
    remiss, message = _answered_with_notice(session, db, app, kommun, clock, "<answered@x>")
    auth.login("reg@malmo.se")
    said = (f"{remiss.our_dnr} är redan besvarad (yttrandet expedierat fredag 16 februari 2024): förlängningen "
            "behövs inte.")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert f"Förläng {remiss.our_dnr} till" not in listing
    assert said in listing and f"För samman med {remiss.our_dnr} som handling" in listing
    url = f"/inkorg/{message.id}"
    page = client.get(url).get_data(as_text=True)
    assert said in page and f"Registrera förlängningen på {remiss.our_dnr}" not in page
    assert "Registrera en allmän förlängning av remisstiden" not in page
    assert "Avvisa meddelandet" in page

    # a form sent with the förlängning anyway (an old tab) is refused with the true reason
    refused = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id, "extend": "1"}, form_url=url)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400 and said in body
    assert "finns inte eller du får inte ändra" not in body

    # kept as a handling on the remiss: merged, nothing extended
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id}, form_url=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{remiss.id}")
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "merged"
        assert s.exec(select(Extension)).all() == []
        assert s.get(Remiss, remiss.id).status == RemissStatus.besvarad



def _answer(subject: str) -> bytes:
    """The walk's answer: a bolag's reply whose body names Malmö, which the missiv reader takes for the remittent."""
    message = EmailMessage()
    message["From"] = "Parkering <parkering@example.se>"
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = subject
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message["Message-ID"] = "<svar1@example.se>"
    message.set_content("Hej!\n\nMalmö Kommuns Parkerings AB har inga synpunkter på riktlinjerna.\n\n"
                        "Med vänlig hälsning\nPer Parkering\nVD\n")
    return bytes(message)


def test_the_list_names_the_instans_that_answered_not_ourselves(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=timezone.utc))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    dnr, remiss_id = remiss.our_dnr, remiss.id
    entry = next(e for e in remisser.entries(session, remiss.id) if e.name == "Tekniska nämnden")
    entry.email, entry_id = "parkering@example.se", entry.id  # the instans the mail comes from
    session.add(entry)
    session.commit()
    message_id = _receive(db, app, _answer(f"SV: Remiss: Remiss av förslag till trafikplan 2027 ({dnr})"))
    with db.transaction(write=False) as s:
        read = json.loads(s.get(InboxMessage, message_id).form_values)["remittent"]
    auth.login(user.email)

    def from_column() -> str:
        page = auth.client.get("/inkorg" + ("?visa=hanterade" if handled else "")).get_data(as_text=True)
        row = page.split(f'href="/inkorg/{message_id}"', 1)[1].split("</tr>", 1)[0]
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", row.split("</td>", 2)[1])).split())

    handled = False
    assert from_column() == "Tekniska nämnden (Parkering <parkering@example.se>)", read
    done = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": remiss_id, "entry_id": entry_id},
                     form_url=f"/inkorg/{message_id}")
    assert done.status_code == 302
    handled = True
    assert from_column() == "Parkering <parkering@example.se>", read


def test_a_pasted_notice_for_a_besvarad_remiss_says_so_too(client, auth, session, db, clock):
    from tests.intake.test_extension_time import NOTICE as PASTED, TITLE
    from tests.intake.test_paste_seed000 import paste, world

    clock.set(datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc))
    registered = make_remiss(session, namnd=world(session), title=TITLE, remittent="Justitiedepartementet",
                             sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    registered.status, registered.answered_at = RemissStatus.besvarad, ANSWERED
    session.add(registered)
    session.commit()
    rid, dnr = registered.id, registered.our_dnr
    auth.login("sekr@malmo.se")
    form_url = paste(auth, PASTED).headers["Location"]
    said = f"{dnr} är redan besvarad (yttrandet expedierat fredag 16 februari 2024): förlängningen behövs inte."
    page = unescape(client.get(form_url).get_data(as_text=True))
    assert said in page and f"Registrera förlängningen på {dnr}" not in page
    token = form_url.split("=", 1)[1]
    refused = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": rid, "extend": "1"},
                        form_url=form_url, follow_redirects=True)
    body = unescape(refused.get_data(as_text=True))
    assert said in body and "finns inte eller du får inte ändra" not in body
    kept = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": rid}, form_url=form_url)
    assert kept.status_code == 302 and kept.headers["Location"].endswith(f"/remisser/{rid}")
    with db.transaction() as s:
        assert s.exec(select(Extension)).all() == []
