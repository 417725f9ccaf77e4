"""LibreOffice opens the generated documents: a real PDF whose page count matches 'N (M)'."""
from __future__ import annotations

import io
import re
import shutil

import pytest
from pypdf import PdfReader

from tests.drafting.test_flow import draft_form


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice saknas")
def test_both_documents_convert_to_pdf(world, auth, client):
    rid = world["remiss"].id
    auth.login("sabina.dethorey@malmo.se")
    long_answer = "\n\n".join(f"Stycke {n} om genomförande och implementering av handlingsplanen." for n in range(60))
    auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, **{"svar-5": long_answer}), form_url=f"/remisser/{rid}")
    counts = {}
    for kind in ("yttrande", "tjansteskrivelse"):
        response = client.get(f"/remisser/{rid}/dokument/{kind}.pdf")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        pages = PdfReader(io.BytesIO(response.data)).pages
        first = " ".join(pages[0].extract_text().split())  # whitespace normalised: NBSP and line breaks are layout
        total = re.search(r"1 \((\d+)\)", first)
        assert total and int(total.group(1)) == len(pages)
        assert world["remiss"].our_dnr in first
        counts[kind] = len(pages)
    assert counts["yttrande"] >= 2  # the long answer runs over to a second page


def test_without_libreoffice_the_page_says_so(world, auth, client, monkeypatch):
    rid = world["remiss"].id
    auth.login("sabina.dethorey@malmo.se")
    monkeypatch.setenv("PATH", "/nonexistent")
    response = client.get(f"/remisser/{rid}/dokument/yttrande.pdf", follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "LibreOffice (soffice) inte är installerat" in body and "Ladda ner Word-filen i stället" in body
