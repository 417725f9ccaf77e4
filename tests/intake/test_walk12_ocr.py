"""Walk 12, finding 6: a scanned missiv read by OCR gives its diarienummer and its answer address."""
from __future__ import annotations

from pathlib import Path

import pytest

from remiss.intake import ocr
from remiss.intake.reading import ReadLimits, read_upload

SCAN = Path(__file__).resolve().parent.parent / "data" / "walk12" / "lst-dalarna-skannad.pdf"


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr, tesseract-ocr-swe och poppler-utils saknas")
def test_scanned_lansstyrelse_missiv_gives_dnr_and_repaired_answer_address():
    reading = read_upload(SCAN.name, SCAN.read_bytes(), limits=ReadLimits(max_bytes=20_000_000, seconds=30,
                                                                           ocr_seconds=60))
    result = reading.parsed["result"]
    assert result["sender_dnr"] == "501-8426-2026"  # "501-" / "8426-2026." joined
    assert result["answer_email"] == "dalarna@lansstyrelsen.se"  # "dalarnaQlansstyrelsen.se" repaired
    assert result["deadline"] == "2026-12-18"
    warnings = " ".join(reading.all_warnings)
    assert "”dalarnaQlansstyrelsen.se”" in warnings and "rättad till dalarna@lansstyrelsen.se" in warnings
    assert "ifylld som Svar till e-post" in warnings and "textigenkänning (OCR)" in warnings
    assert "Svar till e-post är tom" not in warnings
