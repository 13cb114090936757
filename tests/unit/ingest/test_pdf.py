"""PDF reader: exact pages, tables joined over page breaks, reading order rebuilt, bad PDFs.

The expected values were read off the PDFs in fixtures/pdf (see fixtures/README.md).
"""

import re
from pathlib import Path

import documents
import pdfplumber
import pytest

from budgetlint.errors import InputError
from budgetlint.ingest import pdf as pdf_reader
from budgetlint.ingest.pdf.geometry import Char
from budgetlint.ingest.pdf.lines import Line, join, line_text, make_lines
from budgetlint.ingest.pdf.pages import Page
from budgetlint.ingest.pdf.paragraphs import drop_page_numbers
from budgetlint.model import Paragraph, RawTable
from budgetlint.recognize.continuation import join_continuations

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
PDF = FIXTURES / "pdf"
BAD = FIXTURES / "bad"

SFJ_DEPT = PDF / "sfj_2026_dept_budget.pdf"
SFJ_UNIT = PDF / "sfj_2026_unit_budget.pdf"
CZJ_GOOD = PDF / "czj_2024_final_good.pdf"
CZJ_BAD = PDF / "czj_2024_final_bad.pdf"


@pytest.fixture(scope="module")
def dept():
    return documents.source(SFJ_DEPT)  # parsed once per session (tests/documents.py)


@pytest.fixture(scope="module")
def unit():
    return documents.source(SFJ_UNIT)


@pytest.fixture(scope="module")
def czj():
    return documents.source(CZJ_GOOD)


def paragraphs(doc):
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def tables(doc):
    return [b for b in doc.blocks if isinstance(b, RawTable)]


def paragraph(doc, start: str) -> Paragraph:
    [found] = [p for p in paragraphs(doc) if p.text.startswith(start)]
    return found


def table_after(doc, title: str) -> RawTable:
    """The first table after the paragraph reading `title`."""
    blocks = list(doc.blocks)
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == title)
    return next(b for b in blocks[i + 1 :] if isinstance(b, RawTable))


def row(table: RawTable, *start: str):
    [found] = [r for r in table.rows if r.cells[: len(start)] == start]
    return found


# --- pages, lines, boxes -------------------------------------------------------------------


def test_every_block_has_its_exact_pdf_page_and_a_running_line(dept):
    assert dept.layout == "pdf" and dept.page_basis == "pdf"
    numbers = []
    for block in dept.blocks:
        assert block.location.page_basis == "pdf"
        assert 1 <= block.location.page <= 23
        assert block.location.file == str(SFJ_DEPT)
        if isinstance(block, RawTable):
            numbers += [r.line for r in block.rows]
            assert block.location.line == block.rows[0].line
            assert block.location.page == block.rows[0].page
        else:
            numbers.append(block.location.line)
    assert numbers == list(range(1, len(numbers) + 1))
    assert dept.line_count == numbers[-1]


def test_known_paragraphs_are_on_their_pages(dept):
    assert paragraph(dept, "目录").location.page == 2
    assert paragraph(dept, "七、项目经费情况说明").location.page == 2
    assert not [b for b in dept.blocks if b.location.page == 3]  # the blank page after the 目录
    assert paragraph(dept, "2026年部门预算编制说明").location.page == 8
    item6 = paragraph(dept, "6、公共安全支出（204类）司法（06款）其他司法支出（99项）3845.49万元。")
    assert item6.location.page == 9
    # printed over two lines ("…2025年当年" / "预算执行数为43269.3万元…"): one paragraph
    assert "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。" in item6.text
    assert paragraph(dept, "六、年度预算安排").location.page == 23
    assert paragraph(dept, "795万元").location.page == 23


def test_known_tables_are_on_their_pages(dept, unit):
    summary = table_after(dept, "2026年部门财务收支预算总表")
    assert summary.location.page == 10
    assert summary.rows[2].cells == ("一、财政拨款收入", "96,282,213.44", "一、公共安全支出", "87,267,272.44")
    sangong = table_after(dept, "2026年部门“三公”经费和机关运行经费预算表")
    assert sangong.location.page == 21
    assert sangong.rows[0].cells[-1] == "机关运行经费预算数"  # printed as "机关运行经费预算\n数"
    assert sangong.rows[-1].cells == ("10.81", "0", "0.83", "9.98", "0", "9.98", "217.83")

    # the 单位预算 checklist's 行政运行 row, as printed: 合计 = 基本支出, yet 项目支出 is filled
    spending = table_after(unit, "2026年预算单位支出预算总表")
    assert row(spending, "204", "06", "01").cells[3:] == ("行政运行", "14,348,853.34", "14,348,853.34", "64,840,547.00")
    assert row(spending, "204", "06", "01").page == 11


