"""Every crash or hang found by fuzzing (issue 17 and the runs of run_long.py), kept as a case.

Each input is made here from the fixtures (no large file is committed) and checked in process,
the way the command line does it (api.check_file with the bundled rules): no 内部错误, no `error`
outcome. A case's docstring names what used to happen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetlint.api import check_file
from budgetlint.rulebook import load_rules

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "fixtures" / "seeds"
SEED_000 = (SEEDS / "000_b2c7b50d282cc0b6.txt").read_text(encoding="utf-8")
SEED_003 = (SEEDS / "003_b609326f3d399845.txt").read_text(encoding="utf-8")
UNIT_PDF = (REPO / "fixtures" / "pdf" / "sfj_2026_unit_budget.pdf").read_bytes()


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.fixture
def check(tmp_path, rules):
    def run(*files: tuple[str, bytes]) -> list[dict]:
        out = []
        for name, data in files:
            path = tmp_path / name
            path.write_bytes(data)
            result = check_file(path, rules)
            assert "内部错误" not in (result.error or ""), result.error
            summary = result.run.summary if result.run else {}
            assert summary.get("error", 0) == 0, [
                e.detail for e in result.run.evaluations if e.detail and e.outcome.value == "error"
            ]
            out.append({"error": result.error, "summary": summary})
        return out

    return run


def _cells(text: str, new: str, count: int) -> str:
    """The first `count` table amounts (a TAB before them) printed as `new`."""
    return re.sub(r"(?<=\t)\d+\.\d\d(?=\t|\n)", new, text, count=count)


@pytest.mark.parametrize("amount", ["1" + "0" * 40, "9" * 29 + ".99", "-12.50", "0", "9" * 61, "1E+30"])
def test_amounts_at_the_edges_of_their_domain_give_no_error_outcome(check, amount):
    """InvalidOperation in numbers.format_amount: 226 of 1,000 text mutants, 55 rules."""
    text = _cells(SEED_000, amount, 12).replace("7700.83万元", f"{amount}万元")
    [doc] = check(("m.txt", text.encode("utf-8")))
    assert doc["summary"]["error"] == 0 and doc["summary"]["pass"] > 300


def test_huge_numbers_in_self_evaluation_cells_and_counts(check):
    """AttributeError in performance values, AssertionError and int() limits in the claims reader."""
    text = re.sub(r"\t(\d+\.\d\d)\n", "\t" + "9" * 100 + "\n", SEED_003, count=20)
    text = text.replace("个", "9" * 5000 + "个", 3)
    [doc] = check(("m.txt", text.encode("utf-8")))
    assert doc["summary"]["error"] == 0


@pytest.mark.parametrize("edit", ["drop a cell", "repeat a row", "one column", "empty table"])
def test_missing_repeated_and_collapsed_rows(check, edit):
    lines = SEED_000.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("一、一般公共预算\t"))
    if edit == "drop a cell":
        lines[row] = "\t".join(lines[row].split("\t")[:2])
    elif edit == "repeat a row":
        lines[row:row] = [lines[row].replace("7700.83", "7700.84")] * 3
    else:
        for k in range(row - 5, row + 30):
            lines[k] = lines[k].replace("\t", " ") if edit == "one column" else re.sub(r"\d+\.\d\d", "", lines[k])
    [doc] = check(("m.txt", "\n".join(lines).encode("utf-8")))
    assert doc["summary"]["error"] == 0


def test_a_pdf_without_a_page_list_loses_only_itself(check):
    """pdfplumber raised again on close: 内部错误, no output for any file of the batch. pdfium
    refuses a catalog without its page tree when it opens the file."""
    broken = UNIT_PDF.replace(b"/Pages", b"/Pagex")
    broken_doc, seed_doc = check(("broken.pdf", broken), ("seed.txt", SEED_000.encode("utf-8")))
    assert "PDF 文件损坏" in broken_doc["error"] and "页面树" in broken_doc["error"]
    assert seed_doc["summary"]["pass"] > 300


def test_a_pdf_without_a_media_box_is_read(check):
    """pdfplumber could not build the page list of pages without /MediaBox; pdfium reads them on
    its default page size: no error, no 内部错误."""
    [doc] = check(("nobox.pdf", UNIT_PDF.replace(b"/MediaBox", b"/MediaBux")))
    assert doc["error"] is None and doc["summary"]["error"] == 0


@pytest.mark.parametrize("edit", ["junk before the header", "20 KB after %%EOF"])
def test_a_pdf_with_bytes_around_it_is_read(check, edit):
    """Junk before %PDF was 二进制文件; more than 8 KB after %%EOF was 损坏. (A rule case's PDF.)"""
    small = (REPO / "rules" / "document" / "DC010.pass_no_blank.pdf").read_bytes()
    data = bytes(range(1, 200)) + small if edit.startswith("junk") else small + b"\0" * 20_000
    [doc] = check(("m.pdf", data))
    assert doc["error"] is None and doc["summary"]["pass"] > 0


def test_one_split_character_does_not_refuse_the_file(check):
    data = SEED_000.encode("utf-8")
    at = data.index("情况说明".encode()) + 1
    [doc] = check(("m.txt", data[:at] + data[at + 1 :]))
    assert doc["error"] is None and doc["summary"]["pass"] > 300


def test_a_glyph_taller_than_the_page_costs_the_page_not_the_glyph():
    """Clipping looked a character up per 10 points of its height: minutes and 2.3 GB for one
    huge glyph. Run in a child process, so its memory and CPU are measured (harness.judge)."""
    from harness import FuzzInput, run
    from make_case_pdfs import COVER, DUTIES, _clipped, _text, pdf_bytes

    huge = b"".join(_text(60 + 10 * i, 400, "字", 1e9) for i in range(5))
    page = COVER + _clipped(50, 50, 500, 700, huge) + _clipped(50, 100, 500, 600, _text(60, 300, "测试", 12) * 50)
    outcome = run(FuzzInput(kind="pdf", args=("check", "glyph.pdf"), files=(("glyph.pdf", pdf_bytes([page, DUTIES])),)))
    assert outcome.code in (0, 1) and not outcome.problems, outcome.problems
    assert outcome.rss < 512 * 2**20
