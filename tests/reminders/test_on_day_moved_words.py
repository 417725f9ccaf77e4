"""F33: the "on the day" reminder of a deadline on a Saturday goes out on Friday (reminders never go out on a
helgdag); its words are relative to the day the mail is sent: "i morgon, lördag 13 november", as Att göra says."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from remiss.reminders import policy
from remiss.reminders.mail import reminder_text, reminder_told
from remiss.reminders.together import _heads

REMISS = SimpleNamespace(our_dnr="SOFÖ 2027/0009", title="Helgprov om snöröjning", received_on=date(2027, 10, 25))
PAYLOAD = {"milestone": "sista_svarsdag", "workdays": 0, "due_on": "2027-11-13"}
WORDS = "lördag 13 november 2027"


def test_on_day_reminder_sent_friday_for_saturday_says_tomorrow():
    subject, lines, _ = reminder_text(policy.ON_DAY, PAYLOAD, REMISS, WORDS, today=date(2027, 11, 12))
    assert subject == "[SOFÖ 2027/0009] Sista svarsdag i morgon – Helgprov om snöröjning"
    assert lines == ["Svaret ska vara remittenten tillhanda i morgon, lördag 13 november 2027."]


def test_on_day_reminder_before_a_long_weekend_says_how_many_days():
    payload = {**PAYLOAD, "due_on": "2027-11-14"}  # a Sunday: the mail goes out on Friday
    subject, lines, _ = reminder_text(policy.ON_DAY, payload, REMISS, "söndag 14 november 2027",
                                      today=date(2027, 11, 12))
    assert "Sista svarsdag om 2 dagar" in subject
    assert lines == ["Svaret ska vara remittenten tillhanda om 2 dagar, söndag 14 november 2027."]


def test_on_day_reminder_on_the_day_still_says_today():
    subject, lines, _ = reminder_text(policy.ON_DAY, {**PAYLOAD, "due_on": "2027-11-12"}, REMISS,
                                      "fredag 12 november 2027", today=date(2027, 11, 12))
    assert "Sista svarsdag i dag" in subject
    assert lines == ["Svaret ska vara remittenten tillhanda i dag, fredag 12 november 2027."]


def test_joint_subject_keeps_today_and_tomorrow_apart():
    told = [reminder_told(policy.ON_DAY, {"milestone": "expediering", "due_on": "2027-11-12"}, REMISS,
                          "fredag 12 november 2027", today=date(2027, 11, 12)),
            reminder_told(policy.ON_DAY, PAYLOAD, REMISS, WORDS, today=date(2027, 11, 12))]
    assert _heads(told) == "Expediering i dag; sista svarsdag i morgon"