def test_cells_and_paragraphs_carry_boxes(dept):
    for table in tables(dept):
        x0, top, x1, bottom = table.location.bbox
        for r in table.rows:
            assert len(r.cell_boxes) == len(r.cells)
            for bx0, btop, bx1, bbottom in r.cell_boxes:
                assert bx0 < bx1 and btop < bbottom
                if r.page == table.location.page:
                    assert x0 - 0.01 <= bx0 and bx1 <= x1 + 0.01 and top - 0.01 <= btop and bbottom <= bottom + 0.01
    summary = table_after(dept, "2026年部门财务收支预算总表")
    # a merged header cell: both columns it spans get its box
    assert summary.rows[0].cell_boxes[0] == summary.rows[0].cell_boxes[1]
    amount = summary.rows[2].cell_boxes[1]
    assert amount[0] > summary.rows[2].cell_boxes[0][2] - 0.01  # right of its label
    for p in paragraphs(dept):
        px0, ptop, px1, pbottom = p.location.bbox
        assert 0 <= px0 < px1 <= 842 and 0 <= ptop < pbottom <= 595


# --- tables over page breaks ---------------------------------------------------------------
# The reader marks the part at the top of the next page (RawTable.continues); recognition joins it
# (recognize/continuation.py). These tests read the joined document, and check the marks.


def test_the_reader_marks_a_continued_part_and_recognition_joins_it(dept):
    parts = [b for b in dept.blocks if isinstance(b, RawTable)]
    marked = [b for b in parts if b.continues]
    assert {b.rows[0].page for b in marked} >= {13, 16}
    assert len(join_continuations(dept).blocks) == len(dept.blocks) - len(marked)


def test_table_continued_on_next_page_is_one_table(dept):
    spending = table_after(join_continuations(dept), "2026年部门支出预算总表")
    assert {r.page for r in spending.rows} == {12, 13}
    assert row(spending, "208", "05", "05").page == 12
    assert row(spending, "208", "05", "06").page == 13
    assert spending.rows[-1].cells == ("合计", "", "", "", "96282213.44", "25741666.44", "70540547.00")
    assert spending.rows[-1].page == 13


def test_repeated_header_rows_are_dropped_when_a_table_continues(dept):
    general = table_after(join_continuations(dept), "2026年部门一般公共预算支出功能分类预算表")
    assert {r.page for r in general.rows} == {15, 16}
    # page 16 repeats the three header rows of page 15
    assert sum(1 for r in general.rows if r.cells[:3] == ("类", "款", "项")) == 1
    assert sum(1 for r in general.rows if r.cells[0] == "项目") == 1
    texts = [r.cells[:3] for r in general.rows]
    i = texts.index(("208", "05", "99"))
    assert texts[i + 1] == ("210", "", "")
    assert (general.rows[i].page, general.rows[i + 1].page) == (15, 16)


def test_a_final_account_table_over_two_pages_is_one_table(czj):
    czj = join_continuations(czj)
    total = table_after(czj, "收入支出决算总表")
    assert {r.page for r in total.rows} == {6, 7}
    assert total.rows[-1].cells == ("总计", "2,995.39", "总计", "2,995.39")
    assert total.rows[-1].page == 7
    income = table_after(czj, "收入决算表")
    # header cells printed over two or three lines are joined without spaces
    assert income.rows[0].cells[4:] == (
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    )


# --- reading order -------------------------------------------------------------------------

SENTENCE = "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；"


def test_numbers_stay_in_their_sentence_where_plain_extraction_tears_them_out(czj):
    # the numbers are set in Times New Roman about 5pt below the FangSong text around them
    with pdfplumber.open(CZJ_GOOD) as pdf:
        plain = pdf.pages[20].extract_text()
    assert "本年收入合计 万元，其中：财政拨款收入 万元" in plain  # the problem, as plain extraction shows it
    assert "合计2946.25万元" not in re.sub(r"\s", "", plain)
    [found] = [p for p in paragraphs(czj) if SENTENCE in p.text]
    assert found.text == SENTENCE
    assert found.location.page == 21
    item1 = paragraph(czj, "1、一般公共服务支出（类）财政事务（款）行政运行（项）。")
    assert item1.location.page == 22
    assert "年初预算为1560.05万元，支出决算为1511.89万元。" in item1.text


def test_a_sentence_split_by_a_page_break_is_one_paragraph():
    doc = documents.source(CZJ_BAD)
    # page 18 ends "…合同支付进度条款等原因减少支" and page 19 begins "付。"
    found = paragraph(doc, "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。")
    assert found.location.page == 18
    assert found.text.endswith("以及项目支出中合同支付进度条款等原因减少支付。")
    assert not [p for p in paragraphs(doc) if p.text.startswith("付。")]


