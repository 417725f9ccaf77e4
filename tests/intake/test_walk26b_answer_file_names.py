"""walk26b X5: with the missiv mail's subject led by the nämnd ("Kommunstyrelsen, … – Remiss: X (KS 2026/…)"),
every instans's e-mailed answer was saved under one cut-off name "SV Kommunstyrelsen … – Remiss …….eml". The
answer mail registered from the Inkorg is now named by the instans, without "SV:", the sender's lead and the
label, with the diarienummer kept: "Svar från Miljönämnden – Remiss av förslag till trafikplan 2027 (KS …).eml";
two answers from one instans never share a name."""
from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.replies import answer_file_name
from remiss.remisser import attachments
from remiss.remisser import service as remisser
from tests.intake.test_outgoing_reply import _receive, _sent_remiss
from tests.support.factories import make_user

LEAD = "Stadsområdesnämnd Öster, Malmö stad – Remiss: "


def _mail(sender: str, subject: str, n: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "kommunstyrelsen@remiss.example", subject
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message["Message-ID"] = f"<svar-{n}@malmo.example>"
    message.set_content("Hej,\n\nVi tillstyrker förslaget men vill se fler cykelbanor.\n\nMed vänlig hälsning\nAnna\n")
    return bytes(message)


def test_each_instans_answer_mail_is_saved_under_its_own_name(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    entries = {e.name: e.id for e in remisser.entries(session, remiss.id)}
    rid, dnr, title = remiss.id, remiss.our_dnr, remiss.title
    session.commit()
    auth.login(user.email)
    subject = f"SV: {LEAD}{title} ({dnr})"
    for n, (name, address) in enumerate([("Miljönämnden", "miljo@malmo.example"),
                                         ("Tekniska nämnden", "teknik@malmo.example"),
                                         ("Miljönämnden", "miljo@malmo.example")]):
        message_id = _receive(db, app, _mail(f"{name} <{address}>", subject, n))
        assert auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": rid, "entry_id": entries[name]},
                         form_url=f"/inkorg/{message_id}").status_code == 302
    with db.transaction() as s:
        names = [a.filename for a in attachments.of_remiss(s, rid) if a.filename.endswith(".eml")]
    stem = f"{title} ({dnr.replace('/', '-')})"
    # old code: three times "SV Stadsområdesnämnd Öster, Malmö stad – Remiss Remiss av förslag till trafikplan….eml"
    assert names == [f"Svar från Miljönämnden – {stem}.eml", f"Svar från Tekniska nämnden – {stem}.eml",
                     f"Svar från Miljönämnden – {stem} (2).eml"], names


def test_a_long_title_is_cut_at_a_word_and_keeps_the_diarienummer():
    name = answer_file_name("Stadsbyggnadsnämnden", f"RE: SV: {LEAD}Förslag till parkeringsnorm för Öster med "
                            "riktlinjer för cykelparkering och laddplatser (SOFÖ 2026/0008)", ".eml", set())
    assert name == ("Svar från Stadsbyggnadsnämnden – Förslag till parkeringsnorm för Öster med… (SOFÖ 2026-0008).eml"
                    ), name
    assert answer_file_name("Lunds kommun", "Vårt svar", ".msg", {"Svar från Lunds kommun – Vårt svar.msg"}) == \
        "Svar från Lunds kommun – Vårt svar (2).msg"
