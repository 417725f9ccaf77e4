"""walk12b #4: a remissinstans answers a remiss we sent by replying to the missiv mail. The Inkorg proposes
"Svar från Miljönämnden på KS 2026/0002" (not a new incoming remiss), and one click records the mail and its
attachments as Miljönämndens answer: the instans is Svarat, its reminders stop, nothing becomes a remisshandling."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from html import unescape

import pytest
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.models import InboxMessage
from remiss.intake.reading import ReadLimits
from remiss.intake.service import inbox
from remiss.outgoing import replies
from remiss.outgoing.service import sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment
from tests.conftest import Auth, csrf_token
from tests.intake.test_register_lock_order import PG_ONLY, hold_and_send
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()
SENT = datetime(2026, 12, 5, 0, 30, tzinfo=STOCKHOLM)


def _sent_remiss(session, app):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=SENT,
                         title="Remiss av förslag till trafikplan 2027", deadline_on=date(2026, 12, 18),
                         deadline_time=None, questions=["Fråga?"],
                         sandlista=[SandlistaItem("Miljönämnden", "miljo@malmo.example", ""),
                                    SandlistaItem("Tekniska nämnden", "teknik@malmo.example", "")])
    with app.app_context():
        sending.send(session, now=SENT, principal=SYSTEM, remiss=remiss, files_dir=app.config["FILES_DIR"],
                     base_url="")
    return namnd, remiss


def _reply(subject: str, *, sender="Miljönämnden <miljo@malmo.example>", in_reply_to: str = "") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = subject
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message["Message-ID"] = f"<svar-{abs(hash(subject + in_reply_to))}@malmo.example>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content("Hej,\n\nMiljönämnden tillstyrker förslaget men vill se mer cykelinfrastruktur.\n\n"
                        "Med vänlig hälsning\nMiljönämnden\n")
    message.add_attachment(b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="Yttrande.pdf")
    return bytes(message)


def _receive(db, app, raw) -> int:
    with db.transaction() as s:
        message, new = inbox.receive(s, now=datetime(2026, 12, 7, 10, 5, tzinfo=STOCKHOLM), raw=raw,
                                     files_dir=app.config["FILES_DIR"],
                                     limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert new
        return message.id


def test_a_reply_to_the_missiv_mail_is_recorded_as_the_instans_answer(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    miljo, _ = remisser.entries(session, remiss.id)
    missiv_mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv",
                                                           OutboxMessage.recipient_email == miljo.email)).one()
    subject, missiv_id, miljo_id, remiss_id, dnr = (missiv_mail.subject, missiv_mail.message_id, miljo.id, remiss.id,
                                                    remiss.our_dnr)
    session.commit()
    message_id = _receive(db, app, _reply(f"SV: {subject}", in_reply_to=missiv_id))

    auth.login(user.email)
    page = unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert f"Svar från Miljönämnden på {dnr}" in page
    assert "Registrera som svar från Miljönämnden" in page
    assert "Finns redan:" not in page  # not offered as a remiss of ours to merge into

    done = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": remiss_id, "entry_id": miljo_id},
                     form_url=f"/inkorg/{message_id}")
    assert done.status_code == 302, unescape(done.get_data(as_text=True))
    session.expire_all()
    miljo = remisser.entries(session, remiss.id)[0]
    assert (miljo.answer_status, miljo.answered_on) == ("svarat", date(2026, 12, 7))
    assert miljo.summary == "Miljönämnden tillstyrker förslaget men vill se mer cykelinfrastruktur."
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == remiss.id,
                                                 Attachment.purpose != "missiv")).all()
    assert sorted((a.purpose, "mejlet" if a.filename.endswith(".eml") else a.filename) for a in kept) == [
        ("svar", "Yttrande.pdf"), ("svar", "mejlet")]  # the mail and its attachment are the answer, no remisshandling
    assert all(a.sandlista_entry_id == miljo.id for a in kept)
    assert session.get(InboxMessage, message_id).status == "merged"
    pending = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_chaser",
                                                       OutboxMessage.recipient_email == "miljo@malmo.example",
                                                       OutboxMessage.status == "pending")).all()
    assert pending == []  # Miljönämnden is not reminded after answering


def test_a_reply_is_known_by_our_dnr_or_by_its_sender_and_title(session, db, app):
    _, remiss = _sent_remiss(session, app)
    dnr = remiss.our_dnr
    session.commit()
    by_dnr = _receive(db, app, _reply(f"Svar på remiss {dnr}", sender="Anna <anna@annan.example>"))
    by_sender = _receive(db, app, _reply("Re: Remiss av förslag till trafikplan 2027",
                                         sender="Teknik <teknik@malmo.example>"))
    unrelated = _receive(db, app, _reply("Remiss av förslag till trafikplan 2027",
                                         sender="Någon <x@annan.example>"))
    other_dnr = _receive(db, app, _reply(f"Svar på remiss {dnr}1", sender="Anna <anna@annan.example>"))
    away = _receive(db, app, _reply(f"Automatiskt svar: Remiss: Remiss av förslag till trafikplan 2027 ({dnr})",
                                    sender="Miljönämnden <miljo@malmo.example>"))
    files_dir = app.config["FILES_DIR"]
    miljo, teknik = remisser.entries(session, remiss.id)
    found = replies.find(session, session.get(InboxMessage, by_dnr), files_dir)
    assert found.remiss.id == remiss.id and found.entry is None  # the page asks which instans answered
    assert [e.name for e in found.entries] == ["Miljönämnden", "Tekniska nämnden"]
    found = replies.find(session, session.get(InboxMessage, by_sender), files_dir)
    assert (found.remiss.id, found.entry.id) == (remiss.id, teknik.id)
    assert found.heading == f"Svar från Tekniska nämnden på {remiss.our_dnr}"
    assert replies.find(session, session.get(InboxMessage, unrelated), files_dir) is None
    assert replies.find(session, session.get(InboxMessage, other_dnr), files_dir) is None  # another diarienummer
    assert replies.find(session, session.get(InboxMessage, away), files_dir) is None  # out of office: no answer


def test_fora_samman_does_not_file_an_answer_as_a_remisshandling(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss_id, dnr = remiss.id, remiss.our_dnr
    session.commit()
    message_id = _receive(db, app, _reply(f"SV: Remiss: Remiss av förslag till trafikplan 2027 ({dnr})"))
    auth.login(user.email)
    refused = auth.post(f"/inkorg/{message_id}/sammanfor", {"remiss_id": remiss_id}, form_url=f"/inkorg/{message_id}")
    page = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert f"{dnr} är en remiss vi har skickat ut, så meddelandet sammanförs inte med den" in page
    assert "Registrera som svar från Miljönämnden" in page  # the step that is right is offered instead
    session.expire_all()
    assert session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id,
                                                 Attachment.purpose == "remisshandling")).all() == []
    assert session.get(InboxMessage, message_id).status == "pending"


@dataclass
class Steps:
    """An answer from Miljönämnden waiting in the Inkorg, its page open in two browsers: Registrera som svar (by
    Sara Sekreterare) and Avvisa (by Olle Registrator)."""

    sends: dict
    clients: dict
    remiss_id: int
    dnr: str
    message_id: int


def _answer_and_dismissal(session, db, app, auth, clock) -> Steps:
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd], name="Sara Sekreterare")
    other = make_user(session, role=Role.registrator, namnder=[namnd], name="Olle Registrator")
    miljo, _ = remisser.entries(session, remiss.id)
    missiv_mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv",
                                                           OutboxMessage.recipient_email == miljo.email)).one()
    ids, emails = {"remiss_id": remiss.id, "entry_id": miljo.id}, (user.email, other.email)
    remiss_id, dnr = remiss.id, remiss.our_dnr
    session.commit()
    message_id = _receive(db, app, _reply(f"SV: {missiv_mail.subject}", in_reply_to=missiv_mail.message_id))
    url = f"/inkorg/{message_id}"
    auth.login(emails[0])
    them = Auth(app.test_client())
    them.login(emails[1])
    tokens = csrf_token(auth.client, url), csrf_token(them.client, url)
    return Steps({"svar": lambda: auth.client.post(f"{url}/svar", data={**ids, "csrf_token": tokens[0]}),
                  "avvisa": lambda: them.client.post(f"{url}/avvisa", data={"csrf_token": tokens[1]})},
                 {"svar": auth.client, "avvisa": them.client}, remiss_id, dnr, message_id)


def _one_outcome(session, steps: Steps, winner: str, responses: dict) -> None:
    """The first step's outcome, once; the other told what became of the message."""
    session.expire_all()
    answered = remisser.entries(session, steps.remiss_id)[0].answer_status == "svarat"
    assert (session.get(InboxMessage, steps.message_id).status, answered) == \
        (("merged", True) if winner == "svar" else ("dismissed", False))
    answer_files = session.exec(select(Attachment).where(Attachment.remiss_id == steps.remiss_id,
                                                         Attachment.purpose == "svar")).all()
    assert len(answer_files) == (2 if answered else 0)  # the mail and Yttrande.pdf, once
    loser = "avvisa" if winner == "svar" else "svar"
    said = f"Meddelandet är redan sammanfört med {steps.dnr} – av Sara Sekreterare." if loser == "avvisa" else \
        "Svaret registrerades inte: Meddelandet är redan hanterat – avvisat av Olle Registrator."
    if loser == "avvisa":  # the message's page itself, 409: a stale form (session 25)
        assert responses[loser].status_code == 409
        page = responses[loser].get_data(as_text=True)
    else:
        assert responses[loser].status_code == 302
        page = steps.clients[loser].get(responses[loser].headers["Location"]).get_data(as_text=True)
    assert said in " ".join(unescape(page).split())


