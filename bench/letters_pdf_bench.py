"""Time the PDF of N letters by post: one LibreOffice run for all of them against one run per letter.

Run: .venv/bin/python bench/letters_pdf_bench.py [N] [ROUNDS]   (defaults 10 letters, 2 rounds)

The baseline is how printing.with_handlingar worked before: split the letters, convert_to_pdf each (one soffice
start per letter), append. The goal: the letters PDF of N=10 takes at most GOAL of the baseline's time, with the
same pages in the same order. The variants run interleaved, so a busy machine slows them alike.
"""

from __future__ import annotations

import io
import statistics
import sys
import time

from pypdf import PdfReader, PdfWriter

from remiss.documents import convert_to_pdf, render_document, sample_context
from remiss.documents.letters import letters, split_letters
from remiss.outgoing import printing

GOAL = 0.5  # measured 0.22x (2 rounds) and 0.43x (1 round) on a loaded 2-core machine (load average 4-9)


def one_run_per_letter(data: bytes) -> bytes:
    """The letters PDF as it was made before: a LibreOffice start for each letter."""
    writer = PdfWriter()
    for letter in split_letters(data):
        writer.append(PdfReader(io.BytesIO(convert_to_pdf(letter))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def main(n: int = 10, rounds: int = 2) -> None:
    missiv = render_document("missiv", sample_context("missiv"))
    data = letters(missiv, [[f"Instans {i}", f"Box {i}", "205 00 Malmö"] for i in range(1, n + 1)])
    variants = {"one soffice per letter (baseline)": one_run_per_letter,
                "one soffice for all letters": lambda d: printing.with_handlingar(d, [])[0]}
    times: dict[str, list[float]] = {name: [] for name in variants}
    pages: dict[str, list[str]] = {}
    for _ in range(rounds):
        for name, fn in variants.items():
            started = time.perf_counter()
            pdf = fn(data)
            times[name].append(time.perf_counter() - started)
            pages[name] = page_texts(pdf)
    base, new = (statistics.median(t) for t in times.values())
    print(f"letters PDF of {n} letters, median of {rounds} interleaved rounds; goal: ≤ {GOAL:g}× the baseline")
    for name, seconds in zip(variants, (base, new)):
        print(f"{name:36} {seconds:7.2f} s {seconds / base:6.2f}x  {len(pages[name])} pages")
    same = pages["one soffice per letter (baseline)"] == pages["one soffice for all letters"]
    print(f"{'same pages, same order':36} {'yes' if same else 'NO'}")
    print(f"{'goal':36} {'PASS' if same and new / base <= GOAL else 'FAIL':>9}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
