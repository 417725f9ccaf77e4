"""The nämnd's own Word templates: upload, refuse with exact reasons, render documents in them."""
from __future__ import annotations

import io
import zipfile

from docx import Document
from sqlmodel import select

from remiss.namnd.models import DocumentTemplate
from tests.drafting.conftest import doc_lines, open_docx
from tests.drafting.test_flow import draft_form


def build_docx(*paragraphs: str) -> bytes:
    doc = Document()
    doc.add_paragraph("Malmö stad – Öster", style="Title")
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


CUSTOM_YTTRANDE = build_docx(
    "EGEN MALL {{ namnd }}", "Dnr {{ diarienummer }} / {{ remittent_diarienummer }}", "{{ datum }}",
    "{%p for f in fragor %}", "FRÅGA: {{ f.fraga }}", "{%p for s in f.svar %}", "SVAR: {{ s }}", "{%p endfor %}",
    "{%p endfor %}", "{%p for a in avsnitt %}", "AVSNITT: {{ a.rubrik }}", "{%p endfor %}")


def upload(auth, namnd_id: int, kind: str, data: bytes, filename: str = "mall.docx"):
    url = f"/namnder/{namnd_id}/mallar"
    return auth.post(url, {"kind": kind, "file": (io.BytesIO(data), filename)}, content_type="multipart/form-data")


def test_registrator_uploads_a_template_and_documents_use_it(world, auth, client, reader):
    rid, nid = world["remiss"].id, world["namnd"].id
    auth.login(world["registrator"].email)
    page = client.get(f"/namnder/{nid}/mallar").get_data(as_text=True)
    assert "fragor[].fraga" in page and "var_referens.epost" in page  # the documented placeholders
    response = upload(auth, nid, "yttrande", CUSTOM_YTTRANDE)
    assert response.status_code == 302
    reader.rollback()
    template = reader.exec(select(DocumentTemplate).where(DocumentTemplate.namnd_id == nid)).one()
    assert template.version == 1 and template.active
    preview = client.get(f"/namnder/{nid}/mallar/{template.id}/forhandsvisning.docx")
    assert "EGEN MALL Stadsområdesnämnd Öster" in [p.text for p in open_docx(preview.data).paragraphs]

    auth.post(f"/remisser/{rid}/yttrande", draft_form(rid), form_url=f"/remisser/{rid}")
    texts = [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]
    assert texts[1] == "EGEN MALL Stadsområdesnämnd Öster"
    dnr = world["remiss"].our_dnr.replace(" ", "\u00a0")  # a diarienummer never breaks over two lines
    assert texts[2] == f"Dnr {dnr} / KN-2015-1050" and texts[3] == "1 september 2015"
    questions = [t.removeprefix("FRÅGA: ") for t in texts if t.startswith("FRÅGA: ")]
    assert questions == world["questions"]
    assert texts[texts.index("FRÅGA: " + world["questions"][4]) + 1] == "SVAR: Varje nämnd bör se över sina åtaganden."
    # A second upload is a new version; going back to the default works.
    assert upload(auth, nid, "yttrande", CUSTOM_YTTRANDE).status_code == 302
    reader.rollback()
    rows = reader.exec(select(DocumentTemplate).where(DocumentTemplate.namnd_id == nid)
                       .order_by(DocumentTemplate.version)).all()
    assert [(t.version, t.active) for t in rows] == [(1, False), (2, True)]
    auth.post(f"/namnder/{nid}/mallar/standard", {"kind": "yttrande"})
    texts = [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]
    assert "Till Kulturnämnden" in texts and not any(t.startswith("EGEN MALL") for t in texts)


def test_bad_templates_are_refused_with_the_reason(world, auth, client, reader):
    nid = world["namnd"].id
    auth.login(world["registrator"].email)
    unknown = upload(auth, nid, "yttrande", build_docx("{{ hemligt_falt }}"))
    assert unknown.status_code == 400 and "hemligt_falt" in unknown.get_data(as_text=True)
    attack = upload(auth, nid, "yttrande", build_docx("{{ cycler.__init__.__globals__.os.popen('id').read() }}"))
    assert attack.status_code == 400 and "Mallen togs inte emot" in attack.get_data(as_text=True)
    # A zip bomb: one part that inflates far beyond its compressed size.
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_docx("x"))) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/bomb.bin", b"\0" * 30_000_000)
    refused = upload(auth, nid, "yttrande", bomb.getvalue())
    assert refused.status_code == 400 and "komprim" in refused.get_data(as_text=True).lower()
    not_docx = upload(auth, nid, "yttrande", b"MZ not a word file", filename="virus.exe")
    assert not_docx.status_code == 400 and "virus.exe" in not_docx.get_data(as_text=True)
    too_big = upload(auth, nid, "tjansteskrivelse", b"PK" + b"x" * (5 * 1024 * 1024 + 10))
    assert too_big.status_code == 400 and "Filen är större än gränsen på 5 MB för en mall." in too_big.get_data(as_text=True)
    reader.rollback()
    assert reader.exec(select(DocumentTemplate)).all() == []


def test_only_admin_and_registrator_of_the_namnd_manage_templates(world, auth, client):
    nid = world["namnd"].id
    auth.login("sabina.dethorey@malmo.se")
    assert client.get(f"/namnder/{nid}/mallar").status_code == 403
    assert "inte behörighet" in client.get("/mallar").get_data(as_text=True)
    auth.logout()
    auth.login(world["outsider"].email)
    assert client.get(f"/namnder/{nid}/mallar").status_code == 404
    assert upload(auth, nid, "yttrande", CUSTOM_YTTRANDE).status_code == 404


def test_a_large_template_is_refused_with_its_real_size_and_the_limit_the_hint_names(world, auth, client, reader):
    """walk13b finding 2: a 30 MB file was reported as "5,2 MB" (the part read) next to the hint "Högst 5 MB"."""
    nid = world["namnd"].id
    auth.login(world["registrator"].email)
    hint = "Högst 5 MB."
    assert hint in client.get(f"/namnder/{nid}/mallar").get_data(as_text=True)
    big = CUSTOM_YTTRANDE + b"\0" * (12 * 1024 * 1024)  # 12 MB: a real size well over the limit
    refused = upload(auth, nid, "yttrande", big)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and hint in page
    assert "Filen är 12 MB; gränsen är 5 MB för en mall." in page and "5,2" not in page
    reader.rollback()
    assert reader.exec(select(DocumentTemplate)).all() == []
