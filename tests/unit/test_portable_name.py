"""Generated file names every system can save: what Windows forbids is replaced (issue 17)."""
from __future__ import annotations

import pytest

from remiss.files import portable_name
from remiss.web.downloads import attachment


@pytest.mark.parametrize(("given", "expected"), [
    ("Stadsområdesnämnd Öster – yttrande KN2023/04578.docx", "Stadsområdesnämnd Öster – yttrande KN2023-04578.docx"),
    ('GFN/2010:9 a\\b*c?d"e<f>g|h.pdf', "GFN-2010-9 a-b-c-d-e-f-g-h.pdf"),
    ("Yttrande SOFÖ\r\n2015/0811.docx", "Yttrande SOFÖ 2015-0811.docx"),
    ("Yttrande. ", "Yttrande"),
    ("CON.docx", "_CON.docx"),
    ("", "fil"),
])
def test_forbidden_characters_become_dashes(given, expected):
    assert portable_name(given) == expected


def test_a_long_name_keeps_its_suffix():
    name = portable_name("Yttrande " + "å" * 400 + ".docx")
    assert len(name) == 255 and name.endswith("å.docx")


def test_the_download_header_uses_the_same_name():
    header = attachment("Yttrande KN2023/04578.docx")
    assert header.startswith('attachment; filename="Yttrande KN2023-04578.docx"') and "%2F" not in header
