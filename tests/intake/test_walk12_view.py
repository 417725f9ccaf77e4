"""walk12 findings about the Inkorg's pages: a merge by our diarienummer as the diarium search reads it (18), the
handled list's proposal and remiss (17), the list's remittent and order (16), the check table's copy address (9), the
nämnd default (12), the forwarded mail's Inkom (8) and an Outlook .msg read by inbox-import (4)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from email.message import EmailMessage

from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.intake.reading import ReadLimits
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_remiss

POLLED = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def mail(subject: str, body: str, message_id: str, *, sender: str = "Rita Registrator <registrator@sofo.example>",
         sent: str = "Tue, 01 Dec 2026 08:30:00 +0100") -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, sender, "registrator@sofo.example"
    message["Date"], message["Message-ID"] = sent, message_id
    message.set_content(body)
    return bytes(message)


def receive(db, app, raw: bytes, *, now: datetime = POLLED, filename: str = "") -> int:
    from remiss.intake.service import inbox

    extra = {"filename": filename} if filename else {}
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=now, raw=raw, files_dir=app.config["FILES_DIR"],
                                   limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]), **extra)
        return message.id


COMPLEMENT = """Hej,

Här kommer bilaga 2 till remissen om förslag till avfallsplan, som saknades i utskicket.

Med vänlig hälsning
Kommunstyrelsen
"""


def test_merge_accepts_our_dnr_as_the_diarium_search_reads_it(client, auth, app, db, session, clock):
    """Finding 18: "sofo 2026/8" for SOFÖ 2026/0008 was refused ("Ingen remiss med diarienummer sofo 2026/8")."""
    clock.set(POLLED)
    namnd = world(session)
    namnd.dnr_prefix = "SOFÖ"
    session.commit()
    target = make_remiss(session, namnd=namnd, title="Förslag till avfallsplan", our_dnr="SOFÖ 2026/0008")
    session.commit()
    message_id = receive(db, app, mail("VB: Komplettering bilaga 2", COMPLEMENT, "<kompl@w12>"))
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message_id}"
    response = auth.post(f"{url}/sammanfor", {"our_dnr": "sofo 2026/8"}, form_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with db.transaction() as s:
        merged = s.get(InboxMessage, message_id)
        assert merged.status == "merged" and merged.remiss_id == target.id


EXTENSION = """Hej,

Socialdepartementet förlänger remisstiden för remissen av Ds 2023:23 Ett utvidgat skydd (S2023/02208).
Remissvaren ska i stället ha kommit in till Socialdepartementet senast den 12 februari 2027.

Med vänlig hälsning
Socialdepartementet
"""


def _ds_remiss(session, namnd):
    namnd.dnr_prefix = "SOFÖ"
    session.commit()
    remiss = make_remiss(session, namnd=namnd, title="Ds 2023:23 Ett utvidgat skydd", our_dnr="SOFÖ 2026/0006",
                         remittent="Socialdepartementet", sender_dnr="S2023/02208", deadline_on=date(2027, 1, 15),
                         deadline_time=None)
    session.commit()
    return remiss


def test_a_handled_extension_keeps_its_proposal_and_links_its_remiss(client, auth, app, db, session, clock):
    """Finding 17: in Visa hanterade a merged extension notice said "Ny remiss" and named no remiss."""
    clock.set(POLLED)
    remiss = _ds_remiss(session, world(session))
    message_id = receive(db, app, mail("VB: Förlängd svarstid - Remiss av Ds 2023:23", EXTENSION, "<forl@w12>"))
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message_id}"
    response = auth.post(f"{url}/sammanfor", {"remiss_id": str(remiss.id), "extend": "1"}, form_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get("/inkorg?visa=hanterade").get_data(as_text=True)
    row = page.split("VB: Förlängd svarstid")[1].split("</tr>")[0]
    assert "Ny remiss" not in row
    assert "Förlängning av" in row and f'href="/remisser/{remiss.id}"' in row
    assert "Sammanförd med" in row and "SOFÖ 2026/0006" in row


SUNDSVALL = """FYI

---------- Forwarded message ---------
From: Sundsvalls kommun <kommunstyrelsen@sundsvall.se>
Date: Thu, Nov 26, 2026 at 9:12 AM
Subject: Samråd renhållningsordning 2027-2035
To: <registrator@sofo.example>


