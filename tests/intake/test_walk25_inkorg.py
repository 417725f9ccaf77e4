"""walk25 (the registrator's mailbox against a real dovecot): what the Inkorg says and does with each mail.

Y1: a "Komplettering till remiss <remittentens dnr> …" of a remiss already registered was offered as Ny remiss (one
click registered it twice). It is matched by the remittent's diarienummer, as an extension notice is, and proposed
as a supplement to merge: its attachments become remisshandlingar of that remiss."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from email.message import EmailMessage
from html import unescape

from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.intake.scheduled import poll_mailbox
from remiss.remisser.models import Attachment, Remiss
from tests.intake.letters import missiv_docx
from tests.intake.test_inbox import imap, messages, pytestmark  # noqa: F401 (fixture, skip without dovecot)
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_remiss

POLLED = datetime(2026, 12, 5, 13, 30, tzinfo=timezone.utc)
SUBJECT = "Komplettering till remiss 501-8426-2026 Åtgärdsprogram 2027-2031 till Skånes miljömål"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def supplement_mail() -> bytes:
    """The walk's mail 8 (/tmp/h-walk25/mails/8.eml): a bilaga that was missing from the first mail."""
    message = EmailMessage()
    message["From"] = "Länsstyrelsen Skåne <skane@lansstyrelsen.se>"
    message["To"] = "registrator@malmo.se"
    message["Subject"] = SUBJECT
    message["Date"] = "Sat, 05 Dec 2026 13:20:00 +0100"
    message["Message-ID"] = "<komplettering-501-8426-2026@lansstyrelsen.se>"
    message.set_content("Hej,\n\nBifogat finns bilaga 3 till remissen Åtgärdsprogram 2027-2031 till Skånes miljömål "
                        "(501-8426-2026), som saknades i första utskicket. Svarstiden är oförändrad.\n\n"
                        "Med vänlig hälsning\nAnna Berg\nLänsstyrelsen Skåne\n")
    major, minor = DOCX.split("/")
    message.add_attachment(missiv_docx(["Bilaga 3", "Åtgärdsområden 1–75"]), maintype=major, subtype=minor,
                           filename="Bilaga 3 Åtgärdsområden.docx")
    return bytes(message)


def visible(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_komplettering_is_matched_by_the_remittents_dnr_and_merged(client, auth, session, app, db, imap):
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Åtgärdsprogram 2027-2031 till Skånes miljömål",
                             remittent="Länsstyrelsen i Skåne län", sender_dnr="501-8426-2026",
                             deadline_on=date(2027, 2, 26))
    session.commit()
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER="Remiss-inlästa")
    imap.deliver(supplement_mail())
    assert poll_mailbox(db, app.config, now=POLLED).new == 1
    message = messages(db)[0]
    assert message.match_remiss_id == registered.id
    assert json.loads(message.form_values)["sender_dnr"] == "501-8426-2026"
    assert "Inget diarienummer från remittenten hittades." not in json.loads(message.warnings)

    auth.login("sekr@malmo.se")
    listing = visible(client.get("/inkorg").get_data(as_text=True))
    assert f"Finns redan: {registered.our_dnr} Åtgärdsprogram 2027-2031 till Skånes miljömål – en komplettering" \
        in listing
    assert "Ny remiss" not in listing and f"För samman med {registered.our_dnr}" in listing
    url = f"/inkorg/{message.id}"
    page = visible(client.get(url).get_data(as_text=True))
    assert (f"Meddelandet ser ut som en komplettering till {registered.our_dnr} Åtgärdsprogram 2027-2031 till "
            "Skånes miljömål (remittentens diarienummer 501-8426-2026)") in page
    # registering anew stays possible, folded under a heading that says what the mail looks like
    assert f"Är det ingen komplettering av {registered.our_dnr}? Registrera meddelandet som en ny remiss" in page

    response = auth.post(f"{url}/sammanfor", {"remiss_id": registered.id}, form_url=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{registered.id}")
    with db.transaction() as s:
        names = {a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == registered.id))}
        assert "Bilaga 3 Åtgärdsområden.docx" in names
        assert s.get(InboxMessage, message.id).status == "merged"
        assert len(s.exec(select(Remiss)).all()) == 1


def remiss_mail(subject: str, date_header: str, message_id: str, body: str = "") -> bytes:
    message = EmailMessage()
    message["From"] = "Lunds kommun <kommunen@lund.se>"
    message["To"] = "registrator@malmo.se"
    message["Subject"] = subject
    message["Date"] = date_header
    message["Message-ID"] = message_id
    message.set_content(body or f"Hej,\n\n{subject}. Vi önskar era synpunkter senast den 26 februari 2027.\n\n"
                                 "Med vänlig hälsning\nLunds kommun\n")
    return bytes(message)


def _polled(session, app, db, imap, *raws: bytes) -> list[InboxMessage]:
    world(session)
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER="Remiss-inlästa")
    for raw in raws:
        imap.deliver(raw)
    poll_mailbox(db, app.config, now=POLLED)
    return messages(db)


