"""An outgoing remiss tells the truth about where answers go and asks before mail leaves the organisation."""
from __future__ import annotations

import html as html_lib
import re

from sqlmodel import select

from remiss.namnd.models import Namnd
from remiss.outgoing.questions import send_confirmation
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.outgoing.test_texts import _facts, _send, outgoing  # noqa: F401  (outgoing: the fixture)


def _confirm(html: str, action: str) -> str:
    form = re.search(r'<form method="post" action="[^"]*' + action + r'"[^>]*data-confirm="([^"]*)"', html)
    assert form, f"no confirmation on the form to {action}"
    return html_lib.unescape(form.group(1))


def test_svar_till_is_the_address_the_missiv_gives(session, outgoing, auth):  # noqa: F811
    remiss, admin = outgoing["remiss"], outgoing["admin"].email
    namnd_email = session.get(Namnd, remiss.namnd_id).email
    session.rollback()  # the arranging session lets go of SQLite before the app writes
    auth.login(admin)
    facts = _facts(auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert (f"<dt>Svar till</dt><dd>{namnd_email} <span class=\"muted\">(nämndens funktionsbrevlåda)</span>"
            in facts)
    row = session.get(Remiss, remiss.id)
    row.answer_email = "kultur.remiss@example.se"
    session.commit()
    facts = _facts(auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert "<dt>Svar till</dt><dd>kultur.remiss@example.se" in facts and "funktionsbrevlåda" not in facts


def test_the_missiv_mail_names_the_diarienummer_once_in_its_subject(session, outgoing, app):  # noqa: F811
    remiss = outgoing["remiss"]
    _send(session, remiss, app)
    subjects = {m.subject for m in session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv"))}
    dnr = session.get(Remiss, remiss.id).our_dnr
    session.rollback()
    assert subjects == {f"Kulturnämnden, Malmö stad – Remiss: Kulturstrategi ({dnr})"}  # who sends it (walk25b Z7)


def test_skicka_remissen_asks_first_naming_the_recipients(session, outgoing, auth):  # noqa: F811
    remiss = outgoing["remiss"]
    auth.login(outgoing["admin"].email)
    question = _confirm(auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True), "/skicka")
    # this remiss has no remisshandlingar, so the question starts by saying so
    # and no missiv is made yet, so sending makes it unread (walk21b K5)
    assert question.startswith("Remissen har inga remisshandlingar: remissinstanserna får bara missivet. "
                               "Missivet är inte skapat än: det skapas nu från standardmallen och skickas utan att "
                               "någon har läst det. Skicka remissen nu? Den läggs i utkorgen och e-postas inom några minuter till 4 "
                               "remissinstanser: ")
    for address in ("föreninga@example.se", "nämndd@example.se"):
        assert address in question


def test_the_send_question_in_swedish():
    assert send_confirmation(["a@x.se"], 0) == ("Skicka remissen nu? Den läggs i utkorgen och e-postas inom några "
                                                "minuter till 1 remissinstans: a@x.se. Det går inte att ångra.")
    many = send_confirmation([f"{n}@x.se" for n in range(10)], 1, shown=8)
    assert "10 remissinstanser: 0@x.se" in many and "7@x.se och 2 till." in many and "8@x.se" not in many
    assert "1 brev skrivs ut för post till remissinstansen utan e-post." in many  # walk24 V10: one is one
    assert "3 brev skrivs ut för post till de 3 remissinstanserna utan e-post." in send_confirmation(["a@x.se"], 3)


def test_the_missiv_mail_names_remisshandlingar_only_when_there_are_some():
    from datetime import date

    from remiss.namnd.models import Namnd
    from remiss.outgoing.mails import missiv_mail
    from remiss.remisser.models import Attachment, Remiss, SandlistaEntry

    remiss = Remiss(title="Vår remiss", our_dnr="SOFÖ 2026/0007", namnd_id=1, deadline_on=date(2027, 1, 15))
    namnd = Namnd(name="Stadsområdesnämnd Öster", email="son.oster@remiss.example")
    entry = SandlistaEntry(remiss_id=1, name="Miljönämnden")
    missiv = Attachment(remiss_id=1, filename="Missiv SOFÖ 2026-0007.docx")
    plan = Attachment(remiss_id=1, filename="Planförslag.pdf")
    alone = missiv_mail(remiss=remiss, namnd=namnd, entry=entry, attachments=[missiv], base_url="")["text"]
    assert "Bifogat finns missivet: Missiv SOFÖ 2026-0007.docx." in alone and "remisshandlingarna" not in alone
    both = missiv_mail(remiss=remiss, namnd=namnd, entry=entry, attachments=[missiv, plan], base_url="")["text"]
    assert "Bifogat finns missivet och remisshandlingarna: Missiv SOFÖ 2026-0007.docx, Planförslag.pdf." in both