Renhållningsordning 2027-2035

Sundsvalls kommun ställer ut ett nytt förslag till renhållningsordning med avfallsplan och föreskrifter.
Synpunkter skickas till: Sundsvalls kommun, kommunstyrelsen, 85185 Sundsvall alternativt med e-post till:
kommunstyrelsen@sundsvall.se. Ange diarienummer KS-2026-00364. Synpunkter ska vara hos Sundsvalls kommun senast
den 29 januari 2027.
"""


def _value(page: str, name: str) -> str:
    from tests.intake.test_paste_seed000 import input_value

    return input_value(page, name)


def test_a_forward_proposes_the_remittents_day_as_inkom_and_says_both(client, auth, app, db, session, clock):
    """Finding 8: Inkom was the day the mail was forwarded (1 December), not the day Sundsvall sent it (26 November)."""
    clock.set(POLLED)
    world(session)
    message_id = receive(db, app, mail("Fwd: Samråd renhållningsordning 2027-2035", SUNDSVALL, "<sundsvall@w12>"))
    auth.login("sekr@malmo.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert _value(page, "received_on") == "2026-11-26"
    assert "Remittentens e-post skickades 26 november 2026; vidarebefordrad 1 december 2026 kl. 08.30." in page
    assert "ändra till 2026-12-01" in page


def test_a_mail_sent_straight_to_the_mailbox_keeps_its_own_day(client, auth, app, db, session, clock):
    clock.set(POLLED)
    world(session)
    body = SUNDSVALL.split("To: <registrator@sofo.example>\n", 1)[1]
    message_id = receive(db, app, mail("Samråd renhållningsordning 2027-2035", body, "<direct@w12>",
                                       sender="Sundsvalls kommun <kommunstyrelsen@sundsvall.se>"))
    auth.login("sekr@malmo.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert _value(page, "received_on") == "2026-12-01"
    assert "Dagen e-postmeddelandet skickades till brevlådan, 1 december 2026 kl. 08.30." in page


HAV = """Hej!

---------- Forwarded message ---------
From: Havs- och vattenmyndigheten <havochvatten@havochvatten.se>
Date: Mon, Nov 30, 2026 at 10:00 AM
Subject: Remiss Havsplaner för Sverige, granskningshandling
To: <registrator@sofo.example>

Havs- och vattenmyndigheten remitterar förslag till havsplaner. Dnr 666-26.
Svar senast den 8 januari 2027 till havochvatten@havochvatten.se.
"""


def test_the_list_shows_the_remittent_and_the_oldest_inkom_first(client, auth, app, db, session, clock):
    """Finding 16: "Från" was the forwarding registrator on every row, and the rows were in no visible order."""
    clock.set(POLLED)
    world(session)
    receive(db, app, mail("Remiss: Reviderade lokala föreskrifter", "Remiss av reviderade lokala föreskrifter.\n"
                          "Svar senast den 5 april 2027.", "<direct@w12>", sender="Krokoms kommun <kommun@krokom.se>",
                          sent="Wed, 02 Dec 2026 10:30:00 +0100"))
    receive(db, app, mail("Fwd: Samråd renhållningsordning 2027-2035", SUNDSVALL, "<sundsvall@w12>"))
    receive(db, app, mail("Fwd: Remiss Havsplaner", HAV, "<hav@w12>", sent="Tue, 01 Dec 2026 14:00:00 +0100"))
    auth.login("sekr@malmo.se")
    page = client.get("/inkorg").get_data(as_text=True)
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:3]
    assert ["Samråd renhållningsordning" in rows[0], "Havsplaner" in rows[1], "föreskrifter" in rows[2]] == [True] * 3
    sender_cell = rows[0].split("</td>")[1]
    assert "Sundsvalls kommun" in sender_cell.split("<br>")[0]
    assert "via Rita Registrator" in sender_cell
    assert "26 november 2026" in rows[0].split("</td>")[2] and "vidarebefordrad" in rows[0].split("</td>")[2]
    assert "Krokoms kommun" in rows[2].split("</td>")[1] and "via" not in rows[2].split("</td>")[1]


SOCIALDEP = """Hej, se remissen nedan.

