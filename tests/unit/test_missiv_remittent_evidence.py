"""walk8 finding 16: when the remittent is derived from the answer address, the evidence shown beside the note
"härleddes från svarsadressen" is that address, not another sentence that happens to name the body."""
from remiss.missiv.parser import parse_missiv

TEXT = """Samråd om detaljplan för Centrum 4:12

Alvesta kommun har tagit fram ett förslag till detaljplan. Planen finns på biblioteket.

Synpunkter lämnas skriftligen senast den 15 mars 2027 till samhallsbyggnad@alvesta.se.
"""


def test_a_remittent_read_from_the_answer_address_quotes_the_address():
    result = parse_missiv(TEXT)
    assert result.remittent == "Alvesta kommun"
    assert "Remittenten (Alvesta kommun) härleddes från svarsadressen." in result.warnings
    quoted = [e for e in result.evidence if e.field == "remittent"]
    assert [e.text for e in quoted] == ["samhallsbyggnad@alvesta.se"]
    assert TEXT[quoted[0].start:quoted[0].end] == "samhallsbyggnad@alvesta.se"
