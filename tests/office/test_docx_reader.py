"""ingest/docx.py on small Word documents built here: order, merged cells, notes, numbering, pages."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_BREAK
from office_builders import _element, add_table

from budgetlint.ingest import read_document
from budgetlint.ingest.docx_numbering import chinese, format_number
from budgetlint.model import Paragraph, RawTable


def _save(document, tmp_path, name="doc.docx"):
    path = tmp_path / name
    document.save(path)
    return read_document(path)


def test_paragraphs_and_tables_in_document_order_with_their_places(tmp_path):
    document = docx.Document()
    document.add_paragraph("2026年部门收入预算总表")
    document.add_paragraph("")  # empty paragraphs count as paragraphs but make no block
    add_table(document, [["项目", "金额"], ["合计", "1,234.50"]])
    document.add_paragraph("注：本表无数据")
    source = _save(document, tmp_path)
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["Paragraph", "RawTable", "Paragraph"]
    title, table, note = source.blocks
    assert (title.location.paragraph, title.location.line) == (1, 1)
    assert [r.cells for r in table.rows] == [("项目", "金额"), ("合计", "1,234.50")]
    assert table.rows[1].cell_refs == ("R2C1", "R2C2") and table.location.table_index == 1
    assert (note.location.paragraph, note.location.line) == (3, 4)


def test_merged_cells_stand_on_the_grid_like_a_pdf_table(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).text = "项目"
    table.cell(0, 0).merge(table.cell(0, 2))  # spans three columns
    table.cell(0, 3).text = "预算数"
    table.cell(1, 0).text = "类"
    table.cell(1, 0).merge(table.cell(2, 0))  # spans two rows
    table.cell(1, 3).text = "1"
    table.cell(2, 3).text = "2"
    rows = [r.cells for r in _save(document, tmp_path).blocks[0].rows]
    assert rows == [("项目", "", "", "预算数"), ("类", "", "", "1"), ("", "", "", "2")]


def test_a_trailing_row_spanning_the_table_is_its_note(tmp_path):
    document = docx.Document()
    add_table(document, [["项目", "金额", "备注"], ["合计", "", ""], ["注：本单位无政府性基金预算，故本表为空表。"]])
    blocks = _save(document, tmp_path).blocks
    assert isinstance(blocks[0], RawTable) and len(blocks[0].rows) == 2
    assert isinstance(blocks[1], Paragraph) and blocks[1].text.startswith("注：")
    assert blocks[1].location.table_index == 1


def test_hidden_text_and_deleted_revisions_are_not_read(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("收入预算")
    hidden = paragraph.add_run("（内部测算：9999万元）")
    hidden.font.hidden = True
    paragraph.add_run("100万元。")
    deleted = _element("w:del", w_id="1", w_author="a")
    run = _element("w:r")
    run.append(_element("w:delText", "200万元"))
    deleted.append(run)
    paragraph._p.append(deleted)
    assert _save(document, tmp_path).blocks[0].text == "收入预算100万元。"


def test_a_line_break_inside_a_paragraph_starts_a_block(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("一、部门主要职能")
    paragraph.runs[0].add_break()
    paragraph.add_run("主要职能是：……")
    blocks = _save(document, tmp_path).blocks
    assert [b.text for b in blocks] == ["一、部门主要职能", "主要职能是：……"]
    assert {b.location.paragraph for b in blocks} == {1}


@pytest.mark.parametrize(
    "n, fmt, printed",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (105, "chineseCounting", "一百零五"),
        (3, "decimal", "3"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (5, "bullet", ""),
    ],
)
def test_numbers_print_in_their_format(n, fmt, printed):
    assert format_number(n, fmt) == printed
    assert chinese(12) == "十二"


def _list(document, levels: list[tuple[str, str]]) -> str:
    numbering = document.part.numbering_part.element
    abstract = _element("w:abstractNum", w_abstractNumId="907")
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = _element("w:lvl", w_ilvl=str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:suff", "nothing")):
            lvl.append(_element(tag, w_val=value))
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = _element("w:num", w_numId="907")
    num.append(_element("w:abstractNumId", w_val="907"))
    numbering.append(num)
    return "907"


def _numbered(document, text: str, num_id: str, level: int):
    paragraph = document.add_paragraph(text)
    num_pr = _element("w:numPr")
    num_pr.append(_element("w:ilvl", w_val=str(level)))
    num_pr.append(_element("w:numId", w_val=num_id))
    paragraph._p.get_or_add_pPr().append(num_pr)


def test_automatic_numbering_is_printed_and_lower_levels_restart(tmp_path):
    document = docx.Document()
    num = _list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    for text, level in [
        ("收入预算", 0),
        ("财政拨款", 1),
        ("一般公共预算", 2),
        ("基金", 2),
        ("事业收入", 1),
        ("支出预算", 0),
        ("基本支出", 1),
        ("人员经费", 2),
    ]:
        _numbered(document, text, num, level)
    texts = [b.text for b in _save(document, tmp_path).blocks]
    assert texts == [
        "一、收入预算",
        "（一）财政拨款",
        "1.一般公共预算",
        "2.基金",
        "（二）事业收入",
        "二、支出预算",
        "（一）基本支出",
        "1.人员经费",
    ]


def test_pages_are_counted_from_breaks_and_marked_estimated(tmp_path):
    document = docx.Document()
    document.add_paragraph("封面")
    document.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("目录页")
    document.add_paragraph("第三页").paragraph_format.page_break_before = True
    rendered = document.add_paragraph()
    rendered.add_run()._r.append(_element("w:lastRenderedPageBreak"))  # where Word last broke the page
    rendered.add_run("第四页")
    source = _save(document, tmp_path)
    assert source.page_basis == "breaks"
    assert [(b.text, b.location.page, b.location.page_basis) for b in source.blocks] == [
        ("封面", 1, "breaks"),
        ("目录页", 2, "breaks"),
        ("第三页", 3, "breaks"),
        ("第四页", 4, "breaks"),
    ]


def test_a_rendered_break_right_after_a_hard_break_is_the_same_page(tmp_path):
    document = docx.Document()
    document.add_paragraph("一").add_run().add_break(WD_BREAK.PAGE)
    after = document.add_paragraph()
    after.add_run()._r.append(_element("w:lastRenderedPageBreak"))
    after.add_run("二")
    pages = [b.location.page for b in _save(document, tmp_path).blocks]
    assert pages == [1, 2]


def test_without_breaks_the_toc_estimates_pages(tmp_path):
    document = docx.Document()
    document.add_paragraph("目录")
    document.add_paragraph("一、部门主要职能\t3")
    document.add_paragraph("二、部门机构设置\t5")
    document.add_paragraph("一、部门主要职能")
    document.add_paragraph("主要职能是……。")
    document.add_paragraph("二、部门机构设置")
    source = _save(document, tmp_path)
    assert [(e.title, e.page) for e in source.toc] == [("一、部门主要职能", 3), ("二、部门机构设置", 5)]
    assert source.page_basis == "toc"
    assert [b.location.page for b in source.blocks[3:]] == [3, 3, 5]


def test_a_text_box_on_the_cover_is_read(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    pict = _element("w:pict")
    box = _element("w:txbxContent")
    inner = _element("w:p")
    inner_run = _element("w:r")
    inner_run.append(_element("w:t", "上海市普陀区2026年区级部门预算"))
    inner.append(inner_run)
    box.append(inner)
    pict.append(box)
    run._r.append(pict)
    assert [b.text for b in _save(document, tmp_path).blocks] == ["上海市普陀区2026年区级部门预算"]