def test_inkom_evidence_is_a_swedish_date(client, auth, session, app, db, imap):
    """Y5: the registration form said "Hämtat från: ”E-postmeddelandets datum: Sat, 05 Dec 2026 07:55:00 +0100”"."""
    message, = _polled(session, app, db, imap, remiss_mail("Remiss Avfallsplan 2027–2030",
                                                           "Sat, 05 Dec 2026 07:55:00 +0100", "<avfall@lund.se>"))
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/registrera", {"oppna": "1"}, form_url=url)
    assert response.status_code == 302
    form = visible(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "E-postmeddelandets datum: 5 december 2026 kl. 07.55" in form
    assert "Sat, 05 Dec" not in form


def test_the_inkorg_lists_the_first_come_first_across_what_looks_like_a_remiss(client, auth, session, app, db, imap):
    """Y6: "det som kom in först överst", yet a staff mail of 4 Dec was listed after a remiss of 5 Dec."""
    _polled(session, app, db, imap,
            remiss_mail("Remiss Avfallsplan 2027–2030", "Sat, 05 Dec 2026 07:55:00 +0100", "<avfall@lund.se>"),
            remiss_mail("Julfika på fredag", "Fri, 04 Dec 2026 11:02:00 +0100", "<fika@malmo.se>",
                        body="Hej alla!\n\nVi har julfika på fredag kl. 15 i fikarummet.\n\n/Lisa\n"),
            remiss_mail("Remiss Grönplan för Lund", "Thu, 03 Dec 2026 09:00:00 +0100", "<gron@lund.se>"))
    auth.login("sekr@malmo.se")
    page = client.get("/inkorg").get_data(as_text=True)
    assert "det som kom in först överst" in page
    rows = [visible(row) for row in page.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:3]]
    assert [row.split(" ", 2)[1] for row in rows] == ["Grönplan", "på", "Avfallsplan"], rows
    assert "Ser inte ut som en remiss" in rows[1]


def test_an_extension_card_warns_about_no_field_it_does_not_show(client, auth, session, app, db, imap):
    """Y8: the card "Registrera förlängningen på SOFÖ 2026/0001" was topped by "Texten nämner Malmö stad bara i
    förbigående …; fyll i remittenten." and "Ingen remittent hittades." – there is no remittent to fill in."""
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Förslag till ny IoF-plan", remittent="Kommunstyrelsen",
                             sender_dnr="KS-IOF-2010-00015", deadline_on=date(2026, 12, 18))
    session.commit()
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER="Remiss-inlästa")
    imap.deliver(remiss_mail(
        "Förlängd svarstid: Förslag till ny IoF-plan (KS-IOF-2010-00015)", "Fri, 04 Dec 2026 10:45:00 +0100",
        "<iof@malmo.se>", body="Hej,\n\nMed anledning av många önskemål förlängs svarstiden för remissen Förslag till "
        "ny IoF-plan (Plan för individ- och familjeomsorgen i Malmö stad), diarienummer KS-IOF-2010-00015.\n\n"
        "Nytt sista datum för att lämna svar är den 29 januari 2027.\n\nMed vänliga hälsningar\n"
        "Stadskontoret, Kommunstyrelsen\n").replace(b"Lunds kommun <kommunen@lund.se>",
                                                    b"Kommunstyrelsen =?utf-8?q?Malm=C3=B6?= <ks@malmo.se>"))
    poll_mailbox(db, app.config, now=POLLED)
    message, = messages(db)
    said = json.loads(message.warnings)
    assert any("remittent" in w for w in said), said  # the parser's words, kept with the message
    auth.login("sekr@malmo.se")
    page = visible(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    assert "fyll i remittenten" not in page and "Ingen remittent hittades" not in page


def test_a_long_subject_is_cut_at_a_word_in_the_mails_file_name(client, auth, session, app, db, imap):
    """Y12: the mail was kept as "… 2027-2031 till Skånes mil.eml"."""
    message, = _polled(session, app, db, imap, supplement_mail())
    names = [f["filename"] for f in json.loads(message.files)]
    assert names[0] == "Komplettering till remiss 501-8426-2026 Åtgärdsprogram 2027-2031 till Skånes….eml", names
    assert len(names[0]) <= 80 + len(".eml")
    auth.login("sekr@malmo.se")
    assert "till Skånes….eml" in client.get(f"/inkorg/{message.id}").get_data(as_text=True)


def test_the_address_a_refused_form_leaves_leads_back_to_its_page(client, auth, session, app, db, imap):
    """Y13: reloading /inkorg/1/registrera after Registrera without a nämnd gave "Metoden är inte tillåten här.
    Felkod 405"; so did /inkorg/N/sammanfor and /remisser/N/yttrande/beslut."""
    message, = _polled(session, app, db, imap, remiss_mail("Remiss Avfallsplan 2027–2030",
                                                           "Sat, 05 Dec 2026 07:55:00 +0100", "<avfall@lund.se>"))
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message.id}"
    refused = auth.post(f"{url}/registrera", {"namnd_id": "", "title": "Avfallsplan 2027–2030"}, form_url=url)
    assert refused.status_code == 400 and "Ansvarig nämnd saknas" in refused.get_data(as_text=True)
    for step in ("registrera", "sammanfor", "avvisa"):
        again = client.get(f"{url}/{step}")
        assert again.status_code == 302 and again.headers["Location"] == url, step
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "pending"  # a GET decides nothing
    registered = make_remiss(session, namnd=world_namnd(session), title="Remiss om grönplan")
    session.commit()
    for step in ("beslut", "justering"):
        again = client.get(f"/remisser/{registered.id}/yttrande/{step}")
        assert again.status_code == 302 and again.headers["Location"] == f"/remisser/{registered.id}#beslut"
    assert client.get("/api/v1/remisser/1/yttrande/beslut").status_code == 405  # the API as it was


