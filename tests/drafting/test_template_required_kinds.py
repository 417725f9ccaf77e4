"""walk11 finding 11 for every kind the nämnd's template page takes: a tjänsteskrivelse, missiv or sammanställning
template lacking a field that kind cannot do without is kept but put in use only after a confirmation naming what
is missing — the same check (namnd_templates.REQUIRED, missing_fields) as for the yttrande. The shipped default of
each kind has every required field."""
from __future__ import annotations

from html import unescape

import pytest
from sqlmodel import select

from remiss.documents import check_template
from remiss.documents.default_templates import TEMPLATE_DIR
from remiss.drafting.namnd_templates import KINDS, REQUIRED, missing_fields
from remiss.namnd.models import DocumentTemplate
from tests.drafting.test_templates import build_docx, upload

MISSING = {
    "tjansteskrivelse": ["diarienumret ({{ diarienummer }})", "förslaget till beslut ({{ forslag_till_beslut }})"],
    "missiv": ["sista svarsdagen ({{ sista_svarsdag }})", "adressen dit svaren ska skickas",
               "frågeställningarna"],
    "sammanstallning": ["svaren fråga för fråga", "de övriga synpunkterna"],
}


def _rows(reader, nid: int, kind: str) -> list[tuple[int, bool]]:
    reader.rollback()
    return [(t.version, t.active) for t in reader.exec(select(DocumentTemplate).where(
        DocumentTemplate.namnd_id == nid, DocumentTemplate.kind == kind).order_by(DocumentTemplate.version))]


@pytest.mark.parametrize("kind", sorted(MISSING))
def test_a_template_lacking_what_its_kind_needs_waits_for_a_confirmation(world, auth, client, reader, kind):
    nid = world["namnd"].id
    auth.login(world["registrator"].email)
    response = upload(auth, nid, kind, build_docx("Ärende: {{ titel }}", "Datum {{ datum }}"))
    assert response.status_code == 302 and "bekrafta=" in response.headers["Location"]
    assert _rows(reader, nid, kind) == [(1, False)]
    page = unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    label = KINDS[kind].lower()
    assert f"Mallen för {label} är sparad som version 1 men används inte ännu" in page
    for missing in MISSING[kind]:
        assert f"<li>{missing}" in page, missing
    assert "<li>datumet" not in page  # it is there
    template_id = response.headers["Location"].rsplit("=", 1)[1]
    confirmed = auth.post(f"/namnder/{nid}/mallar/{template_id}/anvand", {"bekraftat": "1"},
                          form_url=f"/namnder/{nid}/mallar")
    assert confirmed.status_code == 302 and "bekrafta" not in confirmed.headers["Location"]
    assert _rows(reader, nid, kind) == [(1, True)]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_required_fields_and_the_default_template_has_them_all(kind):
    assert {"diarienummer", "datum"} <= set(REQUIRED[kind])
    report = check_template(kind, (TEMPLATE_DIR / f"{kind}.docx").read_bytes())
    assert report.ok, report.errors
    assert missing_fields(kind, report.placeholders) == []
