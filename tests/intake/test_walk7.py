"""A registrator's first walk through the Inkorg (round h-walk7fix): each finding, failing before and passing after."""
from __future__ import annotations

from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.parser import is_greeting
from remiss.missiv.questions import find_questions
from remiss.missiv.sandlista import find_sandlista

WALK7 = Path(__file__).resolve().parent.parent / "data" / "walk7"


def text(name: str) -> str:
    return (WALK7 / name).read_text(encoding="utf-8")


# e. A greeting is never the title.

@pytest.mark.parametrize("line", ["Hej!", "Hej alla,", "Till remissinstanserna", "Med vänlig hälsning",
                                  "Med vänliga hälsningar", "Bästa hälsningar", "Kära kollegor"])
def test_a_salutation_or_closing_is_a_greeting(line):
    assert is_greeting(line)


@pytest.mark.parametrize("line", ["Bästa möjliga skola för alla", "Remiss av förslag till ny taxa",
                                  "Hejdå plastpåsar – förslag till avfallsplan"])
def test_a_title_that_starts_like_a_greeting_is_not_one(line):
    assert not is_greeting(line)


@pytest.mark.parametrize("name", ["greeting-kommun.txt", "till-remissinstanserna.txt"])
def test_the_greeting_of_a_real_letter_is_not_its_title(name):
    result = parse_missiv(text(name))
    assert result.title is None or not is_greeting(result.title)
    assert "Ingen ärendemening (titel) hittades." in result.warnings or result.title


# f. Lists stop at the signature and at a quoted mail's header.

def test_questions_and_sandlista_stop_at_the_signature():
    result = parse_missiv(text("greeting-kommun.txt"))
    assert result.questions == ["Är målen i planen rimliga för er verksamhet?",
                                "Vilka åtgärder saknas för att minska matsvinnet?"]
    assert result.sandlista == ["Kommunstyrelsen", "Miljö- och byggnadsnämnden", "Tekniska nämnden", "Eksjö Energi AB"]
    result = parse_missiv(text("till-remissinstanserna.txt"))
    assert result.sandlista == ["Eksjö kommun", "Gislaveds kommun", "Jönköpings kommun"]  # not "… Per Lindqvist"


def test_lists_stop_at_a_quoted_mail_header():
    letter = text("forward-quoted.txt")
    assert find_questions(letter)[0] == ["Behövs övergångsregler för pågående ärenden?",
                                         "Hur påverkas handläggningstiderna?"]
    assert find_sandlista(letter).names == ("Kommunstyrelsen", "Byggnadsnämnden", "Barn- och utbildningsnämnden")


def test_a_signature_after_a_numbered_sandlista_is_not_joined_to_its_last_entry():
    found = find_sandlista("Sändlista\n1. Kommunstyrelsen\n2. Miljönämnden\nAnna Berg\nUtredare\n08-123 45 67\n")
    assert found.names == ("Kommunstyrelsen", "Miljönämnden")


def test_questions_in_one_paragraph_stop_at_the_closing():
    found = find_questions("Vi önskar särskilt synpunkter på följande frågor:\n- Hur påverkas verksamheten?\n"
                           "- Vilka kostnader uppstår?\nMed vänlig hälsning\nAnna Berg\nTel. 08-123 45 67\n")[0]
    assert found == ["Hur påverkas verksamheten?", "Vilka kostnader uppstår?"]


# i. A saved web page's menu is no list of frågeställningar.

def test_menu_items_are_not_questions():
    assert find_questions("Frågor\n- Start\n- Om kommunen\n- Kontakta oss\n- Press\n")[0] == []
    assert find_questions("Frågor\n- Kontakta oss\n- Felanmälan\n- Öppettider\n")[0] == []
    # a real list of topics still counts
    assert find_questions("Vi önskar särskilt synpunkter på följande:\n- Finansieringen av åtgärderna\n"
                          "- Tidplanen för genomförandet\n")[0] == ["Finansieringen av åtgärderna",
                                                                    "Tidplanen för genomförandet"]


def test_a_saved_pages_feedback_box_and_links_are_not_questions():
    from remiss.intake.webpage import main_text

    page = main_text((WALK7 / "feedback-page.html").read_bytes(), max_elements=100_000)
    assert "Hittade du det du sökte?" in page  # the page as read: the box is there, below the letter
    assert parse_missiv(page).questions == ["Är målen i planen rimliga för er verksamhet?", "Vilka åtgärder saknas?"]


