"""What the registrator is told is true and in the form's own terms."""
from datetime import date

from remiss.intake.prefill import form_warning, snippet
from remiss.intake.reading import _misread_addresses


def test_no_year_warnings_name_the_form_field_not_a_referensdatum():
    said = form_warning("Svarsfristen saknar årtal och brevets datum hittades inte; ange ett referensdatum.")
    assert "referensdatum" not in said and "Fyll i Sista svarsdag med år" in said
    # walk24 V12: a letter whose date stands in a "Datum Diarienr 2014-05-21 2014-101636" row is dated all the same
    assert "inte daterat" not in said and "brevets datum gick inte att läsa ut" in said
    said = form_warning("Svarsfristen saknar årtal; året räknades fram från referensdatumet.")
    assert "e-postmeddelandets datum" in said and "referensdatum" not in said
    assert "2027-01-11" in form_warning("Svarsfristen saknar årtal; året räknades fram från referensdatumet.",
                                        date(2027, 1, 11))
    assert form_warning("Ingen remittent hittades.") == "Ingen remittent hittades."


def test_evidence_has_no_markdown_residue():
    text = "Frågor kan ställas till [Stefan Zetterlind](mailto:s.z@regeringskansliet.se) eller " \
           "(mailto:n.registrator@regeringskansliet.se"
    at = text.find("Stefan")
    assert snippet(text, at, at + len("Stefan Zetterlind")) == "Frågor kan ställas till Stefan Zetterlind"
    at = text.find("n.registrator")
    assert snippet(text, at, len(text)).endswith("eller n.registrator@regeringskansliet.se")


def test_an_ocr_address_without_its_at_sign_is_warned_about():
    parsed = {"text": "Yttrandet skickas till miljokontoretQrobertsfors.se. Läs mer på www.robertsfors.se.",
              "values": {"answer_email": ""}}
    [warning] = _misread_addresses(parsed)
    assert "miljokontoretQrobertsfors.se" in warning and "Svar till e-post är tom" in warning
    assert _misread_addresses({"text": "Se robertsfors.se och region.dalarna.se, mejla a@b.se",
                               "values": {"answer_email": "a@b.se"}}) == []


def test_copy_evidence_is_the_instruction_not_the_mail_header():
    from remiss.intake.prefill import evidence_snippets
    from remiss.missiv import parse_missiv

    text = ("Från: Lind Anna <anna.lind@regeringskansliet.se>\nÄmne: Remiss av promemorian Sänkt skatt\n\n"
            "Remiss av promemorian Sänkt skatt\n\nRemissvaren ska ha kommit in till Finansdepartementet senast den "
            "15 maj 2024. Svaren bör lämnas per e-post till fi.remissvar@regeringskansliet.se och med kopia till "
            "anna.lind@regeringskansliet.se. Ange diarienummer Fi2024/00345.\n")
    result = parse_missiv(text)
    assert result.copy_emails == ["anna.lind@regeringskansliet.se"]
    assert evidence_snippets(result, text)["copy_emails"].endswith("med kopia till anna.lind@regeringskansliet.se")


def test_a_deadline_without_a_year_is_not_called_missing():
    said = form_warning("Ingen svarsfrist hittades i missivet.", None,
                        "Under tiden 14 april till och med 18 juni är förslaget ute på remiss.")
    assert said.startswith("Ingen svarsfrist med årtal hittades") and "”18 juni” utan år" in said
    assert form_warning("Ingen svarsfrist hittades i missivet.", None, "Svara senast 15 mars 2024.") == \
        "Ingen svarsfrist hittades i missivet."
