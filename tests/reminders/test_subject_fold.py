"""Walk6: a mail's Subject decodes to exactly the subject written. CPython 3.11's folder may put the space between
two words at the end of one RFC 2047 encoded-word, and decoders drop the whitespace between encoded-words
("Förlängd remisstid:Förslag …", cpython issue #144156). Every encoded-word keeps the RFC's 75 characters."""
from __future__ import annotations

import email
import random
import re
from email.policy import default as default_policy

import pytest

from remiss.reminders.message import build

ENCODED_WORD = re.compile(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=")
WORDS = ("Förslag till handlingsplan mot ensamhet bland äldre 2027–2030 remiss angående översyn av lokala "
         "ordningsföreskrifter för Malmö stad – yttrande över betänkandet SOU 2026:14 Framtidens äldreomsorg "
         "kulturstrategi åtgärdsprogram för miljö, klimat och hållbar utveckling; Ö Å Ä é ü ß € ”citat” "
         "a b c 😀").split()
PREFIXES = ("Förlängd remisstid: ", "Sista svarsdag om 9 arbetsdagar – ", "Försenad: granskning klar – ",
            "Att granska: ", "Tillbaka från granskningen: ", "Besvarad: ", "Du har tilldelats remissen ”")


def _subjects(count: int):
    rnd = random.Random(144156)
    for _ in range(count):
        dnr = rnd.choice(("[SOFÖ 2026/0006] ", "[KS 2026/0004] ", "", "[SON Öster 2015/0012] "))
        title = (" " * rnd.randint(1, 2)).join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 45)))
        yield dnr + rnd.choice(PREFIXES) + title


def _sent(subject: str) -> tuple[str, str]:
    raw = build(sender="Remiss <remiss@malmo.se>", to="hanna@malmo.se", subject=subject,
                message_id="<1@remiss>", date="Fri, 04 Dec 2026 07:00:00 +0100", text="Hej!").as_bytes()
    head = raw.split(b"\r\n\r\n")[0].decode("ascii")
    return head, email.message_from_bytes(raw, policy=default_policy)["Subject"]


@pytest.mark.parametrize("subject", [
    "[SOFÖ 2026/0006] Förlängd remisstid: Förslag till handlingsplan mot ensamhet bland äldre 2027–2030",
    "[SOFÖ 2026/0006] Sista svarsdag om 9 arbetsdagar – Förslag till handlingsplan mot ensamhet bland äldre "
    "2027–2030",
    "[KS 2026/0004] Försenad: granskning klar – Förslag till ny lokalförsörjningsplan",
])
def test_the_walks_subjects_keep_their_spaces(subject):
    assert _sent(subject)[1] == subject


def test_generated_long_swedish_subjects_round_trip_within_the_rfc_limits():
    for subject in _subjects(1500):
        head, decoded = _sent(subject)
        assert decoded == subject, (subject, head)
        words = ENCODED_WORD.findall(head)
        assert all(len(w) <= 75 for w in words), head
        assert all(len(line) <= 78 for line in head.split("\r\n")), head


def test_an_ascii_subject_stays_readable():
    head, decoded = _sent("[KS 2026/0004] Att granska: Plan for the city")
    assert "Subject: [KS 2026/0004] Att granska: Plan for the city" in head and decoded.endswith("city")