# The Inkorg: mails received as the scheduler's poll receives them (remiss.intake.service.inbox.receive).

import json  # noqa: E402
import re  # noqa: E402
from datetime import date, datetime, timezone  # noqa: E402
from email.message import EmailMessage  # noqa: E402

from sqlmodel import select  # noqa: E402

from remiss.auth.models import Role  # noqa: E402
from remiss.auth.service import create_api_token  # noqa: E402
from remiss.intake.service import batches, inbox, matching  # noqa: E402
from remiss.intake.models import InboxMessage  # noqa: E402
from remiss.intake.reading import ReadLimits  # noqa: E402
from remiss.intake.scheduled import new_messages  # noqa: E402
from remiss.planning.models import Extension  # noqa: E402
from remiss.remisser.models import Attachment, Remiss  # noqa: E402
from tests.intake.letters import promemoria_pdf, rk_pdf  # noqa: E402
from tests.support.factories import T0, make_namnd, make_remiss, make_user  # noqa: E402

POLLED = datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc)  # a week after the mails were sent
RK_TEXT = """Remiss av promemorian Sänkt skatt på arbetsinkomster

Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024. Svaren bör lämnas per e-post till
fi.remissvar@regeringskansliet.se. Ange diarienummer Fi2024/00345 och remissinstansens namn i ämnesraden.

Remissen ställs till Miljönämnden.
"""


def mail(subject: str, body: str, message_id: str, *, date_header: str = "Mon, 12 Feb 2024 23:30:00 +0000",
         attachments: tuple = (), inner: bytes | None = None, headers: dict | None = None) -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, "registrator@regeringskansliet.se", "ks@malmo.se"
    message["Date"], message["Message-ID"] = date_header, message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for filename, data in attachments:
        message.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    if inner is not None:
        message.add_attachment(inner, maintype="message", subtype="rfc822", filename="Vidarebefordrat.eml")
    return bytes(message)


