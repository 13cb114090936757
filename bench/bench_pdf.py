"""Pages per second of `budgetlint check` on the PDF fixtures, against bare pdfplumber extract_text().

Run from the repository root:  .venv/bin/python bench/bench_pdf.py [--runs 3] [PDF ...]
Default files: fixtures/pdf/*.pdf. For each file, in one process and after one warm-up run:

  * audit   -- budgetlint.api.audit([file]) with all rules: read the PDF (characters, ruled tables,
               clipping), recognise the template, run every rule; what `budgetlint check` does in process.
  * plumber -- pdfplumber.open(file) and page.extract_text() for every page, nothing else: the floor
               any pdfplumber-based reader pays.

Both are timed per file (median of --runs runs, wall clock) and reported as pages/second; the last
line totals all files. The ratio says what reading tables and positions, recognising and checking
cost on top of plain text extraction. Times depend on the machine: compare runs on one machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pdfplumber

from budgetlint.api import audit

REPO = Path(__file__).resolve().parents[1]
PDFS = REPO / "fixtures" / "pdf"


def pages_of(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def time_audit(path: Path) -> float:
    t0 = time.perf_counter()
    result = audit([path])
    elapsed = time.perf_counter() - t0
    doc = result.documents[0]
    if doc.error:
        raise SystemExit(f"{path}: {doc.error}")
    return elapsed


def time_plumber(path: Path) -> float:
    t0 = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return time.perf_counter() - t0


def median_of(fn, path: Path, runs: int) -> float:
    fn(path)  # warm-up: imports, rule and template loading, regex caches
    return statistics.median(fn(path) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to time (default: fixtures/pdf/*.pdf)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per file and method, after one warm-up")
    args = parser.parse_args()
    files = args.pdfs or sorted(PDFS.glob("*.pdf"))

    print(f"median of {args.runs} runs after 1 warm-up, wall clock\n")
    print(f"{'file':32} {'pages':>5} {'audit s':>9} {'audit p/s':>10} {'plumber s':>10} {'plumber p/s':>12} {'ratio':>6}")
    total_pages = total_audit = total_plumber = 0.0
    for path in files:
        pages = pages_of(path)
        a = median_of(time_audit, path, args.runs)
        p = median_of(time_plumber, path, args.runs)
        total_pages, total_audit, total_plumber = total_pages + pages, total_audit + a, total_plumber + p
        print(f"{path.name:32} {pages:5d} {a:9.2f} {pages / a:10.1f} {p:10.2f} {pages / p:12.1f} {a / p:6.1f}")
    print(f"{'all':32} {int(total_pages):5d} {total_audit:9.2f} {total_pages / total_audit:10.1f} "
          f"{total_plumber:10.2f} {total_pages / total_plumber:12.1f} {total_audit / total_plumber:6.1f}")


if __name__ == "__main__":
    main()
