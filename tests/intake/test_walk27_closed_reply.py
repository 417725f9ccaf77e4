"""walk27 Y17: an instans answers our utgående remiss, closed by now, with our dnr in the subject and a PDF whose text
carries another remiss's numbers. Our own number wins: the Inkorg names the answer and says the case is closed;
it never proposes merging into the unrelated incoming remiss, and a match states only a reason that is true."""
from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from html import unescape

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.models import InboxMessage
from remiss.remisser import service as remisser
from tests.intake.test_outgoing_reply import _receive, _sent_remiss
from tests.support.factories import make_remiss, make_user
from tests.unit.test_missiv_extract import make_pdf

# the walk's attachment: an yttrande of ours in another matter, its own numbers in it
YTTRANDE = ["Malmö stad", "Stadsområdesnämnd Öster", "Yttrande", "Datum 6 december 2026",
            "Till Kulturnämnden", "Förslag till kulturpolitiskt program 2027-2030", "Er beteckning: KN-2026-1234",
            "Nämnden välkomnar programmet men efterfrågar tydligare mål."]


def _mail(subject: str, body: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Miljönämnden <miljo@malmo.example>"
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = subject
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message.set_content(body)
    message.add_attachment(make_pdf([YTTRANDE]), maintype="application", subtype="pdf", filename="Svar.pdf")
    return bytes(message)


def test_an_answer_to_our_closed_remiss_is_named_not_merged_elsewhere(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    other = make_remiss(session, namnd=namnd, title="Förslag till kulturpolitiskt program 2027-2030",
                        remittent="Kulturnämnden", sender_dnr="KN-2026-1234")
    remiss.status = "avslutad"
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    dnr, remiss_id, other_dnr = remiss.our_dnr, remiss.id, other.our_dnr
    entry_id = remisser.entries(session, remiss.id)[0].id
    session.commit()
    message_id = _receive(db, app, _mail(f"SV: Remiss: Remiss av förslag till trafikplan 2027 ({dnr})",
                                         "Hej,\n\nHär kommer vårt svar.\n\nMiljönämnden\n"))
    auth.login(user.email)
    page = unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert f"Svar från Miljönämnden på {dnr} – ärendet är avslutat" in page
    assert f"{dnr} är avslutad, så svaret kan inte registreras" in page
    assert "Finns redan:" not in page and f"För samman med {other_dnr}" not in page
    assert "Registrera som svar" not in page
    listing = unescape(auth.client.get("/inkorg").get_data(as_text=True))
    assert "Svaret kan inte registreras: remissen är avslutad." in listing
    refused = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": remiss_id, "entry_id": entry_id},
                        form_url=f"/inkorg/{message_id}")
    assert refused.status_code == 302
    shown = unescape(auth.client.get(refused.headers["Location"]).get_data(as_text=True))
    assert f"{dnr} är avslutad, så svaret kan inte registreras." in shown
    session.expire_all()
    assert session.get(InboxMessage, message_id).status == "pending"


def test_a_match_on_an_attachments_number_says_so(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, _ = _sent_remiss(session, app)
    make_remiss(session, namnd=namnd, title="Förslag till kulturpolitiskt program 2027-2030",
                remittent="Kulturnämnden", sender_dnr="KN-2026-1234", deadline_on=date(2027, 1, 29))
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    message_id = _receive(db, app, _mail("Handlingar", "Hej,\n\nSe bifogad fil.\n\nAnna\n"))
    auth.login(user.email)
    page = unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert "Finns redan:" in page
    assert ("Remittentens diarienummer KN-2026-1234 (läst ur en bifogad fil, inte ur själva e-postmeddelandet) "
            "stämmer med en remiss som redan är registrerad") in page
    assert "eller ärendemening och remittent" not in page
