"""Time extract_text + parse_missiv on a generated 20-page PDF against pypdf's bare text extraction."""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from remiss.missiv import extract_text, parse_missiv  # noqa: E402

PAGES = 20
LINES_PER_PAGE = 50


def page_lines(page: int) -> list[str]:
    """Return the text lines of one page: a missiv, then a long sändlista, then prose."""
    if page == 0:
        return [
            "Finansdepartementet", "2024-02-01", "Remiss av promemorian Nya regler för skatt",
            "Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024.",
            "Svaren bör lämnas per e-post till fi.remissvar@regeringskansliet.se med kopia till a.b@regeringskansliet.se.",
            "Ange diarienummer Fi2024/01234 och remissinstansens namn i ämnesraden.",
            "Frågor under remisstiden kan ställas till Anna Svensson.", "", "Remissinstanser", "",
        ] + [f"{i}. Myndighet för område {i}" for i in range(1, LINES_PER_PAGE - 9)]
    if page < 5:
        return [f"{page * 50 + i}. Kommun i länet {page * 50 + i}" for i in range(LINES_PER_PAGE)]
    return [f"Stycke {page}.{i}: Förslaget träder i kraft den 1 juli 2025 och berör kommunernas ansvar." for i in range(LINES_PER_PAGE)]


def make_pdf(pages: list[list[str]]) -> bytes:
    """Return a minimal PDF (Helvetica, WinAnsi) with one text line per string."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        body = ["BT /F1 9 Tf 12 TL 40 810 Td"]
        body += [f"({line.replace(chr(92), chr(92) * 2).replace('(', '[').replace(')', ']')}) Tj T*" for line in lines]
        stream = "\n".join(body + ["ET"]).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % off for off in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def best_of(fn, repeat: int = 5) -> float:
    """Return the fastest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    """Print baseline, parser time and their ratio."""
    data = make_pdf([page_lines(p) for p in range(PAGES)])
    baseline = best_of(lambda: [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages])
    full = best_of(lambda: parse_missiv(extract_text(data, "missiv.pdf").text))
    parse_only_text = extract_text(data, "missiv.pdf").text
    parse_only = best_of(lambda: parse_missiv(parse_only_text))
    result = parse_missiv(parse_only_text)
    print(f"PDF: {PAGES} pages, {len(data)} bytes, {len(parse_only_text)} characters of text")
    print(f"sanity: deadline={result.to_json()['deadline']} dnr={result.sender_dnr} sandlista={len(result.sandlista)}")
    print(f"baseline pypdf extract_text : {baseline * 1000:8.1f} ms")
    print(f"parse_missiv alone          : {parse_only * 1000:8.1f} ms")
    print(f"extract_text + parse_missiv : {full * 1000:8.1f} ms  (ratio {full / baseline:.2f}x baseline)")
    print(f"goal < 1 s: {'OK' if full < 1.0 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
