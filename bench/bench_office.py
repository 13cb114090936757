"""DOCX and XLSX reading time against the PDF reader on the same content; peak memory on bad inputs.

Run from the repository root:  .venv/bin/python bench/bench_office.py [--runs 5]

Same content, three formats: the 司法局 2026 部门预算 (fixtures/pdf/sfj_2026_dept_budget.pdf), the
official department workbook filled with that PDF's tables (tests/office/office_builders.
fill_workbook), and a Word document holding the PDF's paragraphs and tables in order
(docx_from_source). For each, in one process after one warm-up: **read** (file -> SourceDocument,
median of --runs) and **check** (read + recognise + all rules), with the ratio to the PDF.
The workbook holds only the tables (its text sheets keep the template's wording), the Word file
everything the PDF reader found: compare per block as well as per document.

Peak memory: each bad input of tests/office (a million-row sheet, a zip bomb, a truncated
package, a macro workbook) and the filled workbook are read in a fresh process; the child's peak
RSS (VmHWM, Linux) is reported beside the same process importing budgetlint and reading nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "office"), str(REPO / "fixtures")]

from make_case_workbooks import three_public, xlsx_bytes
from office_builders import docx_from_source, fill_workbook

from budgetlint.api import audit
from budgetlint.ingest import read_document

PDF = REPO / "fixtures" / "pdf" / "sfj_2026_dept_budget.pdf"
TEMPLATE = REPO / "fixtures" / "office" / "department_budget_template.xlsx"


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def same_content(folder: Path) -> dict[str, Path]:
    source = read_document(PDF)
    return {
        "pdf": PDF,
        "xlsx": fill_workbook(TEMPLATE, source, folder / "dept.xlsx"),
        "docx": docx_from_source(source, folder / "dept.docx"),
    }


def bad_inputs(folder: Path) -> dict[str, Path]:
    import io
    import zipfile

    def with_part(data: bytes, name: str, payload: bytes) -> bytes:
        buffer = io.BytesIO(data)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, payload)
        return buffer.getvalue()

    chunks = (
        "".join(f'<row r="{i}"><c r="A{i}"><v>{i * 7919 % 100003}</v></c></row>' for i in range(start, start + 10_000))
        for start in range(1, 1_000_001, 10_000)
    )
    small = xlsx_bytes(three_public(10.71))
    files = {
        "million_rows.xlsx": xlsx_bytes([{"name": "明细", "rows_xml": chunks}], stored=True),
        "zip_bomb.xlsx": with_part(small, "xl/media/zeros.bin", bytes(200 * 2**20)),
        "truncated.xlsx": small[: len(small) // 2],
        "macros.xlsm": with_part(small, "xl/vbaProject.bin", b"Attribute VB_Name"),
    }
    out = {}
    for name, data in files.items():
        out[name] = folder / name
        out[name].write_bytes(data)
    return out


# VmHWM, not getrusage's ru_maxrss: on Linux ru_maxrss survives exec, so a child would report
# the peak of the (larger) benchmark process it was forked from
CHILD = """
import sys
from budgetlint.ingest import read_document
from budgetlint.errors import InputError
outcome = "read"
if sys.argv[1] != "-":
    try:
        read_document(sys.argv[1])
    except InputError as exc:
        outcome = exc.message[:40]
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(peak, outcome)
"""


def peak_rss(path: Path | None) -> tuple[float, str, float]:
    """(peak RSS in MB, what happened, seconds) of reading `path` in a fresh process."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path) if path else "-"], capture_output=True, text=True, check=True
    )
    kb, outcome = done.stdout.split(maxsplit=1)
    return int(kb) / 1024, outcome.strip(), time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = same_content(folder)
        rows = {}
        for kind, path in files.items():
            source = read_document(path)
            read = median_ms(lambda p=path: read_document(p), args.runs)
            check = median_ms(lambda p=path: audit([p]), max(1, args.runs // 2))
            rows[kind] = (read, check, len(source.blocks), path.stat().st_size)
        base_read, base_check = rows["pdf"][0], rows["pdf"][1]
        print(
            f"{'format':<6} {'read ms':>9} {'× pdf':>6} {'check ms':>9} {'× pdf':>6} {'blocks':>7} "
            f"{'µs/block':>9} {'bytes':>8}"
        )
        for kind, (read, check, blocks, size) in rows.items():
            print(
                f"{kind:<6} {read:9.1f} {read / base_read:6.2f} {check:9.1f} {check / base_check:6.2f} "
                f"{blocks:7d} {1000 * read / blocks:9.1f} {size:8d}"
            )
        print()
        baseline, _, _ = peak_rss(None)
        print(f"{'input':<20} {'peak RSS MB':>11} {'over import':>11} {'seconds':>8}  outcome")
        print(f"{'(import only)':<20} {baseline:11.1f} {0:11.1f} {'':>8}")
        for name, path in {**bad_inputs(folder), "filled dept.xlsx": files["xlsx"]}.items():
            rss, outcome, seconds = peak_rss(path)
            print(f"{name:<20} {rss:11.1f} {rss - baseline:11.1f} {seconds:8.2f}  {outcome}")


if __name__ == "__main__":
    main()
