"""The reading jobs of the sandbox worker: uploaded files and missiv texts, read and parsed as untrusted work.

`serve` runs inside `remiss/documents/sandbox.py` under its memory and CPU limits. It imports neither
flask nor sqlmodel. Requests and answers are a JSON line followed by the files' bytes, end to end.

- "read": {"files": [{"name", "size"}], "text", "reference_date", "parse", "organisations"} + the files' bytes →
  {"documents": [{"name", "text", "warnings", "scanned", "hints", "attachments": [{"filename", "content_type",
  "size"}]} or {"name", "error"}], "parsed": Parsed or null} + the attachments' bytes.
- "parse": {"candidates": [[name, text, hints?], …], "reference_date", "organisations"} → {"parsed": Parsed}.

"organisations" are the reader's own ("Malmö stad"), for the remittent (remiss.missiv.remittent).

Parsed is {"source", "text", "result" (MissivResult.to_json), "values", "evidence", "warnings",
"extension_to"}: everything the caller needs, so no parser object crosses the process boundary.
"""
from __future__ import annotations

import json
from datetime import date

from remiss.intake.formats import READABLE, read_document, suffix_of
from remiss.intake.prefill import evidence_snippets, form_values, form_warning
from remiss.missiv import MissivResult, parse_missiv
from remiss.missiv.hints import Hint
from remiss.missiv.result import format_moment


def serve(request: dict, payload: bytes) -> bytes:
    """Answer one reading job."""
    reference = date.fromisoformat(request["reference_date"]) if request.get("reference_date") else None
    organisations = tuple(request.get("organisations") or ())
    if request["job"] == "parse":
        return json.dumps({"parsed": best_parse(request["candidates"], reference, organisations)}).encode()
    documents, out, candidates = [], [], []
    offset = 0
    for item in request["files"]:
        data = payload[offset:offset + item["size"]]
        offset += item["size"]
        name = item["name"]
        if suffix_of(name) not in READABLE:
            documents.append({"name": name, "skipped": True})
            continue
        try:
            document = read_document(data, name)
        except ValueError as exc:
            documents.append({"name": name, "error": str(exc)})
            continue
        documents.append({"name": name, "text": document.text, "warnings": document.warnings,
                          "scanned": document.scanned, "hints": [h.to_json() for h in document.hints],
                          "header": document.header,
                          "attachments": [{"filename": a.filename, "content_type": a.content_type,
                                           "size": len(a.data)} for a in document.attachments]})
        out.extend(a.data for a in document.attachments)
        if document.text.strip():
            candidates.append((name, document.text, [h.to_json() for h in document.hints]))
    parsed = None
    if request.get("parse") and (request.get("text") or "").strip():
        parsed = best_parse([(None, request["text"])], reference, organisations)
    elif request.get("parse") and candidates:
        parsed = best_parse(candidates, reference, organisations)
    header = json.dumps({"documents": documents, "parsed": parsed}).encode()
    return header + b"\n" + b"".join(out)


def best_parse(candidates: list, reference: date | None, organisations: tuple[str, ...] = ()) -> dict:
    """Parse each candidate [name, text] or [name, text, hints] and return the one where the most fields were found
    (the first on a tie); hints are Hint.to_json dicts, what the file's structure says."""
    best = None
    for name, text, *rest in candidates:
        # A browser sends a textarea's lines ended by CRLF, as Windows files and many mails have them: read as
        # plain lines (walk22b M8: with CRLF a "Bilagor:" list hid the sändlista after it).
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        hints = [Hint.from_json(h) for h in (rest[0] if rest else [])]
        result = parse_missiv(text, reference_date=reference, hints=hints, organisations=organisations)
        score = found_fields(result)
        if best is None or score > best[0]:
            best = (score, name, text, result)
    score, name, text, result = best
    return {"source": name, "text": text, "result": result.to_json(), "values": form_values(result, text),
            "evidence": evidence_snippets(result, text),
            "warnings": [form_warning(w, reference, text) for w in result.warnings],
            "extension_to": format_moment(getattr(result, "extension_to", None)), "found": score}


def found_fields(result: MissivResult) -> int:
    return sum(1 for v in (result.title, result.remittent, result.sender_dnr, result.deadline,
                           result.answer_email, result.contact_person) if v) \
        + bool(result.sandlista) + bool(result.questions)
