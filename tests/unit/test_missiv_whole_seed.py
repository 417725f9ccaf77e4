"""The whole seed 000 file (missiv, tjänsteutlåtande, protokollsutdrag) still gives the missiv's deadline."""
from datetime import datetime
from pathlib import Path

from remiss.missiv import parse_missiv

# A copy of ../shared/seeds/000_7d94b0ceea26e384.txt, kept in the repository so the test always runs.
SEED = Path(__file__).resolve().parents[1] / "data" / "seeds" / "000_7d94b0ceea26e384.txt"


def test_the_timed_deadline_wins_over_the_proposal_quoted_in_the_tjansteutlatande():
    result = parse_missiv(SEED.read_text())
    # The tjänsteutlåtande proposed "senast den 15 mars 2010"; the decision moved it; the missiv says kl 12.00.
    assert result.deadline == datetime(2010, 3, 31, 12, 0)
    assert result.to_json()["deadline"] == "2010-03-31T12:00"
    assert result.sender_dnr == "KS-IOF-2010-00015"
    assert any("klockslag" in w for w in result.warnings)
