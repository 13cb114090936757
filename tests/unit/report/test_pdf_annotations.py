"""The annotated PDF of the 司法局 2026 部门预算 (and 单位预算): one annotation per place of every
finding, on the right page, around the words of that place; a first page listing the findings
with links to their pages; a text input gets the list only, and says so."""

import io
import re

import pdfplumber
import pytest
from pypdf import PdfReader

from budgetlint.model import Paragraph
from budgetlint.report import pdf_annotations, reporter
from budgetlint.report.pdf_annotations import drawn_places

SFJ = ["pdf/sfj_2026_dept_budget.pdf", "pdf/sfj_2026_unit_budget.pdf"]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _words(doc, f, loc) -> str:
    """The text printed at a place: a number's cell, or the words a narrative place quotes."""
    cell = next((a.printed for a in f.addends if a.location == loc and a.printed), None)
    if cell:
        return cell
    if loc.span is not None:
        para = next(b for b in doc.disclosure.source.blocks if isinstance(b, Paragraph) and b.location.line == loc.line)
        return para.text[loc.span[0] : loc.span[1]]
    return f.quote or ""  # characters cut by a frame


@pytest.fixture(scope="module", params=SFJ)
def annotated(request, audited):
    results = audited(request.param)
    data = pdf_annotations.render(results)
    return results.documents[0], data


def test_annotated_pdf_is_a_binary_format_and_stable(annotated, audited):
    doc, data = annotated
    assert reporter("pdf") is pdf_annotations and pdf_annotations.BINARY and pdf_annotations.SUFFIX == ".pdf"
    results = audited(doc.path.split("fixtures/")[-1])
    assert pdf_annotations.render(results) == data  # the same input gives the same bytes


def test_every_place_of_every_finding_is_annotated_around_its_words(annotated):
    doc, data = annotated
    reader = PdfReader(io.BytesIO(data))
    original = len(doc.disclosure.source.pages)
    offset = len(reader.pages) - original  # the list of findings comes first
    assert offset >= 1
    by_name: dict[str, list] = {}
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []):
            annotation = ref.get_object()
            if annotation.get("/Subtype") in ("/Highlight", "/Text"):
                by_name.setdefault(str(annotation["/NM"]).rsplit("-", 2)[0], []).append((index, annotation))
    shown = [f for f in doc.run.findings if f.shown]
    assert sorted(by_name) == sorted(f.fingerprint for f in shown)
    checked = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for f in shown:
            places = drawn_places(f)
            found = by_name[f.fingerprint]
            assert len(found) == len(places), (f.rule, len(found), len(places))  # one per place
            for loc, (index, annotation) in zip(places, found):
                assert index == offset + loc.page - 1  # on the right page
                assert f.message in str(annotation["/Contents"])
                words = _squeezed(_words(doc, f, loc).replace("%", ""))
                if loc.bbox is None:
                    assert annotation["/Subtype"] == "/Text"  # a whole page: a note, no box
                    continue
                x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
                page = pdf.pages[index]
                inside = page.crop((x0, float(page.height) - y1, x1, float(page.height) - y0), strict=False)
                assert words and words in _squeezed(inside.extract_text()), (f.rule, words, inside.extract_text())
                checked += 1
    assert checked >= 10


def test_the_first_page_lists_the_findings_with_links_to_their_pages(annotated):
    doc, data = annotated
    reader = PdfReader(io.BytesIO(data))
    offset = len(reader.pages) - len(doc.disclosure.source.pages)
    listed = reader.pages[0].extract_text()
    assert "budgetlint 检查结果" in listed and "错误" in listed
    links = [
        a.get_object()
        for page in reader.pages[:offset]
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Link"
    ]
    shown = [f for f in doc.run.findings if f.shown]
    targets = sorted(reader.get_page_number(link["/Dest"][0].get_object()) for link in links)
    assert targets == sorted(offset + f.locations[0].page - 1 for f in shown)  # a wrapped line links once


def test_a_text_input_gets_the_list_only_and_says_so(audited):
    data = pdf_annotations.render(audited("seeds/004_b39ab111367c9db1.txt"))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "不是 PDF" in text and "没有原文页面可以标注" in text and "NA003" in text
    assert not any(a.get_object()["/Subtype"] in ("/Highlight", "/Link") for a in reader.pages[0].get("/Annots", []))
