"""Read uploaded missiv files as untrusted work: check them here, extract and parse them in the sandbox worker.

Text extraction and parsing run in a fresh process with a time and memory limit (the worker of
remiss.documents, job "read" and "parse" of remiss.intake.untrusted), so a hostile file or text costs
at most `ReadLimits.seconds` and `ReadLimits.memory_mb`. Scanned PDFs are read by OCR (remiss.intake.ocr)
when it is installed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from remiss import files
from remiss.documents.worker import WorkerKilled, WorkerRefused, WorkerTimeout, run_job
from remiss.intake import ocr
from remiss.intake.formats import MAX_TEXT, PROTECTED, READABLE

PASTED = "den inklistrade texten"
PASTED_FILENAME = "Missiv.txt"  # the pasted missiv, kept as the first remisshandling
BATCH_FACTOR = 4  # one intake may carry this many times UPLOAD_MAX_BYTES in all
TOO_LONG = "Texten är för lång (högst 2 miljoner tecken)."
NO_TEXT = "Ingen text kunde läsas ur filerna. Fyll i uppgifterna för hand."
READABLE_NAMES = ".txt, .pdf, .docx, .eml, .msg och .html"


@dataclass(frozen=True)
class ReadLimits:
    """What one reading may cost: bytes per file, the worker's seconds and memory, OCR's pages and seconds."""

    max_bytes: int
    seconds: float = 10
    memory_mb: int = 768
    ocr_pages: int = 2
    ocr_seconds: float = 15

    @classmethod
    def of(cls, config) -> "ReadLimits":
        return cls(config["UPLOAD_MAX_BYTES"], config.get("READ_SECONDS", 10), config.get("READ_MEMORY_MB", 768),
                   config.get("OCR_MAX_PAGES", 2), config.get("OCR_SECONDS", 15))


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
    parsed: dict  # remiss.intake.untrusted.best_parse: result, values, evidence, warnings, extension_to
    keep: list[Upload] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    header: dict = field(default_factory=dict)  # the first file's own e-mail headers, when it is an e-mail

    @property
    def all_warnings(self) -> list[str]:
        return self.warnings + list(self.parsed["warnings"])


def parse_text(text: str, *, limits: ReadLimits, reference_date: date | None = None,
               organisations: tuple[str, ...] = ()) -> dict:
    """Parse a missiv text in the worker; raise FileRejected (Swedish) when it is too long or too costly."""
    if len(text) > MAX_TEXT:
        raise files.FileRejected(TOO_LONG)
    return _parse([(None, text)], limits, reference_date, organisations)


def read_upload(filename: str, data: bytes, *, limits: ReadLimits, organisations: tuple[str, ...] = ()) -> Reading:
    """Read the missiv in one file (the API's and the CLI's way); raise FileRejected when it gives no text.
    `organisations` as for read_missiv."""
    name = files.safe_name(filename)
    files.check_upload(name, data, max_bytes=limits.max_bytes)
    if Path(name).suffix.lower() not in READABLE:
        raise files.FileRejected(f"Texten i {name} kan inte läsas. Skicka en fil av typen {READABLE_NAMES}.")
    reading = read_missiv("", [(name, data)], limits=limits, organisations=organisations)
    if not reading.text.strip():
        raise files.FileRejected(" ".join(w for w in reading.warnings if w != NO_TEXT)
                                 or f"Ingen text kunde läsas ur {name}.")
    return reading


def read_missiv(text: str, uploads: list[tuple[str, bytes]], *, limits: ReadLimits,
                reference_date: date | None = None, organisations: tuple[str, ...] = ()) -> Reading:
    """Check every upload, extract texts and parse the missiv; raise FileRejected for a bad file. `organisations` are
    the reader's own (remiss.namnd.service.organisations), for the remittent."""
    if not text.strip() and not uploads:
        raise files.FileRejected("Klistra in missivets text eller välj en eller flera filer.")
    if len(text) > MAX_TEXT:
        raise files.FileRejected(TOO_LONG)
    if sum(len(data) for _, data in uploads) > BATCH_FACTOR * limits.max_bytes:
        raise files.FileRejected(f"Filerna är tillsammans större än {BATCH_FACTOR * limits.max_bytes // 1048576} MB. "
                                 "Ladda upp dem i omgångar.")
    keep: list[Upload] = []
    warnings: list[str] = []
    readable: list[Upload] = []
    for filename, data in uploads:
        name = files.safe_name(filename)
        upload = Upload(name, files.check_upload(name, data, max_bytes=limits.max_bytes), data)
        keep.append(upload)
        if Path(name).suffix.lower() in READABLE:
            readable.append(upload)
        else:
            warnings.append(f"{name} sparas som remisshandling men läses inte (bara {READABLE_NAMES} läses).")
    answer, blobs = _read(readable, text, limits, reference_date, organisations)
    candidates: list[tuple[str, str, list]] = []
    scanned: dict[str, bytes] = {}
    hints: dict[str, list] = {}
    offset = 0
    unreadable: list[tuple[Upload, str]] = []
    for upload, document in zip(readable, answer["documents"]):
        if "error" in document:
            error = document["error"]
            unreadable.append((upload, error if upload.filename in error else f"{upload.filename}: {error}"))
            continue
        warnings.extend(document["warnings"])
        inner = {}
        for attachment in document["attachments"]:
            data = blobs[offset:offset + attachment["size"]]
            offset += attachment["size"]
            inner[attachment["filename"]] = data
            name = files.safe_name(attachment["filename"])
            try:
                keep.append(Upload(name, files.check_upload(name, data, max_bytes=limits.max_bytes), data))
            except files.FileRejected as exc:
                warnings.append(f"Bilagan {name} i {upload.filename} sparas inte: {exc}")
        for name in document["scanned"]:
            scanned[name] = upload.data if name == upload.filename else inner.get(name, b"")
            hints[name] = document.get("hints", [])  # a scanned PDF's metadata still speaks for it
        if document["text"].strip():
            candidates.append((upload.filename, document["text"], document.get("hints", [])))
        elif upload.filename not in scanned:
            warnings.append(f"Ingen text kunde läsas ur {upload.filename}.")
    header = answer["documents"][0].get("header") or {} if answer["documents"] else {}
    if unreadable and not (text.strip() or candidates or scanned):
        raise files.FileRejected(" ".join(message for _, message in unreadable))
    for upload, message in unreadable:  # one bad file does not stop the others from being read
        if PROTECTED in message:  # remisshandlingar are often protected: kept, but their text is not read
            warnings.append(f"{message} Den sparas som remisshandling men uppgifterna är inte hämtade ur den.")
        else:
            keep.remove(upload)
            warnings.append(f"{message} Den sparas inte; uppgifterna är hämtade ur de andra filerna eller texten.")
    if text.strip():
        data = text.encode("utf-8")
        if len(data) <= limits.max_bytes:
            keep.insert(0, Upload(PASTED_FILENAME, files.check_upload(PASTED_FILENAME, data,
                                                                      max_bytes=limits.max_bytes), data))
        else:
            warnings.append(f"Den inklistrade texten är större än {files.human_size(limits.max_bytes)} och sparas "
                            "inte som remisshandling. Ladda upp missivet som fil på remissens sida.")
        return Reading(text, PASTED, answer["parsed"], keep, warnings, header)
    read_by_ocr, repaired = _ocr(scanned, limits, warnings)
    if read_by_ocr:
        parsed = _parse(candidates + [(name, text, hints.get(name, [])) for name, text in read_by_ocr], limits,
                        reference_date, organisations)
    elif answer["parsed"] is not None:
        parsed = answer["parsed"]
    else:
        warnings.append(NO_TEXT)
        return Reading("", "", _parse([(None, "")], limits, reference_date), keep, warnings, header)
    if parsed["source"] in {name for name, _ in read_by_ocr}:
        warnings.extend(_repaired_addresses(parsed, repaired.get(parsed["source"], [])))
        warnings.extend(_misread_addresses(parsed))
    if len(candidates) + len(read_by_ocr) > 1:
        warnings.append(f"Uppgifterna är hämtade ur {parsed['source']}, den fil där flest uppgifter hittades.")
    # the missiv first among the remisshandlingar, the other files in the order they came
    keep.sort(key=lambda upload: upload.filename != parsed["source"])
    return Reading(parsed["text"], parsed["source"], parsed, keep, warnings, header)


