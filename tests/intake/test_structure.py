"""The title and sender from a file's structure, end to end through the API and the registration form.

A Word letter whose heading is only marked by its Heading 1 style, a saved länsstyrelse page whose text names its
sender only as "Länsstyrelsen", and PDFs whose title is only in their layout (the largest line) or their
document information: the converters hand these as hints to the parser (remiss.missiv.hints).
"""
import io
import json
from pathlib import Path

import docx
from sqlmodel import select

from remiss.auth.models import Role
from remiss.intake.models import InboxMessage
from tests.intake.letters import heading_docx, layout_pdf, missiv_docx
from tests.intake.test_files import RECEIVED, upload
from tests.intake.test_paste_seed000 import input_value, world
from tests.support.factories import make_namnd, make_user

BODY = ["Miljöförvaltningen skickar förslaget på remiss. Synpunkter ska ha kommit in senast den 15 maj 2024",
        "till miljoforvaltningen@ronneby.se. Ange diarienummer MN 2024-123.", "Kontaktperson: Anna Berg"]
PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Samråd om förslag till naturreservatet Boa | Länsstyrelsen Halland</title>
<meta property="og:title" content="Samråd om förslag till naturreservatet Boa">
<meta property="og:site_name" content="Länsstyrelsen Halland"></head><body>
<header><nav><ul><li>Start</li><li>Natur och miljö</li></ul></nav></header>
<main><p>Publicerad 2 april 2024</p><h1>Samråd om förslag till naturreservatet Boa</h1>
<p>Naturreservatet Boa föreslås för att bevara värdefull skog vid Ätran. Förslaget till beslut och skötselplan
finns som bilagor. Synpunkter ska ha kommit in till Länsstyrelsen senast den 15 maj 2024 och lämnas i
e-tjänsten Lämna synpunkter. Ange ärendenummer 511-1234-2024.</p></main>
<footer><p>Länsstyrelsen Halland, 301 86 Halmstad</p></footer></body></html>"""


def parse(api, data: bytes, name: str) -> dict:
    response = api(data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_word_heading_below_the_letterhead_is_the_title(api):
    data = heading_docx(["Ronneby kommun", "Miljöförvaltningen", "Till remissinstanserna enligt sändlista"],
                        "Förslag till avfallsplan 2025–2030", BODY, core_title="Mall brev")
    assert parse(api, data, "Missiv.docx")["title"] == "Förslag till avfallsplan 2025–2030"


def test_a_web_page_gives_its_heading_and_its_site_as_the_sender(api):
    body = parse(api, PAGE.encode(), "Boa - Länsstyrelsen Halland.html")
    assert body["title"] == "Förslag till naturreservatet Boa"  # the procedure's words dropped, as in a subject
    assert body["remittent"] == "Länsstyrelsen i Hallands län"  # the text says only "Länsstyrelsen"
    assert any("webbplatsnamn" in w for w in body["warnings"])


def test_a_pdf_title_set_only_large_is_read_from_the_layout(api):
    data = layout_pdf([(10, "Ronneby kommun"), (10, "Underrättelse om samråd"), (10, "2024-03-01"),
                       (18, "Detaljplan för kvarteret Hästen 4"), *((11, line) for line in BODY)])
    body = parse(api, data, "Underrättelse.pdf")
    assert body["title"] == "Detaljplan för kvarteret Hästen 4"  # not the letter's kind above it
    assert any("största raden" in w for w in body["warnings"])


def test_a_pdf_title_only_in_its_document_information_fills_the_form(client, auth, session, clock):
    clock.set(RECEIVED)
    world(session)
    auth.login("sekr@malmo.se")
    data = layout_pdf([(11, "Ronneby kommun"), (11, "2024-03-01"), *((11, line) for line in BODY)],
                      title="Remiss av förslag till naturvårdsprogram för Ronneby kommun", author="Anna Berg")
    response = upload(auth, [(io.BytesIO(data), "Remiss.pdf")])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert input_value(page, "title") == "Förslag till naturvårdsprogram för Ronneby kommun"
    assert "PDF-filens egenskaper (Titel)" in page  # the warning says where the title came from


def test_junk_pdf_metadata_leaves_the_title_empty_with_the_warning(api):
    data = layout_pdf([(11, "Ronneby kommun"), (11, "2024-03-01"), *((11, line) for line in BODY)],
                      title="Microsoft Word - brevmall.docx")
    body = parse(api, data, "Remiss.pdf")
    assert body["title"] is None
    assert any("titel" in w.casefold() for w in body["warnings"])


def test_the_form_preselects_the_namnd_the_missiv_names(client, auth, session, clock):
    clock.set(RECEIVED)
    kommunstyrelsen = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    miljo = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[kommunstyrelsen, miljo], email="reg@ronneby.se")
    session.commit()
    auth.login("reg@ronneby.se")
    text = "Remiss av förslag till naturvårdsprogram\n\nRemissen ställs till Miljönämnden.\n" + "\n".join(BODY)
    response = auth.post("/remisser/ny/missiv", {"text": text}, form_url="/remisser/ny/missiv",
                         content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'<option value="{miljo.id}" selected>' in page
    assert "Ansvarig nämnd (Miljönämnden) föreslås" in page


def test_saved_mails_are_imported_into_the_inkorg_once(runner, session):
    # the README's way to try the Inkorg in `make run`: the example mails in docs/examples/inkorg
    mails = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "docs" / "examples" / "inkorg").glob("*.eml"))
    assert len(mails) == 3
    first = runner.invoke(args=["inbox-import", *mails])
    assert first.exit_code == 0, first.output
    assert "3 nya meddelanden i Inkorgen, 0 fanns redan." in first.output
    assert "0 nya meddelanden i Inkorgen, 3 fanns redan." in runner.invoke(args=["inbox-import", *mails]).output
    titles = {m.subject: json.loads(m.form_values)["title"]
              for m in session.exec(select(InboxMessage)).all()}
    assert titles["Remiss"] == "Detaljplan för kvarteret Hästen 4"  # the PDF's largest line, not "Underrättelse …"
    assert titles["VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"] == "Sänkt skatt på arbetsinkomster"
    extension = session.exec(select(InboxMessage).where(InboxMessage.extension_to.is_not(None))).one()
    assert json.loads(extension.form_values)["sender_dnr"] == "Fi2024/00345"
    assert extension.extension_to.isoformat() == "2024-05-31"


def test_a_word_files_title_property_fills_a_title_the_text_lacks(api):
    document = docx.Document(io.BytesIO(missiv_docx(["Ronneby kommun", "2024-03-01", *BODY])))
    document.core_properties.title = "Förslag till naturvårdsprogram för Ronneby kommun"
    out = io.BytesIO()
    document.save(out)
    body = parse(api, out.getvalue(), "Remiss.docx")
    assert body["title"] == "Förslag till naturvårdsprogram för Ronneby kommun"
    assert any("Word-filens egenskaper (Titel)" in w for w in body["warnings"])


def test_the_readme_names_the_inkorg_buttons_as_the_page_shows_them():
    """walk17 F17: the README said "Registrera remissen" (the button is "Registrera"), left out the question a passed
    deadline asks, and gave only $PWD/instance although `make run INSTANCE=…` keeps the data elsewhere."""
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    page = (root / "templates" / "intake" / "inbox_item.html").read_text(encoding="utf-8")
    assert "Registrera remissen" not in readme and ">Registrera remissen<" not in page
    assert "press **Registrera**" in readme and ">Registrera{% if register_other %}" in page
    assert "**Datumet stämmer – registrera ändå**" in readme and "remisser/_past_deadline.html" in page
    assert "`make run INSTANCE=dir`" in readme