Från: Socialdepartementet <s.registrator@regeringskansliet.se>
Skickat: den 2 december 2026 14:05
Till: Malmö kommun <malmo.stad@malmo.se>
Ämne: Remiss av Ds 2023:23 Ett utvidgat skydd

Remiss av Ds 2023:23 Ett utvidgat skydd
Diarienummer S2023/02208
Remissvaren ska ha kommit in till Socialdepartementet senast den 15 januari 2027.
Svaren bör lämnas per e-post till s.remissvar@regeringskansliet.se och med kopia till
louise.a.andersson@regeringskansliet.se.
Synpunkter kan också skickas till:
Socialdepartementet, 103 33 Stockholm
"""


def _row(page: str, label: str) -> str:
    table = page.split("Följer med in i remissen")[1].split("</table>")[0]
    return table.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]


def test_the_check_table_shows_the_copy_and_postal_address_and_registers_them(client, auth, app, db, session,
                                                                               clock):
    """Finding 9: the copy address was registered but not shown; the postal address neither shown nor registered."""
    from remiss.remisser.models import Remiss

    clock.set(POLLED)
    namnd = world(session)
    message_id = receive(db, app, mail("VB: Remiss av Ds 2023:23", SOCIALDEP, "<socialdep@w12>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message_id}"
    page = client.get(url).get_data(as_text=True)
    copy = _row(page, "Kopia till")
    assert "louise.a.andersson@regeringskansliet.se" in copy and "med kopia till" in copy
    postal = _row(page, "Svar till adress")
    assert "Socialdepartementet, 103 33 Stockholm" in postal and "skickas till" in postal
    form = {"namnd_id": str(namnd.id), "title": _value(page, "title"), "remittent": _value(page, "remittent"),
            "sender_dnr": _value(page, "sender_dnr"), "received_on": _value(page, "received_on"),
            "deadline_on": _value(page, "deadline_on"), "deadline_time": ""}
    response = auth.post(f"{url}/registrera", form, form_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with db.transaction() as s:
        remiss = s.get(Remiss, s.get(InboxMessage, message_id).remiss_id)
        assert remiss.copy_emails and "louise.a.andersson" in str(remiss.copy_emails)
        assert remiss.answer_address == "Socialdepartementet, 103 33 Stockholm"
        assert remiss.received_on == date(2026, 12, 2)  # the remittent's day (finding 8)


def _selected(page: str) -> str:
    import re

    select = page.split('<select id="f-namnd_id"')[1].split("</select>")[0]
    found = re.search(r'<option value="(\d+)" selected>', select)
    return found.group(1) if found else ""


def test_a_letter_to_the_kommun_proposes_kommunstyrelsen_on_the_first_registration(client, auth, app, db, session,
                                                                                   clock):
    """Finding 12: the first registration had no default although the letter is addressed "Till: Malmö kommun"."""
    from tests.intake.test_walk8_namnd import _two_namnder

    clock.set(POLLED)
    ks, oster, user = _two_namnder(session)
    message_id = receive(db, app, mail("VB: Remiss av Ds 2023:23", SOCIALDEP, "<socialdep@w12>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    auth.login("reg@kommun.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert _selected(page) == str(ks.id)
    assert "Ansvarig nämnd (Kommunstyrelsen) föreslås eftersom remissen är ställd till kommunen (”Till: Malmö " \
           "kommun”)" in page


def extension_of_a_ks_remiss(app, db, session, clock, message_id: str):
    """A Kommunstyrelsen remiss, then one of Öster registered last by reg@kommun.se, and the Kommunstyrelsen remiss's
    extension notice received. Return Kommunstyrelsen, its remiss and the notice's id."""
    from remiss.remisser.models import Remiss
    from tests.intake.test_walk8_namnd import _two_namnder

    clock.set(POLLED)
    ks, oster, user = _two_namnder(session)
    registered = make_remiss(session, namnd=ks, title="Ds 2023:23 Ett utvidgat skydd", remittent="Socialdepartementet",
                             sender_dnr="S2023/02208", deadline_on=date(2027, 1, 15), deadline_time=None)
    later = make_remiss(session, namnd=oster, title="Senast registrerad")
    session.get(Remiss, later.id).created_by_id = user.id
    session.commit()
    notice = mail("VB: Förlängd svarstid - Remiss av Ds 2023:23", EXTENSION, message_id)
    return ks, registered, receive(db, app, notice)


