"""Read uploaded missiv files: check them, extract their text and pick the one that is the missiv."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from remiss import files
from remiss.missiv import MissivResult, extract_text, parse_missiv
from remiss.missiv.extract import SUPPORTED

PASTED = "den inklistrade texten"
PASTED_FILENAME = "Missiv.txt"  # the pasted missiv, kept as the first remisshandling
BATCH_FACTOR = 4  # one intake may carry this many times UPLOAD_MAX_BYTES in all


@dataclass(frozen=True)
class Upload:
    """A file to keep as a remisshandling: uploaded, or attached to an uploaded e-mail."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class Reading:
    """The chosen missiv text and its parse, the files to keep, and what the registrator should know."""

    text: str
    source: str
    result: MissivResult
    keep: list[Upload] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def text_of_upload(filename: str, data: bytes, *, max_bytes: int) -> str:
    """Return the text of one .txt/.pdf/.docx/.eml upload, or raise FileRejected in Swedish."""
    name = files.safe_name(filename)
    files.check_upload(name, data, max_bytes=max_bytes)
    if Path(name).suffix.lower() not in SUPPORTED:
        raise files.FileRejected(f"Texten i {name} kan inte läsas. Skicka en .txt-, .pdf-, .docx- eller .eml-fil.")
    try:
        text = extract_text(data, name).text
    except ValueError as exc:
        raise files.FileRejected(f"{name}: {exc}") from None
    if not text.strip():
        raise files.FileRejected(f"Ingen text kunde läsas ur {name} (är den inskannad?).")
    return text


def read_missiv(text: str, uploads: list[tuple[str, bytes]], *, max_bytes: int,
                reference_date: date | None = None) -> Reading:
    """Check every upload, extract texts and parse the missiv; raise FileRejected for a bad file."""
    if not text.strip() and not uploads:
        raise files.FileRejected("Klistra in missivets text eller välj en eller flera filer.")
    if sum(len(data) for _, data in uploads) > BATCH_FACTOR * max_bytes:
        raise files.FileRejected(f"Filerna är tillsammans större än {BATCH_FACTOR * max_bytes // 1048576} MB. "
                                 "Ladda upp dem i omgångar.")
    keep: list[Upload] = []
    warnings: list[str] = []
    candidates: list[tuple[str, str]] = []
    for filename, data in uploads:
        name = files.safe_name(filename)
        content_type = files.check_upload(name, data, max_bytes=max_bytes)
        keep.append(Upload(name, content_type, data))
        if Path(name).suffix.lower() not in SUPPORTED:
            warnings.append(f"{name} sparas som remisshandling men läses inte (bara .txt, .pdf, .docx och .eml läses).")
            continue
        try:
            document = extract_text(data, name)
        except ValueError as exc:
            raise files.FileRejected(f"{name}: {exc}") from None
        if document.text.strip():
            candidates.append((name, document.text))
        else:
            warnings.append(f"Ingen text kunde läsas ur {name} (är den inskannad?).")
        for attachment in document.attachments:
            inner = files.safe_name(attachment.filename)
            try:
                inner_type = files.check_upload(inner, attachment.data, max_bytes=max_bytes)
            except files.FileRejected as exc:
                warnings.append(f"Bilagan {inner} i {name} sparas inte: {exc}")
                continue
            keep.append(Upload(inner, inner_type, attachment.data))
    if text.strip():
        data = text.encode("utf-8")
        if len(data) <= max_bytes:
            keep.insert(0, Upload(PASTED_FILENAME, files.check_upload(PASTED_FILENAME, data, max_bytes=max_bytes),
                                  data))
        else:
            warnings.append(f"Den inklistrade texten är större än {files.human_size(max_bytes)} och sparas inte som "
                            "remisshandling. Ladda upp missivet som fil på remissens sida.")
        return Reading(text, PASTED, parse_missiv(text, reference_date=reference_date), keep, warnings)
    if not candidates:
        warnings.append("Ingen text kunde läsas ur filerna. Fyll i uppgifterna för hand.")
        return Reading("", "", parse_missiv("", reference_date=reference_date), keep, warnings)
    source, chosen, result = _best(candidates, reference_date)
    if len(candidates) > 1:
        warnings.append(f"Uppgifterna är hämtade ur {source}, den fil där flest uppgifter hittades.")
    # the missiv first among the remisshandlingar, the other files in the order they came
    keep.sort(key=lambda upload: upload.filename != source)
    return Reading(chosen, source, result, keep, warnings)


def _best(candidates: list[tuple[str, str]], reference_date: date | None) -> tuple[str, str, MissivResult]:
    """Return the candidate whose parse found the most fields; the first one on a tie."""
    best = None
    for name, text in candidates:
        result = parse_missiv(text, reference_date=reference_date)
        found = sum(1 for v in (result.title, result.remittent, result.sender_dnr, result.deadline,
                                result.answer_email, result.contact_person) if v) \
            + bool(result.sandlista) + bool(result.questions)
        if best is None or found > best[0]:
            best = (found, name, text, result)
    return best[1], best[2], best[3]
