"""An Outlook .msg, a saved web page and a scanned PDF, end to end through the API and the registration form."""
import io

import pytest

from remiss.intake import ocr
from tests.intake.letters import RK_SANDLISTA, rk_msg, rk_pdf, rk_webpage, scanned_pdf
from tests.intake.test_files import RECEIVED, upload
from tests.intake.test_paste_seed000 import input_value, world

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr, tesseract-ocr-swe och poppler-utils "
                                                           "saknas (.ci/run installerar dem)")
RK = {"remittent": "Finansdepartementet",
      "sender_dnr": "Fi2024/00345", "deadline": "2024-05-15", "contact_person": "Anna Lind"}
CASES = [pytest.param("Remiss.msg", rk_msg, id="msg"), pytest.param("Remiss - Regeringen.se.html", rk_webpage,
                                                                     id="html"),
         pytest.param("Skannad remiss.pdf", lambda: scanned_pdf(rk_pdf()), id="scanned-pdf", marks=needs_ocr)]


@pytest.fixture(autouse=True)
def ocr_time(app):
    """OCR's time, not its default budget, is not what these tests check: on a loaded machine it runs slower."""
    app.config["OCR_SECONDS"] = 120


@pytest.mark.parametrize("name, make", CASES)
def test_api_reads_the_fields(api, name, make):
    response = api(data={"file": (io.BytesIO(make()), name)}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert {k: body[k] for k in RK} == RK
    assert body["title"].endswith("Sänkt skatt på arbetsinkomster")  # a forwarded subject may drop "Remiss av …"
    if name.endswith(".pdf"):
        assert any("textigenkänning" in w for w in body["warnings"])


@pytest.mark.parametrize("name, make", CASES)
def test_form_prefills_and_keeps_the_file(client, auth, session, clock, name, make):
    clock.set(RECEIVED)
    world(session)
    auth.login("sekr@malmo.se")
    response = upload(auth, [(io.BytesIO(make()), name)])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert input_value(page, "title").endswith("Sänkt skatt på arbetsinkomster")
    assert input_value(page, "sender_dnr") == "Fi2024/00345"
    assert input_value(page, "deadline_on") == "2024-05-15"
    assert input_value(page, "sandlista").splitlines() == RK_SANDLISTA
    assert name in page and "Blir remisshandlingar" in page
    if name.endswith(".msg"):
        assert "Fi2024-00345 Remiss.pdf" in page  # the attachment is kept beside the message


def test_html_page_reads_the_main_content_only(api):
    body = api(data={"file": (io.BytesIO(rk_webpage()), "sida.htm")}, content_type="multipart/form-data").get_json()
    assert body["deadline"] == "2024-05-15"  # not the 1 juni 2024 of the aside
    assert "webmaster@regeringskansliet.se" not in body["copy_emails"] + [body["answer_email"]]
    assert body["sender_dnr"] != "Fi2099/99999"  # from the menu


def test_scanned_pdf_without_ocr_says_so_in_swedish(api, monkeypatch):
    if not ocr.shutil.which("pdftoppm"):
        pytest.skip("poppler-utils saknas: ingen skannad PDF kan byggas")
    monkeypatch.setattr(ocr, "available", lambda: False)
    response = api(data={"file": (io.BytesIO(scanned_pdf(rk_pdf())), "skannad.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 400
    message = response.get_json()["errors"]["file"]
    assert "inskannad" in message and "tesseract-ocr-swe" in message