def _misread_addresses(parsed: dict) -> list[str]:
    """Warnings for address-like words in an OCR text without "@" that could not be repaired (two signs that may be
    the "@", a blank in the word): the answer address may be misread."""
    found = ocr.misread_addresses(parsed["text"])
    if not found:
        return []
    where = "Svar till e-post är tom" if not parsed["values"].get("answer_email") else "Kontrollera Svar till e-post"
    return [f"Textigenkänningen kan ha läst fel i en e-postadress (”{found[0]}”, där @ troligen blivit en annan "
            f"bokstav). {where} – kontrollera adressen mot missivet."]


def _repaired_addresses(parsed: dict, pairs: list[tuple[str, str]]) -> list[str]:
    """Say which addresses of an OCR text had their "@" put back, and whether one became Svar till e-post."""
    answer = parsed["values"].get("answer_email")
    return [f"Textigenkänningen läste ”{read}”, där @ troligen blivit en annan bokstav; adressen är rättad till "
            f"{fixed}" + (" och ifylld som Svar till e-post" if fixed == answer else "") +
            " – kontrollera den mot missivet." for read, fixed in pairs]


def _ocr(scanned: dict[str, bytes], limits: ReadLimits,
         warnings: list[str]) -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """Read each scanned PDF by OCR, with the "@" OCR misread put back where it is certain; say in warnings why
    one could not be read. Returns the texts and, per file, the (read, repaired) addresses."""
    texts, repaired = [], {}
    for name, data in scanned.items():
        try:
            found = ocr.pdf_text(data, name, max_pages=limits.ocr_pages, budget=limits.ocr_seconds)
        except ocr.OcrFailed as exc:
            warnings.append(str(exc))
            continue
        warnings.extend(found.warnings)
        text, repaired[name] = ocr.repair_addresses(found.text)
        texts.append((name, text))
    return texts, repaired