def test_text_clipped_out_of_view_is_not_read(dept):
    # pages 4 and 5 print the whole 主要职能 frame; each shows only its own window of it
    seventh = [p for p in paragraphs(dept) if p.text.startswith("（七）负责推进本区公共法律服务体系建设")]
    eighth = [p for p in paragraphs(dept) if p.text.startswith("（八）负责本系统警车管理工作")]
    assert [p.location.page for p in seventh] == [4]
    assert [p.location.page for p in eighth] == [5]


def test_blank_pages_and_cut_lines_are_recorded_with_their_place(dept, czj, unit):
    # dept p3: an empty table frame after the 目录 (20 rectangles, no text), placed at the last
    # 目录 line; p4: the frame's last visible line shows only the top of “（八）…” (the whole line
    # is on p5); the hidden copies on p5 are not cut lines, they are not shown at all
    blank, cut = dept.page_defects
    assert (blank.kind, blank.location.page) == ("blank_page", 3)
    before = [b for b in dept.blocks if b.location.line == blank.location.line]
    assert before[0].location.page == 2 and "项目经费情况说明" in before[0].text
    assert (cut.kind, cut.location.page) == ("clipped_text", 4)
    assert cut.text.startswith("（八）负责本系统警车管理工作。") and cut.location.bbox[1] > 460
    assert next(b for b in dept.blocks if b.location.line == cut.location.line).text.startswith("（七）")
    # czj p14: a single empty table row spilled onto a page of its own
    assert [(d.kind, d.location.page) for d in czj.page_defects] == [("blank_page", 14)]
    # unit p6/p7: a wrapped line end squeezed under the next paragraph's frame; the full stop
    # after it is cut too (only the top of its box shows, and its ink sits at the bottom)
    assert [(d.kind, d.location.page, d.text) for d in unit.page_defects] == [
        ("clipped_text", 6, "加。"),
        ("clipped_text", 7, "险支出增加。"),
        ("clipped_text", 7, "加。"),
    ]


def char(text, x0, top, size=12.0):
    return Char(text, x0, top, x0 + size * (0.5 if text.isascii() else 1), top + size, size)


def test_lines_are_built_from_positions():
    # "占" and "%" on the text baseline, the number 4.9pt lower; the next line starts 14pt below
    chars = [
        char("占", 100, 100),
        char("9", 112, 104.9),
        char("9", 118, 104.9),
        char("%", 124, 100),
        char("下", 72, 114),
    ]
    lines = make_lines(chars, page=1)
    assert [ln.text for ln in lines] == ["占99%", "下"]
    # a visible gap is a space between numbers, not between Chinese characters set loosely
    assert line_text([char("1", 0, 0), char("2", 20, 0)]) == "1 2"
    assert line_text([char("因", 0, 0), char("公", 16.5, 0)]) == "因公"
    assert join("国有资本经营", "预算") == "国有资本经营预算"
    assert join("2024", "12") == "2024 12"


def test_a_gap_of_exactly_one_em_is_no_space_whatever_the_float_noise():
    # positions are single-precision floats: a full-width space may measure 12.000001 points
    assert line_text([char("目", 0, 0), char("录", 24.000001, 0)]) == "目录"
    assert line_text([char("目", 0, 0), char("录", 24.02, 0)]) == "目 录"


def test_bare_page_numbers_at_the_page_edge_are_dropped():
    def line(text, top):
        return Line(
            text=text, x0=280, top=top, x1=300, bottom=top + 10, band_top=top, band_bottom=top + 10, size=10, page=1
        )

    page = Page(1, 595, 842, [line("- 3 -", 20), line("正文3", 400), line("第 3 页", 800)])
    drop_page_numbers(page)
    assert [ln.text for ln in page.items] == ["正文3"]
    page = Page(1, 595, 842, [line("2024", 400)])  # a bare number mid-page stays
    drop_page_numbers(page)
    assert len(page.items) == 1


def test_same_input_same_output(unit):
    assert pdf_reader.read(str(SFJ_UNIT)) == unit


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.pdf", "PDF 文件损坏或不完整"),
        ("encrypted.pdf", "PDF 已加密"),
        ("no_text_layer.pdf", "所有页面都没有文字层，可能是扫描件"),
    ],
)
def test_bad_pdfs_give_one_clear_message(name, message):
    path = str(BAD / name)
    with pytest.raises(InputError) as info:
        pdf_reader.read(path)
    assert info.value.message == message
    assert info.value.path == path
    if name == "encrypted.pdf":
        assert info.value.__cause__ is not None  # pdfium's own error, kept for debugging


def test_a_pdf_that_pdfium_cannot_parse_is_corrupt(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    with pytest.raises(InputError) as info:
        pdf_reader.read(str(path))
    assert info.value.message == "PDF 文件损坏或不完整"
    assert info.value.__cause__ is not None
