"""walk32 findings about the Inkorg: an e-mail attachment that cannot be read (a ".msg" that is no Outlook file, a
broken PDF) was kept as a remisshandling without a word, so the registrator took the proposal for read from it."""
from __future__ import annotations

import io
from datetime import datetime, timezone
from email.message import EmailMessage

from tests.intake.test_files import upload
from tests.intake.test_paste_seed000 import world
from tests.intake.test_walk12_view import receive

POLLED = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
BODY = ("Hej,\n\nKommunstyrelsen i Exempelby remitterar förslaget till trafikstrategi 2030. Se bifogat missiv.\n"
        "Yttrandet ska ha kommit in senast den 26 mars 2027.\n")


def mail_with(filename: str, data: bytes, subtype: str) -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = ("VB: Remiss – Trafikstrategi 2030", "Eva Ek <eva@ks.example>",
                                                          "registrator@sofo.example")
    message["Date"], message["Message-ID"] = "Mon, 07 Dec 2026 11:10:00 +0100", f"<{filename}@walk32>"
    message.set_content(BODY)
    message.add_attachment(data, maintype="application", subtype=subtype, filename=filename)
    return bytes(message)


FAKE_MSG = ("Remiss trafikstrategi.msg", b"Detta ar ingen Outlook-fil alls, bara text.\n", "vnd.ms-outlook")
BROKEN_PDF = ("Missiv.pdf", b"%PDF-1.4 trasig", "pdf")
SAID = "Den sparas som remisshandling men uppgifterna är inte hämtade ur den."


def test_an_unreadable_attachment_is_named_on_the_inkorg_page(client, auth, app, db, session, clock):
    clock.set(POLLED)
    world(session)
    auth.login("sekr@malmo.se")
    for (filename, data, subtype), said in ((FAKE_MSG, f"Outlook-filen {FAKE_MSG[0]} kunde inte läsas"),
                                            (BROKEN_PDF, f"Bilagan {BROKEN_PDF[0]}: PDF-filen kunde inte läsas")):
        message_id = receive(db, app, mail_with(filename, data, subtype))
        page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
        assert f"{said} (den verkar vara skadad). {SAID}" in page, \
            page[page.find("Observera"):][:1500]
        assert filename in page[page.find("Filer"):]  # nothing lost: the file is still there


def test_an_unreadable_attachment_of_an_uploaded_mail_is_named_on_the_form(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    filename, data, subtype = FAKE_MSG
    response = upload(auth, [(io.BytesIO(mail_with(filename, data, subtype)), "Trafikstrategi.eml")])
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Outlook-filen {filename} kunde inte läsas (den verkar vara skadad). {SAID}" in page, \
        page[page.find("Observera"):][:1500]


EXTENSION = """Region Västmanland
Regionkontoret

Förlängd svarstid – Regional utvecklingsstrategi för Västmanland 2030

Diarienummer: RV 2026-01187

Med anledning av önskemål från flera kommuner ändras svarstiden för remissen.

Ursprunglig svarsdag: 2027-04-15
Ny svarsdag: 2027-05-14

Remissvaren skickas till regionen@regionvastmanland.se.
"""


def test_an_extension_notice_that_matches_no_remiss_is_no_new_remiss_in_the_list(client, auth, app, db, session,
                                                                                 clock):
    """The registered remiss was "Regional utvecklingsstrategi (RUS) för Västmanland 2030": no match, and the list
    proposed "Ny remiss" for a förlängning, where its page said it extends a remiss and asked for our dnr."""
    from tests.intake.test_walk12_view import mail

    clock.set(POLLED)
    world(session)
    message_id = receive(db, app, mail("VB: Förlängd svarstid – Regional utvecklingsstrategi för Västmanland 2030",
                                       EXTENSION, "<rus-ext@walk32>"))
    auth.login("sekr@malmo.se")
    page = client.get("/inkorg").get_data(as_text=True)
    row = page[page.find(f'href="/inkorg/{message_id}"'):]
    row = row[:row.find("</tr>")]
    assert "Förlängning av svarstiden – ingen registrerad remiss stämmer." in row, row
    assert f'href="/inkorg/{message_id}#f-our_dnr">Ange vilken remiss som förlängs</a>' in row
    assert "Ny remiss" not in row
    item = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert 'id="f-our_dnr"' in item and "Meddelandet förlänger svarstiden, men ingen registrerad remiss stämmer" in item


def test_an_extension_notice_finds_the_remiss_whose_title_has_a_parenthesis_more(client, auth, app, db, session,
                                                                                  clock):
    """The registrator registered "Regional utvecklingsstrategi (RUS) för Västmanland 2030"; the notice's "Regional
    utvecklingsstrategi för Västmanland 2030" matched nothing, so the list proposed a new remiss. The same title from
    another remittent is still no match."""
    from datetime import date

    from tests.intake.test_walk12_view import mail
    from tests.support.factories import make_remiss

    clock.set(POLLED)
    namnd = world(session)
    make_remiss(session, namnd=namnd, title="Regional utvecklingsstrategi för Västmanland 2030",
                remittent="Region Uppsala", our_dnr="KS 2026/0001", deadline_on=date(2027, 4, 15))
    registered = make_remiss(session, namnd=namnd, title="Regional utvecklingsstrategi (RUS) för Västmanland 2030",
                             remittent="Region Västmanland", our_dnr="KS 2026/0002", deadline_on=date(2027, 4, 15))
    session.commit()
    message_id = receive(db, app, mail("VB: Förlängd svarstid – Regional utvecklingsstrategi för Västmanland 2030",
                                       EXTENSION, "<rus-ext2@walk32>"))
    auth.login("sekr@malmo.se")
    page = client.get("/inkorg").get_data(as_text=True)
    row = page[page.find(f'href="/inkorg/{message_id}"'):]
    row = row[:row.find("</tr>")]
    assert f'<a href="/remisser/{registered.id}">KS 2026/0002 Regional utvecklingsstrategi (RUS)' in row, row
    assert "Förläng KS 2026/0002 till 14 maj 2027" in row
    item = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert "Ärendemeningen (utom det som står inom parentes) och remittenten stämmer" in item
