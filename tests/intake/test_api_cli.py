"""parse-missiv on .txt/.pdf/.docx/.eml, and POST /api/v1/missiv/parse with text or a file."""
import io
import json

import pytest

from tests.intake.letters import RK_LINES, RK_SANDLISTA, eml_with_pdf, missiv_docx, rk_pdf
from tests.intake.test_paste_seed000 import SEED_000
from tests.support.factories import SEED_000_SANDLISTA

CONTRACT = {"title", "remittent", "sender_dnr", "deadline", "answer_email", "contact_person", "sandlista", "questions"}
RK_EXPECTED = {"remittent": "Finansdepartementet", "sender_dnr": "Fi2024/00345", "deadline": "2024-05-15",
               "answer_email": "fi.remissvar@regeringskansliet.se", "contact_person": "Anna Lind",
               "sandlista": RK_SANDLISTA, "questions": [],
               "title": "Sänkt skatt på arbetsinkomster"}


@pytest.mark.parametrize("name, data", [
    ("missiv.txt", "\n".join(RK_LINES).encode("utf-8")),
    ("missiv.pdf", rk_pdf()),
    ("missiv.docx", missiv_docx(RK_LINES)),
    ("missiv.eml", eml_with_pdf(rk_pdf())),
])
def test_cli_prints_the_contract_keys(runner, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(args=["parse-missiv", str(path)])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert CONTRACT <= set(got)
    assert {k: got[k] for k in CONTRACT} == RK_EXPECTED


def test_cli_refuses_unknown_type_and_garbage(runner, tmp_path):
    (tmp_path / "a.exe").write_bytes(b"MZ")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 10)
    for name, message in [("a.exe", "stöds inte"), ("b.txt", "inte läsbar text")]:
        result = runner.invoke(args=["parse-missiv", str(tmp_path / name)])
        assert result.exit_code != 0 and message in result.output


def test_api_text_and_file_give_the_cli_json(api, runner, tmp_path):
    by_text = api(json={"text": SEED_000})
    assert by_text.status_code == 200
    body = by_text.get_json()
    assert (body["sender_dnr"], body["deadline"], body["contact_person"]) == \
        ("KS-IOF-2010-00015", "2010-03-31T12:00", "Patrik Kronholm")
    assert body["sandlista"] == SEED_000_SANDLISTA

    by_file = api(data={"file": (io.BytesIO(rk_pdf()), "Remiss.pdf")}, content_type="multipart/form-data")
    assert by_file.status_code == 200, by_file.get_json()
    path = tmp_path / "Remiss.pdf"
    path.write_bytes(rk_pdf())
    assert by_file.get_json() == json.loads(runner.invoke(args=["parse-missiv", str(path)]).output)


def test_api_bad_input_is_400_in_swedish(api, app):
    cases = [
        (dict(json={"text": "   "}), "text", "Ange missivets text"),
        (dict(json=["inte", "ett", "objekt"]), "body", "JSON-objekt"),
        (dict(data={}, content_type="multipart/form-data"), "file", "fältet 'file'"),
        (dict(data={"file": (io.BytesIO(b""), "tom.pdf")}, content_type="multipart/form-data"), "file", "är tom"),
        (dict(data={"file": (io.BytesIO(b"MZ\x00"), "x.exe")}, content_type="multipart/form-data"), "file",
         "Filtypen .exe tas inte emot"),
        (dict(data={"file": (io.BytesIO(b"MZ\x00"), "bild.png")}, content_type="multipart/form-data"), "file",
         "bild.png är ingen bild – det verkar vara ett program"),  # by content, not by name
        (dict(data={"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n"), "bild.png")}, content_type="multipart/form-data"),
         "file", "kan inte läsas"),
        (dict(data={"file": (io.BytesIO(bytes(range(256)) * 8), "skrap.txt")}, content_type="multipart/form-data"),
         "file", "inte läsbar text"),
        (dict(data={"file": (io.BytesIO(b"\x00garbage" * 50), "skrap.pdf")}, content_type="multipart/form-data"),
         "file", "PDF-filen kunde inte läsas"),
    ]
    for kwargs, field, message in cases:
        response = api(**kwargs)
        body = response.get_json()
        assert response.status_code == 400, (kwargs, body)
        assert body["field"] == field and message in body["errors"][field], body
    app.config["UPLOAD_MAX_BYTES"] = 1000
    response = api(data={"file": (io.BytesIO(rk_pdf()), "stor.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 400 and "gränsen är" in response.get_json()["errors"]["file"]
