"""An answer whose sender address is unknown (an Outlook .msg saved without it, note15): when the sender's display
name or the mail's signature names exactly one instans on the sändlista, the Inkorg page preselects it – still a
choice the person confirms, nothing registered by itself. Otherwise it asks as before (remiss.outgoing.replies)."""
from __future__ import annotations

import re
from datetime import datetime
from html import unescape

import pytest

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.models import InboxMessage
from remiss.remisser import service as remisser
from tests.intake.test_outgoing_reply import _sent_remiss
from tests.outgoing.test_walk14_answers import _receive
from tests.support.factories import make_user

PDF = b"%PDF-1.4\n%%EOF\n"
QUOTED = ("\n\nFrån: Kommunstyrelsen <kommunstyrelsen@remiss.example>\nSkickat: den 4 december 2026\n"
          "Till: Tekniska nämnden\nÄmne: Remiss\n\nRemissen skickas till Miljönämnden och Tekniska nämnden.")


def _msg(subject: str, *, sender_name: str, text: str) -> bytes:
    from aspose.email_foss import msg

    message = msg.MapiMessage.create(subject, text)
    message.set_property(msg.PropertyId.SENDER_NAME, sender_name)  # no SENDER_EMAIL_ADDRESS: saved without it
    message.add_recipient("kommunstyrelsen@remiss.example", display_name="Kommunstyrelsen")
    message.add_attachment("Yttrande.pdf", PDF, mime_type="application/pdf")
    return msg.MsgWriter.to_bytes(message.to_msg_document())


def _page(session, db, app, auth, clock, *, sender_name, text):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    ids = {e.name: e.id for e in remisser.entries(session, remiss.id)}
    ids["remiss"], dnr = remiss.id, remiss.our_dnr
    session.commit()
    message_id = _receive(db, app, _msg(f"SV: Remiss ({dnr})", sender_name=sender_name, text=text), "SV Remiss.msg")
    auth.login(user.email)
    page = unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    listed = " ".join(unescape(auth.client.get("/inkorg").get_data(as_text=True)).split())
    return page, listed, ids, message_id


def _chosen(page: str) -> list[str]:
    select = re.search(r'<select id="reply-entry".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d*)" selected>', select)


@pytest.mark.parametrize("sender_name, text, who, why", [
    ("Bo Åkare", "Hej,\n\nVi tillstyrker förslaget.\n\nMed vänlig hälsning\nBo Åkare\nTekniska nämnden" + QUOTED,
     "Tekniska nämnden", "Meddelandets signatur nämner Tekniska nämnden."),
    ("Miljönämnden", "Hej,\n\nVi tillstyrker förslaget.\n\nHälsningar\nAnna Berg", "Miljönämnden",
     "Avsändaren heter Miljönämnden."),
], ids=["signature", "display-name"])
def test_the_one_instans_named_is_preselected_and_nothing_is_registered(session, db, app, auth, clock, sender_name,
                                                                       text, who, why):
    page, listed, ids, message_id = _page(session, db, app, auth, clock, sender_name=sender_name, text=text)
    assert "Vilken remissinstans har svarat?" in page  # still asked
    assert _chosen(page) == [str(ids[who])]
    assert f"Förvald: {who}. {why} Välj en annan om det inte stämmer." in " ".join(page.split())
    assert f"troligen {who}" in listed
    session.expire_all()
    assert [e.answer_status for e in remisser.entries(session, ids["remiss"])] == ["ej_svarat", "ej_svarat"]
    assert session.get(InboxMessage, message_id).status == "pending"


@pytest.mark.parametrize("sender_name, text", [
    ("Bo Åkare", "Hej,\n\nVi tillstyrker.\n\nMed vänlig hälsning\nBo Åkare\nUtredare" + QUOTED),  # only quoted
    ("Bo Åkare", "Hej,\n\nVi tillstyrker.\n\nMed vänlig hälsning\nBo Åkare\nMiljönämnden och Tekniska nämnden"),
    ("Kansliet", "Hej,\n\nTekniska nämnden tillstyrker förslaget.\n\nMvh\nKansliet"),  # in the text, not signed
], ids=["quoted-only", "two-named", "body-only"])
def test_without_one_instans_named_the_page_asks_as_before(session, db, app, auth, clock, sender_name, text):
    page, listed, _, _ = _page(session, db, app, auth, clock, sender_name=sender_name, text=text)
    assert "Vilken remissinstans har svarat?" in page
    assert _chosen(page) == [] and "Förvald:" not in page and "troligen" not in listed
