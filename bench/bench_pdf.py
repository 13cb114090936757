"""Pages per second of budgetlint's full check of PDFs, against bare pdfplumber extract_text().

Run from the repository root:  .venv/bin/python bench/bench_pdf.py [--runs 5] [PDF ...]
Default files: the 17 PDFs under ../shared/peer-samples when it is there, else fixtures/pdf/*.pdf.
For each file, in one process, after one warm-up run of each:

  * audit   -- budgetlint.api.audit([file]) with all rules: read the PDF (pdfium characters and
               ruling lines, tables, paragraphs, clipping), recognise the template, run every rule:
               what `budgetlint check` does in process.
  * plumber -- pdfplumber.open(file) and page.extract_text() for every page, nothing else: what
               plain text extraction with pdfplumber costs (pdfplumber is a test dependency only).

The two are timed in turns (audit, plumber, audit, ...), so both see the same load on a shared
machine; each file's time is the median of --runs, in CPU seconds of this process (wall seconds
too). The last line totals all files: pages / Σ medians, and the ratio audit pages/s ÷ plumber
pages/s (above 1: the full check is faster than plain extraction). Compare runs on one machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

from budgetlint.api import audit

REPO = Path(__file__).resolve().parents[1]
PEERS = REPO.parent / "shared" / "peer-samples"


def default_files() -> list[Path]:
    peers = sorted(PEERS.rglob("*.pdf")) if PEERS.is_dir() else []
    return peers or sorted((REPO / "fixtures" / "pdf").glob("*.pdf"))


def pages_of(path: Path) -> int:
    doc = pypdfium2.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def run_audit(path: Path) -> None:
    doc = audit([path]).documents[0]
    if doc.error:
        raise SystemExit(f"{path}: {doc.error}")


def run_plumber(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def timed(fn: Callable[[Path], None], path: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    c0, w0 = time.process_time(), time.perf_counter()
    fn(path)
    return time.process_time() - c0, time.perf_counter() - w0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to time (default: the peer PDFs)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per file and method, after one warm-up")
    args = parser.parse_args()
    files = args.pdfs or default_files()

    print(f"median of {args.runs} paired runs after 1 warm-up; CPU s (wall s)\n")
    print(
        f"{'file':44} {'pages':>5} {'audit s':>14} {'audit p/s':>9} {'plumber s':>14} {'plumber p/s':>11} {'ratio':>6}"
    )
    total = {"pages": 0, "audit": 0.0, "audit_wall": 0.0, "plumber": 0.0, "plumber_wall": 0.0}
    for path in files:
        pages = pages_of(path)
        run_audit(path)  # warm-up: imports, rule and template loading, regex caches
        run_plumber(path)
        samples: dict[str, list[tuple[float, float]]] = {"audit": [], "plumber": []}
        for _ in range(args.runs):
            samples["audit"].append(timed(run_audit, path))
            samples["plumber"].append(timed(run_plumber, path))
        a = statistics.median(s[0] for s in samples["audit"])
        aw = statistics.median(s[1] for s in samples["audit"])
        p = statistics.median(s[0] for s in samples["plumber"])
        pw = statistics.median(s[1] for s in samples["plumber"])
        for key, value in (("pages", pages), ("audit", a), ("audit_wall", aw), ("plumber", p), ("plumber_wall", pw)):
            total[key] += value
        print(
            f"{path.name[:44]:44} {pages:5d} {a:6.2f} ({aw:5.2f}) {pages / a:9.1f} {p:6.2f} ({pw:5.2f}) "
            f"{pages / p:11.1f} {p / a:6.2f}"
        )
    n = total["pages"]
    print(
        f"{'all':44} {int(n):5d} {total['audit']:6.2f} ({total['audit_wall']:5.2f}) {n / total['audit']:9.1f} "
        f"{total['plumber']:6.2f} ({total['plumber_wall']:5.2f}) {n / total['plumber']:11.1f} "
        f"{total['plumber'] / total['audit']:6.2f}"
    )
    print(
        f"\nfull check: {n / total['audit']:.1f} pages/s CPU ({n / total['audit_wall']:.1f} wall); "
        f"pdfplumber extract_text: {n / total['plumber']:.1f} pages/s CPU ({n / total['plumber_wall']:.1f} wall); "
        f"ratio {total['plumber'] / total['audit']:.2f}× CPU "
        f"({total['plumber_wall'] / total['audit_wall']:.2f}× wall)"
    )


if __name__ == "__main__":
    main()