def receive(db, app, raw: bytes, now: datetime = POLLED) -> InboxMessage:
    with db.transaction() as s:
        message, _ = inbox.receive(s, now=now, raw=raw, files_dir=app.config["FILES_DIR"],
                                    limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        s.expunge(message)
        return message


@pytest.fixture
def kommun(session):
    """Two nämnder the registrator may register for, so that the missiv's hint decides the preselected one."""
    miljo = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    ks = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    user = make_user(session, role=Role.registrator, namnder=[ks, miljo], email="reg@malmo.se")
    session.commit()
    return miljo, ks, user


def register_now(auth, message_id: int, **fields):
    url = f"/inkorg/{message_id}"
    return auth.post(f"{url}/registrera", fields, form_url=url)


def page_fields(page: str) -> dict:
    found = dict(re.findall(r'<input id="f-(\w+)" name="\w+" type="text" value="([^"]*)"', page))
    selected = re.search(r'<select id="f-namnd_id".*?<option value="(\d+)" selected', page, re.S)
    found["namnd_id"] = selected.group(1) if selected else ""
    return found


def test_inkom_is_the_mails_date_in_stockholm_and_the_registered_remiss_gets_it(client, auth, app, db, session,
                                                                                kommun, clock):
    """a, d: 23.30 UTC on 12 February is 00.30 on the 13th in Stockholm; the poll a week later changes nothing."""
    miljo, _, user = kommun
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<rk@x>"))
    assert json.loads(message.form_values)["received_on"] == "2024-02-13"
    auth.login("reg@malmo.se")
    assert "1 meddelande väntar i inkorgen" in client.get("/").get_data(as_text=True)
    listing = client.get("/inkorg").get_data(as_text=True)
    assert "13 februari 2024 kl. 00.30" in listing and "20 februari 2024" not in listing
    page = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert "Ämne:" in page and "13 februari 2024 kl. 00.30" in page
    fields = page_fields(page)
    assert fields["namnd_id"] == str(miljo.id)  # "Remissen ställs till Miljönämnden", though KS comes first
    assert (fields["received_on"], fields["deadline_on"], fields["sender_dnr"]) == \
        ("2024-02-13", "2024-05-15", "Fi2024/00345")
    # one click: the fields as the page shows them, nothing else filled in
    response = register_now(auth, message.id, **fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        assert (remiss.received_on, remiss.namnd_id, remiss.deadline_on) == \
            (date(2024, 2, 13), miljo.id, date(2024, 5, 15))
        assert s.get(InboxMessage, message.id).status == "registered"
        assert [a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == remiss.id))][0]\
            .endswith(".eml")
        remiss_id, our_dnr = remiss.id, remiss.our_dnr
    assert "13 februari 2024" in client.get(f"/remisser/{remiss_id}").get_data(as_text=True)
    assert "väntar i inkorgen" not in client.get("/").get_data(as_text=True)  # Att göra: nothing left to handle
    token = create_api_token(session, now=T0, user=session.get(type(user), user.id))
    session.commit()
    api = client.get(f"/api/v1/remisser/{remiss_id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert api["received_on"] == "2024-02-13" and api["our_dnr"] == our_dnr


def test_a_missing_required_field_is_named_and_nothing_typed_is_lost(client, auth, app, db, kommun, clock):
    """d: no deadline in the mail, a title typed: the message names Sista svarsdag and keeps the title."""
    clock.set(POLLED)
    message = receive(db, app, mail("Remiss", "Hej! Vi skickar en remiss om ny taxa.", "<taxa@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    fields.update(title="Förslag till ny renhållningstaxa", remittent="Tekniska förvaltningen", namnd_id="")
    response = register_now(auth, message.id, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Sista svarsdag saknas" in page and "Ansvarig nämnd saknas" in page
    assert 'value="Förslag till ny renhållningstaxa"' in page and 'value="Tekniska förvaltningen"' in page
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == [] and s.get(InboxMessage, message.id).status == "pending"


def test_a_passed_deadline_is_confirmed_before_registering(client, auth, app, db, kommun, clock):
    """h: one click registers a remiss with a future deadline; a passed one asks first."""
    miljo, _, _ = kommun
    clock.set(datetime(2024, 6, 1, 9, 0, tzinfo=timezone.utc))  # after 15 May 2024
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt", RK_TEXT, "<late@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    response = register_now(auth, message.id, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Sista svarsdagen har redan passerat" in page and "15 maj 2024" in page
    assert "Datumet stämmer – registrera ändå" in page
    response = register_now(auth, message.id, **fields, confirm_past_deadline="1")
    assert response.status_code == 302
    with db.transaction() as s:
        assert s.exec(select(Remiss)).one().deadline_on == date(2024, 5, 15)


def test_the_list_says_finns_redan_with_the_merge_action(client, auth, app, db, session, kommun, clock):
    """b: registered after the mail arrived, matched by the remittent's diarienummer, merged from the list."""
    miljo, _, _ = kommun
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<b@x>"))
    remiss = make_remiss(session, namnd=miljo, title="Remiss av promemorian Sänkt skatt på arbetsinkomster",
                         remittent="Finansdepartementet", sender_dnr="Fi 2024/345")
    session.commit()
    same_title = receive(db, app, mail("Remiss av promemorian Sänkt skatt på arbetsinkomster",
                                       "Finansdepartementet skickar promemorian på remiss.", "<t@x>"))
    session.commit()
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert listing.count(f"Finns redan: <a href=\"/remisser/{remiss.id}\">{remiss.our_dnr} {remiss.title}</a>") == 2
    assert f"För samman med {remiss.our_dnr}" in listing
    response = auth.post(f"/inkorg/{message.id}/sammanfor", {"remiss_id": remiss.id}, form_url="/inkorg")
    assert response.status_code == 302
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "merged"
        assert s.get(InboxMessage, same_title.id).status == "pending"


def test_a_file_is_kept_once(client, auth, app, db, session, kommun, clock):
    """c: the same PDF in the mail and in its forwarded inner message, and again in a later mail."""
    miljo, _, _ = kommun
    clock.set(POLLED)
    inner = mail("Remiss av promemorian Sänkt skatt", RK_TEXT, "<inner@x>",
                 attachments=(("Fi2024-00345 Remiss.pdf", rk_pdf()),))
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt", "Se nedan.", "<outer@x>",
                                    attachments=(("Fi2024-00345 Remiss.pdf", rk_pdf()),
                                                 ("Promemoria.pdf", promemoria_pdf())), inner=inner))
    names = [f["filename"] for f in json.loads(message.files)]
    assert names.count("Fi2024-00345 Remiss.pdf") == 1 and "Promemoria.pdf" in names
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    fields["namnd_id"] = str(miljo.id)
    response = register_now(auth, message.id, **fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    again = receive(db, app, mail("Komplettering: Sänkt skatt", "Promemorian igen, med remissen.", "<again@x>",
                                  attachments=(("Promemoria (1).pdf", promemoria_pdf()),)))
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
    assert auth.post(f"/inkorg/{again.id}/sammanfor", {"our_dnr": remiss.our_dnr},
                     form_url=f"/inkorg/{again.id}").status_code == 302
    with db.transaction() as s:
        kept = [a.filename for a in s.exec(select(Attachment).where(Attachment.remiss_id == remiss.id))]
    assert kept.count("Fi2024-00345 Remiss.pdf") == 1 and "Promemoria.pdf" in kept
    assert "Promemoria (1).pdf" not in kept  # the same bytes arriving again
    assert any(name.startswith("Komplettering") for name in kept)  # the new mail itself is new


EXTENSION_NO_DATE = """Remisstiden för remissen Skärpta straff för vapenbrott (Ju2023/04567) har förlängts.
Det nya datumet framgår av bifogat beslut.

Med vänlig hälsning
Per Ek
Justitiedepartementet
"""


def test_an_extension_without_a_read_date_asks_for_it(client, auth, app, db, session, kommun, clock):
    """g: the Inkorg path asks for the day (and time) instead of merging with no extension recorded."""
    miljo, _, _ = kommun
    clock.set(POLLED)
    remiss = make_remiss(session, namnd=miljo, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    message = receive(db, app, mail("Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)",
                                    EXTENSION_NO_DATE, "<ext@x>"))
    assert message.extension_to is None and message.match_remiss_id == remiss.id
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'id="f-until_on"' in page and "Datumet kunde inte läsas ur brevet" in page
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id, "extend": "1", "until_on": ""}, form_url=url)
    assert response.status_code == 400 and "Ange den nya sista svarsdagen" in response.get_data(as_text=True)
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "pending"
        assert s.exec(select(Extension)).all() == []
    response = auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id, "extend": "1", "until_on": "30 april 2024",
                                              "until_time": "12:00"}, form_url=url)
    assert response.status_code == 302
    with db.transaction() as s:
        granted = s.exec(select(Extension)).one()
        assert (granted.granted_until_on, str(granted.granted_until_time)[:5]) == (date(2024, 4, 30), "12:00")


def test_the_form_path_asks_for_the_extension_day_too(client, auth, session, db, kommun, clock):
    """g: the letter pasted in Registrera från missivet, matched to the registered remiss."""
    from tests.intake.test_paste_seed000 import paste

    miljo, _, _ = kommun
    clock.set(POLLED)
    remiss = make_remiss(session, namnd=miljo, title="Remiss av promemorian Skärpta straff för vapenbrott",
                         remittent="Justitiedepartementet", sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29))
    session.commit()
    auth.login("reg@malmo.se")
    response = paste(auth, "Förlängd remisstid – Skärpta straff för vapenbrott (Ju2023/04567)\n\n" + EXTENSION_NO_DATE)
    form_url = response.headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert 'id="f-until_on"' in page and "Datumet kunde inte läsas ur brevet" in page
    token = form_url.split("=", 1)[1]
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": remiss.id, "extend": "1"},
                         form_url=form_url)
    assert response.status_code == 400 and 'id="f-until_on"' in response.get_data(as_text=True)  # the form again
    with db.transaction() as s:
        assert s.exec(select(Extension)).all() == []
    response = auth.post(f"/remisser/ny/missiv/{token}/forlang", {"remiss_id": remiss.id, "extend": "1",
                                                                   "until_on": "2024-04-30"}, form_url=form_url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/remisser/{remiss.id}")
    with db.transaction() as s:
        assert s.exec(select(Extension)).one().granted_until_on == date(2024, 4, 30)


def test_swedish_plurals_and_undo_of_a_dismissal(client, auth, app, db, kommun, clock):
    """h."""
    assert (new_messages(1), new_messages(3), new_messages(0)) == \
        ("1 nytt meddelande", "3 nya meddelanden", "0 nya meddelanden")
    clock.set(POLLED)
    message = receive(db, app, mail("Lunch?", "Lunch på fredag?", "<lunch@x>"))
    auth.login("reg@malmo.se")
    url = f"/inkorg/{message.id}"
    assert auth.post(f"{url}/avvisa", form_url=url).status_code == 302
    assert "Ångra avvisningen" in client.get(url).get_data(as_text=True)
    assert auth.post(f"{url}/atervand", form_url=url).status_code == 302
    with db.transaction() as s:
        assert s.get(InboxMessage, message.id).status == "pending"
    assert "Ångra avvisningen" not in client.get(url).get_data(as_text=True)


def test_a_newsletter_is_no_proposed_remiss(client, auth, app, db, kommun, clock):
    """i: listed, marked as probably no remiss, its subject never the title."""
    clock.set(POLLED)
    letter = mail("Nyhetsbrev: Nya remisser och samråd i december", "Nyheter om remisser från SKR. "
                  "Remiss av förslag till ny avfallsförordning, svar senast 1 mars 2024.", "<news@x>",
                  headers={"List-Unsubscribe": "<mailto:avregistrera@skr.se>"})
    message = receive(db, app, letter)
    assert json.loads(message.form_values)["title"] == ""
    assert not inbox.looks_like_remiss(message)
    auth.login("reg@malmo.se")
    listing = client.get("/inkorg").get_data(as_text=True)
    assert "Ser inte ut som en remiss: nyhetsbrev" in listing
    assert "Troligen ingen remiss – ett nyhetsbrev" in client.get(f"/inkorg/{message.id}").get_data(as_text=True)


def test_registering_what_finns_redan_is_asked_about_first(client, auth, app, db, session, kommun, clock):
    """b, d: Registrera on a proposal that matches a registered remiss asks before registering it twice."""
    miljo, _, _ = kommun
    clock.set(POLLED)
    remiss = make_remiss(session, namnd=miljo, title="Remiss av promemorian Sänkt skatt på arbetsinkomster",
                         remittent="Finansdepartementet", sender_dnr="Fi2024/00345", deadline_on=date(2024, 5, 15))
    session.commit()
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<d@x>"))
    auth.login("reg@malmo.se")
    page = client.get(f"/inkorg/{message.id}").get_data(as_text=True)
    assert f"Finns redan: <a href=\"/remisser/{remiss.id}\">{remiss.our_dnr}" in page
    assert "Läses som 15 maj 2024." in page  # the deadline in Swedish beside the field
    fields = page_fields(page)
    response = register_now(auth, message.id, **fields)
    assert response.status_code == 400 and "Remissen kan redan vara registrerad" in response.get_data(as_text=True)
    assert register_now(auth, message.id, **fields, confirm_duplicate="1").status_code == 302
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 2


@pytest.mark.parametrize("words, extends", [
    ("Remisstiden för remissen Skärpta straff har förlängts.", True),
    ("Departementet förlänger svarstiden till den sista april.", True),
    ("Behöver ni förlängd svarstid, kontakta oss.", False),  # what every missiv says: no notice
    ("Remisstiden kan inte förlängas.", False),
])
def test_an_extension_notice_is_told_from_a_missiv_that_mentions_extensions(words, extends):
    """g: only a notice asks for the new day; a supplement to a remiss merges without one."""
    assert matching.mentions_extension({"missiv_text": words}) is extends


def test_opening_the_full_form_keeps_what_was_corrected(client, auth, app, db, kommun, clock):
    """d: "Öppna i registreringsformuläret i stället" carries the corrections made on the proposal page."""
    from tests.intake.test_paste_seed000 import input_value

    _, ks, _ = kommun
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster", RK_TEXT, "<o@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    fields.update(title="Sänkt skatt på arbetsinkomster (rättad)", namnd_id=str(ks.id), oppna="1")
    response = register_now(auth, message.id, **fields)
    assert response.status_code == 302 and "/remisser/ny?missiv=" in response.headers["Location"]
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    assert input_value(form, "title") == "Sänkt skatt på arbetsinkomster (rättad)"
    assert input_value(form, "received_on") == "2024-02-13"
    assert re.search(rf'<option value="{ks.id}" selected', form)


def test_without_a_mailbox_the_inkorg_does_not_say_no_mail_is_shown_above_mail_it_shows(client, auth, app, db,
                                                                                        kommun, clock):
    """walk11 finding 29: messages read in by hand (remiss inbox-import) and no mailbox polled."""
    app.config["IMAP_URL"] = ""
    auth.login("reg@malmo.se")
    empty = client.get("/inkorg").get_data(as_text=True)
    assert "så här visas ingen e-post" in empty
    clock.set(POLLED)
    receive(db, app, mail("Remiss: Ny avfallsplan", "Remiss av förslag till avfallsplan, svar senast 1 mars 2024.",
                          "<avfall@x>"))
    listing = client.get("/inkorg").get_data(as_text=True)
    assert "1 meddelande att hantera" in listing
    assert "så här visas ingen e-post" not in listing
    assert "Ingen brevlåda hämtas automatiskt: meddelandena nedan är inlästa för hand." in listing
