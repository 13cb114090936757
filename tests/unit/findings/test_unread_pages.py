"""A PDF with two scanned pages: a finding per page without text, no false error from what is
missing, and every finding elsewhere kept.

The part-scanned PDF is made here from the 司法局 部门预算: pages 8 (the 编制说明 with the five
“2026年预算”) and 12 (the 支出预算总表, continued from page 11) are replaced by pictures of
themselves, as a scanner would give them.
"""

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter

from budgetlint import api
from budgetlint.model import Outcome

SOURCE = Path(__file__).resolve().parents[3] / "fixtures" / "pdf" / "sfj_2026_dept_budget.pdf"
SCANNED = (8, 12)


def scan_pages(source: Path, target: Path, pages: tuple[int, ...], scale: float = 0.5) -> Path:
    """`source` with `pages` (1-based) replaced by images of themselves, at the same page size."""
    document = pdfium.PdfDocument(str(source))
    writer = PdfWriter(clone_from=str(source))
    for number in pages:
        image = document[number - 1].render(scale=scale).to_pil().convert("L")
        buffer = io.BytesIO()
        image.save(buffer, format="PDF", resolution=72 * scale)  # pixels at 72·scale dpi: the page's size
        writer.insert_page(PdfReader(buffer).pages[0], number - 1)
        writer.remove_page(number)
    document.close()
    writer.write(str(target))
    return target


@pytest.fixture(scope="module")
def runs(tmp_path_factory, audited):
    scanned = scan_pages(SOURCE, tmp_path_factory.mktemp("scan") / "part_scanned.pdf", SCANNED)
    return audited("pdf/sfj_2026_dept_budget.pdf").documents[0], api.audit([scanned]).documents[0]


def test_the_scan_has_no_text_on_those_pages_only(runs):
    _, doc = runs
    assert [p.number for p in doc.disclosure.source.pages if not p.text] == [3, *SCANNED]  # 3: the blank page


def test_each_page_without_text_is_a_finding_of_its_own(runs):
    _, doc = runs
    pages = [f for f in doc.run.findings if f.rule == "DC014"]
    assert [f.locations[0].page for f in pages] == list(SCANNED)
    assert all("无文字层，未检查" in f.message and f.severity == "warning" for f in pages)


def test_nothing_missing_becomes_a_false_error(runs):
    original, doc = runs
    before = {f.fingerprint for f in original.run.findings}
    new = [f for f in doc.run.findings if f.fingerprint not in before and f.rule != "DC014"]
    assert new == [], [(f.rule, f.message) for f in new]
    # the part and the table printed on the scanned pages, and their 目录 entries, are 数据不足
    unsure = [e for e in doc.run.evaluations if e.outcome == Outcome.INSUFFICIENT_DATA and e.rule in ("DC001", "DC004")]
    assert len(unsure) == 4 and all("第8、12页没有文字层" in e.detail for e in unsure)
    assert not any(e.outcome == Outcome.FAIL and e.rule in ("DC001", "DC004") for e in doc.run.evaluations)


def test_findings_on_the_pages_that_were_read_stand(runs):
    original, doc = runs
    after = {f.fingerprint for f in doc.run.findings}
    kept = [f for f in original.run.findings if f.locations[0].page not in SCANNED]
    assert kept and all(f.fingerprint in after for f in kept), [f.rule for f in kept if f.fingerprint not in after]
    # the real defects on page 8 are not silently gone: page 8 is named as unchecked instead
    assert {f.rule for f in original.run.findings if f.locations[0].page == 8} >= {"NA007", "NA012", "NA014"}