def test_a_mail_to_a_registered_remiss_takes_its_namnd_not_the_last_used(client, auth, app, db, session, clock):
    """Finding 12: the extension notice of a Kommunstyrelsen remiss defaulted to the nämnd registered for last."""
    ks, registered, message_id = extension_of_a_ks_remiss(app, db, session, clock, "<forl@w12>")
    auth.login("reg@kommun.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert _selected(page) == str(ks.id)
    assert f"Förvald: samma nämnd som {registered.our_dnr}, den remiss meddelandet hör till – kontrollera." in page


def test_no_rule_says_why_nothing_is_chosen(client, auth, app, db, session, clock):
    from tests.intake.test_walk8_namnd import _two_namnder

    clock.set(POLLED)
    _two_namnder(session)
    message_id = receive(db, app, mail("Fwd: Samråd renhållningsordning 2027-2035", SUNDSVALL, "<sundsvall@w12>"))
    auth.login("reg@kommun.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert _selected(page) == ""
    assert "Välj nämnd: missivet nämner ingen av dina nämnder" in page


def test_inbox_import_reads_an_outlook_msg_as_the_form_does(app, db, session, runner, tmp_path):
    """Finding 4: a .msg was taken as an .eml: "(inget ämne)", nothing read, the attachment gone."""
    import json

    from tests.intake.letters import rk_msg

    world(session)
    path = tmp_path / "VB Remiss.msg"
    path.write_bytes(rk_msg())
    result = runner.invoke(args=["inbox-import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 nytt meddelande i Inkorgen" in result.output
    with db.transaction() as s:
        message = s.exec(select(InboxMessage)).one()
        assert message.subject == "VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"
        assert "Registrator Regeringskansliet" in message.sender
        values = json.loads(message.form_values)
        assert values["sender_dnr"] == "Fi2024/00345" and values["deadline_on"] == "2024-05-15"
        stored = json.loads(message.files)
        assert stored[0]["filename"].endswith(".msg") and stored[0]["content_type"] == "application/vnd.ms-outlook"
        assert "Fi2024-00345 Remiss.pdf" in [f["filename"] for f in stored]
    again = runner.invoke(args=["inbox-import", str(path)])
    assert "0 nya meddelanden i Inkorgen, 1 fanns redan." in again.output


def test_inbox_import_refuses_what_it_cannot_read_and_stores_nothing(app, db, session, runner, tmp_path):
    from tests.intake.letters import rk_pdf

    world(session)
    pdf = tmp_path / "Remiss.pdf"
    pdf.write_bytes(rk_pdf())
    broken = tmp_path / "Trasig.msg"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = runner.invoke(args=["inbox-import", str(pdf), str(broken)])
    assert result.exit_code == 1
    assert "Remiss.pdf är inget e-postmeddelande (.eml eller .msg) och lästes inte in." in result.output
    assert "Trasig.msg lästes inte in:" in result.output
    assert "2 filer lästes inte in." in result.output
    with db.transaction() as s:
        assert s.exec(select(InboxMessage)).all() == []


def test_a_letter_to_the_kommun_about_a_registered_remiss_keeps_that_remisss_namnd(client, auth, app, db, session,
                                                                                   clock):
    """The kommun rule is weaker than the remiss the mail belongs to: its nämnd, not Kommunstyrelsen."""
    from tests.intake.test_walk8_namnd import _two_namnder

    clock.set(POLLED)
    ks, oster, user = _two_namnder(session)
    registered = make_remiss(session, namnd=oster, title="Ds 2023:23 Ett utvidgat skydd",
                             remittent="Socialdepartementet", sender_dnr="S2023/02208", deadline_on=date(2027, 1, 15))
    session.commit()
    message_id = receive(db, app, mail("VB: Remiss av Ds 2023:23", SOCIALDEP, "<socialdep@w12>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    auth.login("reg@kommun.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert _selected(page) == str(oster.id)
    assert f"samma nämnd som {registered.our_dnr}" in page
