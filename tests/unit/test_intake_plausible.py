"""The dates read from a letter weighed against the day it was sent (remiss.intake.plausible): literal dates."""
from datetime import date

from remiss.intake.plausible import date_warnings, reference, replaced_day

MAIL = reference(sent=date(2026, 12, 3), letter_date=None)


def test_a_plausible_letter_has_no_warning():
    assert date_warnings(MAIL, deadline_on=date(2027, 3, 15), letter_date=date(2026, 12, 1), extension_to=None) == []
    assert date_warnings(MAIL, deadline_on=date(2027, 5, 10), letter_date=None, extension_to=date(2027, 5, 10),
                         text="Svarstiden förlängs från den 15 april 2027 till den 10 maj 2027.") == []


def test_a_deadline_or_a_letter_date_years_away_is_named_with_the_day_it_is_weighed_against():
    assert date_warnings(MAIL, deadline_on=date(2062, 5, 15), letter_date=date(2024, 1, 10), extension_to=None) == [
        "Sista svarsdag (15 maj 2062) ligger mer än ett år efter e-postmeddelandets datum (3 december 2026). "
        "Kontrollera årtalet innan remissen registreras.",
        "Missivets datum (10 januari 2024) ligger mer än ett år före e-postmeddelandets datum (3 december 2026). "
        "Kontrollera årtalet innan remissen registreras."]
    pasted = reference(sent=None, letter_date=date(2026, 12, 1))
    assert date_warnings(pasted, deadline_on=date(2016, 3, 1), letter_date=date(2026, 12, 1), extension_to=None) == [
        "Sista svarsdag (1 mars 2016) ligger mer än ett år före missivets datum (1 december 2026). "
        "Kontrollera årtalet innan remissen registreras."]
    assert date_warnings(None, deadline_on=date(2062, 5, 15), letter_date=None, extension_to=None) == []


def test_an_extension_to_an_earlier_day_is_named():
    # the letter's own old day
    text = "Svarstiden förlängs från den 15 maj 2027 till den 10 maj 2027."
    assert replaced_day(text, date(2027, 5, 10)) == date(2027, 5, 15)
    assert date_warnings(MAIL, deadline_on=date(2027, 5, 10), letter_date=None, extension_to=date(2027, 5, 10),
                         text=text) == [
        "Brevet flyttar sista svarsdagen från 15 maj 2027 till 10 maj 2027, alltså inte till en senare dag. "
        "Kontrollera datumen innan förlängningen registreras."]
    assert replaced_day("förlängs från 15 maj kl. 12.00 till och med den 10 maj 2027", date(2027, 5, 10)) == \
        date(2027, 5, 15)
    assert replaced_day("skickades den 1 december 2026. Svarstiden förlängs till den 10 maj 2027.",
                        date(2027, 5, 10)) is None
    # a new day before the notice was sent
    assert date_warnings(MAIL, deadline_on=None, letter_date=None, extension_to=date(2026, 11, 20)) == [
        "Den nya sista svarsdagen (20 november 2026) ligger före e-postmeddelandets datum (3 december 2026): en "
        "förlängning flyttar svarsdagen framåt. Kontrollera datumet innan förlängningen registreras."]
    # a new day years away
    assert date_warnings(MAIL, deadline_on=date(2087, 5, 10), letter_date=None, extension_to=date(2087, 5, 10)) == [
        "Den nya sista svarsdagen (10 maj 2087) ligger mer än ett år efter e-postmeddelandets datum (3 december "
        "2026). Kontrollera årtalet innan remissen registreras."]