def test_an_answer_dismissed_meanwhile_by_another_is_not_registered_and_says_by_whom(session, db, app, auth, clock):
    """Registrera som svar takes the message first as every Inkorg step does (batches.take_message): it said only
    "Meddelandet är redan hanterat.", and on PostgreSQL read the message unlocked."""
    steps = _answer_and_dismissal(session, db, app, auth, clock)
    responses = {"avvisa": steps.sends["avvisa"]()}
    responses["svar"] = steps.sends["svar"]()
    _one_outcome(session, steps, "avvisa", responses)


@PG_ONLY
@pytest.mark.parametrize("first", ["svar", "avvisa"])
def test_an_answer_and_a_dismissal_at_once_give_one_outcome(first, session, db, app, auth, clock):
    """The answer, first, waits holding the message for the remiss's row (its files' remiss); a dismissal, first,
    for the message itself. Registrera som svar read the message unlocked: dismissed meanwhile, it was answered and
    marked sammanförd over the dismissal; answered first, a dismissal at once went through beside it."""
    steps = _answer_and_dismissal(session, db, app, auth, clock)
    hold = f"SELECT id FROM remiss WHERE id = {steps.remiss_id} FOR UPDATE" if first == "svar" else \
        f"SELECT id FROM inbox_message WHERE id = {steps.message_id} FOR UPDATE"
    order = [first, "avvisa" if first == "svar" else "svar"]
    results, failures = hold_and_send(hold, order, steps.sends)
    assert failures == {}, f"a request failed instead of taking its turn: {failures}"
    _one_outcome(session, steps, first, results)


def test_registrera_som_svar_sent_twice_lands_on_the_answer(session, db, app, auth, clock):
    """A double-click on "Registrera som svar" (the Inkorg's list or the message's page): the first registered the
    answer, the second said "Svaret registrerades inte: Meddelandet är redan sammanfört …" as an error on the
    message's page. It now lands where the first did, on the remiss, told what became of the message."""
    steps = _answer_and_dismissal(session, db, app, auth, clock)
    first = steps.sends["svar"]()
    assert first.status_code == 302
    auth.client.get(first.headers["Location"])  # the first receipt, shown
    second = steps.sends["svar"]()
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    page = " ".join(unescape(auth.client.get(second.headers["Location"]).get_data(as_text=True)).split())
    assert f'<span class="message-kind">Klart:</span> Meddelandet är redan sammanfört med {steps.dnr} – av dig.' in page
    assert "registrerades inte" not in page and "Fel:" not in page
    _one_outcome(session, steps, "svar", {"avvisa": steps.sends["avvisa"]()})
