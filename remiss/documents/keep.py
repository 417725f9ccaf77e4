"""Keep the closing line of a rendered document on the page of the signatures under it.

The last paragraph before the signatures is whichever field came last (an answer, övriga synpunkter, the beslut
line), so no style in a template can say "keep with next" for it alone: the renderer sets it on the rendered
paragraph. The signatures are found by their style "Underskrift" (the role; the shipped templates name it so, and a
nämnd's template built from them keeps it); a template without that style is left as it is. Loaded by its path in
the worker (sandbox.py), so it imports only what docxtpl brings.
"""

from __future__ import annotations

SIGNATURE_STYLE = "Underskrift"
SIGNATURE_STYLES = (SIGNATURE_STYLE, "Underskriftsnamn")


def _style_ids(docx, names) -> set[str]:
    return {s.style_id for s in docx.styles if getattr(s, "name", None) in names}


def _style_of(paragraph) -> str | None:
    ppr = paragraph.pPr
    return ppr.style if ppr is not None else None


def _text(paragraph) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()


def _keep(paragraph, *, with_next: bool) -> None:
    """Keep the paragraph's lines on one page, and (with_next) the paragraph on the page of the next."""
    ppr = paragraph.get_or_add_pPr()
    ppr.keepLines_val = True
    if with_next:
        ppr.keepNext_val = True


def keep_signatures_with_closing(docx) -> None:
    """Set keep-with-next and keep-lines-together on the paragraphs leading into the signatures (the closing line
    and any empty paragraphs between), and keep-lines-together on the signatures, so the closing line and the
    signatures move to a new page as one block instead of the signatures standing alone on it."""
    from docx.oxml.ns import qn

    first_ids = _style_ids(docx, (SIGNATURE_STYLE,))
    if not first_ids:
        return
    body = docx.element.body
    first = next((p for p in body.iter(qn("w:p")) if _style_of(p) in first_ids), None)
    if first is None:
        return
    block = first
    while block.getparent() is not body:  # the signatures in a table: the paragraph before the table leads in
        block = block.getparent()
    signature_ids = _style_ids(docx, SIGNATURE_STYLES)
    for paragraph in block.iter(qn("w:p")) if block is not first else [first]:
        if _style_of(paragraph) in signature_ids:
            _keep(paragraph, with_next=False)
    for later in block.itersiblings():
        if later.tag != qn("w:p") or _style_of(later) not in signature_ids:
            break
        _keep(later, with_next=False)
    before = block.getprevious()
    while before is not None and before.tag == qn("w:p"):
        if before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            break  # a section ends there: the signatures open a section of their own
        _keep(before, with_next=True)
        if _text(before):  # the closing line; empty paragraphs before it only lead in too
            break
        before = before.getprevious()