def world_namnd(session):
    from remiss.namnd.models import Namnd

    return session.exec(select(Namnd)).first()


def test_the_history_says_the_files_came_with_the_mail(client, auth, session, app, db, imap, clock):
    """Y14: "Fil uppladdad av Sara Sekreterare" for the .eml and the attachments registered from the Inkorg."""
    clock.set(POLLED)
    message, = _polled(session, app, db, imap, supplement_mail().replace(b"Komplettering till remiss",
                                                                           b"Remiss"))
    namnd_id = world_namnd(session).id
    session.commit()  # no read left open while the app writes (SQLite)
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message.id}"
    response = auth.post(f"{url}/registrera", {"namnd_id": str(namnd_id), "title": "Åtgärdsprogram",
                                               "deadline_on": "2027-02-26", "received_on": "2026-12-05"},
                         form_url=url)
    assert response.status_code == 302, visible(response.get_data(as_text=True))[-3000:]
    page = visible(client.get(response.headers["Location"]).get_data(as_text=True))
    history = page[page.index("Historik"):]
    assert "Fil uppladdad" not in history
    history = history[history.index("Historik", history.index("Tidplan")):]  # the section, not the link
    assert re.search(r"Fil från e-post i Inkorgen, registrerad av [^:–]+ Fil: – → Bilaga 3 Åtgärdsområden\.docx",
                     history), history
    assert "Avsändare: – → Länsstyrelsen Skåne <skane@lansstyrelsen.se>" in history


def test_an_attachment_sent_twice_under_two_names_is_said_once(client, auth, session, app, db, imap):
    """Y15: "Promemoria … .pdf", the same bytes as "Remiss … .pdf", vanished from Filer without a word."""
    from tests.intake.letters import rk_pdf

    message = EmailMessage()
    message["From"] = "Klimat- och näringslivsdepartementet <kn.registrator@regeringskansliet.se>"
    message["To"] = "registrator@malmo.se"
    message["Subject"] = "Remiss av promemorian Förslag om nya energipolitiska mål (KN2026/04578)"
    message["Date"] = "Thu, 03 Dec 2026 09:10:00 +0100"
    message["Message-ID"] = "<kn2026-04578@regeringskansliet.se>"
    message.set_content("Hej! Bifogat finns remissen och promemorian.\n")
    pdf = rk_pdf()
    for name in ("Remiss Förslag om nya energipolitiska mål.pdf", "Promemoria Förslag om nya energipolitiska mål.pdf"):
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    read, = _polled(session, app, db, imap, bytes(message))
    assert [f["filename"] for f in json.loads(read.files)][1:] == ["Remiss Förslag om nya energipolitiska mål.pdf"]
    auth.login("sekr@malmo.se")
    page = visible(client.get(f"/inkorg/{read.id}").get_data(as_text=True))
    assert ("Bilagan ”Promemoria Förslag om nya energipolitiska mål.pdf” är samma fil som ”Remiss Förslag om nya "
            "energipolitiska mål.pdf” (samma innehåll, ett annat namn) och sparas bara en gång") in page


def test_a_komplettering_without_a_dnr_is_matched_by_the_registered_title_in_its_subject(session, db, app, tmp_path):
    """Y1, the title way: the registered ärendemening within the subject, from the same remittent; a komplettering
    of another remittent's remiss of the same name is no match."""
    from remiss.intake.reading import ReadLimits
    from remiss.intake.service import inbox

    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Åtgärdsprogram 2027-2031 till Skånes miljömål",
                             remittent="Länsstyrelsen i Skåne län", sender_dnr="501-8426-2026")
    session.commit()
    raw = supplement_mail().replace(b"Komplettering till remiss 501-8426-2026", b"Kompletterande handlingar:")
    raw = raw.replace(b" (501-8426-2026)", b"")
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=POLLED, raw=raw, files_dir=str(tmp_path),
                                   limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        assert "501-8426-2026" not in message.subject and message.match_remiss_id == registered.id
        values = json.loads(message.form_values)
        assert inbox.is_supplement(message) and values["remittent"] == "Länsstyrelsen i Skåne län"
        other = dict(values, remittent="Länsstyrelsen i Stockholms län")
        from remiss.intake.service import matching
        assert matching.supplement_of(s, other, message.subject) == (None, "")
