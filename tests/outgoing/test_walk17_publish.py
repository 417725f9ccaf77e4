"""walk17 F18: "Publicera remissvaren" never pre-ticks an instans's raw e-mail (.eml/.msg: every address and
header) for the open page, pre-ticks the remisshandlingar and the missiv, and warns when a raw e-mail is ticked
by hand."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.message import EmailMessage
from html import unescape

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import answers
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import attachments
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user


def _reply() -> bytes:
    message = EmailMessage()
    message["From"] = "Anna Svensson <anna.svensson@ungdomsradet.example>"
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = "SV: Remiss: Handlingsplan trygghet"
    message.set_content("Ungdomsrådet tillstyrker.\n\nAnna Svensson\nTel. 070-123 45 67\n")
    return bytes(message)


def _answered(session, client, auth, clock):
    clock.set(datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Kommunstyrelsen")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 8),
                         deadline_time=None, title="Handlingsplan trygghet", questions=["Vad tycker ni?"],
                         sandlista=[SandlistaItem("Ungdomsrådet", "ungdom@example.se", "")])
    files_dir = client.application.config["FILES_DIR"]
    attachments.add(session, now=clock.now, principal=Principal.system(), remiss=remiss,
                    filename="Handlingsplan-trygghet.pdf", data=b"%PDF-1.4\n%plan\n", files_dir=files_dir,
                    max_bytes=10 ** 6)
    rid = remiss.id
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{rid}"
    auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True)
    entry = remisser.entries(session, rid)[0]
    answers.register_answer(session, now=clock.now, principal=Principal.system(), remiss=remiss, entry=entry,
                            data=AnswerData(date(2026, 12, 4), files=[("svar-ungdomsradet.eml", _reply())]),
                            files_dir=files_dir, max_bytes=10 ** 7)
    session.commit()
    return rid


def _choices(html: str) -> dict[str, bool]:
    form = html.split('id="publicering"', 1)[1].split("</form>", 1)[0]
    return {label: bool(checked) for checked, label in
            re.findall(r'<input type="checkbox" id="p-\d+" name="attachment_ids" value="\d+" ?(checked)?> '
                       r'<label for="p-\d+">([^<]+)</label>', unescape(form))}


def test_a_raw_email_answer_is_not_preticked_but_the_handlingar_and_the_missiv_are(session, client, auth, clock):
    rid = _answered(session, client, auth, clock)
    choices = _choices(client.get(f"/remisser/{rid}").get_data(as_text=True))
    raw = [label for label in choices if label.startswith("svar-ungdomsradet.eml")]
    assert raw == ["svar-ungdomsradet.eml (svar från Ungdomsrådet: hela e-postmeddelandet med adresser och "
                   "rubriker – kontrollera personuppgifter)"]
    assert choices[raw[0]] is False
    assert choices["Handlingsplan-trygghet.pdf (remisshandling)"] is True
    missiv = [label for label in choices if label.endswith("(missiv)")]
    assert missiv and all(choices[label] for label in missiv)


def test_a_raw_email_ticked_by_hand_is_published_with_a_warning(session, client, auth, clock):
    rid = _answered(session, client, auth, clock)
    page = f"/remisser/{rid}"
    html = client.get(page).get_data(as_text=True)
    ids = re.findall(r'name="attachment_ids" value="(\d+)"', html.split('id="publicering"', 1)[1])
    response = auth.post(f"{page}/utskick/publicera", {"attachment_ids": ids}, form_url=page, follow_redirects=True)
    shown = unescape(response.get_data(as_text=True))
    assert "Remissvaren är publicerade." in shown
    assert ("Kontrollera personuppgifter: svar-ungdomsradet.eml är hela e-postmeddelandet med adresser och "
            "rubriker och visas nu på den öppna sidan.") in shown