def _read(readable: list[Upload], text: str, limits: ReadLimits, reference_date: date | None,
          organisations: tuple[str, ...] = ()) -> tuple[dict, bytes]:
    request = {"files": [{"name": u.filename, "size": len(u.data)} for u in readable], "text": text, "parse": True,
               "reference_date": reference_date.isoformat() if reference_date else None,
               "organisations": list(organisations)}
    raw = _job("read", request, b"".join(u.data for u in readable), limits)
    header, _, blobs = raw.partition(b"\n")
    return json.loads(header), blobs


def _parse(candidates: list, limits: ReadLimits, reference_date: date | None,
           organisations: tuple[str, ...] = ()) -> dict:
    request = {"candidates": candidates, "reference_date": reference_date.isoformat() if reference_date else None,
               "organisations": list(organisations)}
    return json.loads(_job("parse", request, b"", limits))["parsed"]


def _job(job: str, request: dict, payload: bytes, limits: ReadLimits) -> bytes:
    """Run a reading job in the worker; its failures become FileRejected with a Swedish message."""
    try:
        return run_job(job, request, payload, timeout=limits.seconds, memory_mb=limits.memory_mb)
    except WorkerTimeout:
        raise files.FileRejected(f"Det tog mer än {limits.seconds:g} sekunder att läsa texten, så läsningen "
                                 "avbröts. Klistra in missivets text eller fyll i uppgifterna för hand.") from None
    except WorkerRefused as exc:
        raise files.FileRejected(str(exc) or "Filen kunde inte läsas.") from None
    except WorkerKilled:
        raise files.FileRejected("Läsningen krävde mer minne eller tid än vad som är tillåtet och avbröts. "
                                 "Klistra in missivets text eller fyll i uppgifterna för hand.") from None
