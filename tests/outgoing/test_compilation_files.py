"""walk12b #15: the sammanställning named no answer files, so a reader could not tell where an instans's full
answer was. The Word file (reopened) now lists each answering instans's files under "Svaren som filer"."""
from __future__ import annotations

import io

from docx import Document

from tests.outgoing.test_walk9_dates import _sent


def test_the_sammanstallning_names_each_instans_files(session, client, auth, clock):
    _, page, (trafik, miljo) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    data = {"action": "answer", "answered_on": "2026-12-04", "summary": "Tillstyrker.",
            "files": [(io.BytesIO(b"%PDF-1.4 svar"), "svar-trafik.pdf"), (io.BytesIO(b"bilaga"), "bilaga 1.txt")]}
    assert auth.post(url, data, form_url=url, content_type="multipart/form-data").status_code == 302
    url = f"{page}/utskick/instanser/{miljo}"
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Inget att tillägga."},
                     form_url=url).status_code == 302
    response = client.get(f"{page}/utskick/sammanstallning.docx")
    assert response.status_code == 200
    paragraphs = [(p.style.name, p.text) for p in Document(io.BytesIO(response.get_data())).paragraphs]
    at = paragraphs.index(("Heading 2", "Svaren som filer"))  # old document: no such heading
    assert paragraphs[at + 1] == ("List Bullet", "Trafiknämnden: svar-trafik.pdf, bilaga 1.txt")
    assert not any("Miljönämnden:" in text for _, text in paragraphs)  # answered without files
