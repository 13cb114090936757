from dataclasses import replace
from pathlib import Path

import pytest

from budgetlint.errors import InputError
from budgetlint.ingest import read_document, read_text
from budgetlint.ingest.sniff import decode_text
from budgetlint.model import RawTable

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"


def tables(doc):
    return [b for b in doc.blocks if isinstance(b, RawTable)]


def test_rows_keep_empty_cells_and_survive_page_break_blank_lines():
    doc = read_text("标题\n甲\t\t1.00\n\n乙\t2.00\t\n丙\n", path="x.txt")
    [table] = tables(doc)
    assert [r.cells for r in table.rows] == [("甲", "", "1.00"), ("乙", "2.00", "")]
    assert [r.line for r in table.rows] == [2, 4]


def test_separator_rows_are_not_rows():
    doc = read_text("标题\n甲\t1\n---\t----\n乙\t2\n", path="x.txt")
    assert len(tables(doc)[0].rows) == 2


def test_a_repeated_line_is_read_alike_each_time_and_its_rows_share_their_cells():
    """Each performance table repeats its header: a row line printed again gives the same cells (one
    tuple, made once), a repeated rule line stays a rule, and a repeat after a paragraph starts its
    own table."""
    text = "表一\n项目\t金额\n---\t---\n甲\t 1.00 \n---\t---\n表二\n项目\t金额\n甲\t 1.00 \n"
    first, second = tables(read_text(text, path="x.txt"))
    assert [r.cells for r in first.rows] == [r.cells for r in second.rows] == [("项目", "金额"), ("甲", "1.00")]
    assert [r.line for r in second.rows] == [7, 8]
    assert all(a.cells is b.cells for a, b in zip(first.rows, second.rows))


def test_form_feeds_give_exact_pages():
    doc = read_text("封面\n\f第二页\n甲\t1.00\n\f第三页\n乙\t2.00\n", path="x.txt")
    pages = {b.location.line: (b.location.page, b.location.page_basis) for b in doc.blocks}
    assert pages[2] == (2, "formfeed")
    assert pages[5] == (3, "formfeed")
    assert tables(doc)[0].rows[0].page == 2


def test_rows_take_the_page_of_the_form_feeds_before_them_inside_a_table():
    """Every row's page comes from the form feeds above its line: a table crossing two page breaks
    (one line opening two pages) keeps one block whose rows stand on pages 1, 2 and 4."""
    lines = ["标题", "甲\t1.00", "乙\t2.00", "\f丙\t3.00", "丁\t4.00", "\f\f戊\t5.00", "己\t6.00", "\f- 5 -"]
    doc = read_text("\n".join(lines), path="x.txt")
    [table] = tables(doc)
    assert [(r.cells[0], r.line, r.page) for r in table.rows] == [
        ("甲", 2, 1),
        ("乙", 3, 1),
        ("丙", 4, 2),
        ("丁", 5, 2),
        ("戊", 6, 4),
        ("己", 7, 4),
    ]
    assert [(d.location.page, d.location.line) for d in doc.page_defects] == [(3, 6)]


def test_the_page_at_a_line_is_the_page_of_the_block_or_row_starting_at_or_before_it():
    """SourceDocument.page_at answers from an index built once per blocks tuple: a document with the
    same blocks in another order (a sort) or other blocks gets its own, never the first one's."""
    lines = ["标题", "甲\t1.00", "", "乙\t2.00", "\f丙\t3.00", "丁\t4.00", "\f\f说明"]
    doc = read_text("\n".join(lines), path="x.txt")
    asked = [0, 1, 2, 3, 4, 5, 6, 7, 9]
    expected = [(None, "none")] + [(1, "formfeed")] * 4 + [(2, "formfeed")] * 2 + [(4, "formfeed")] * 2
    assert [doc.page_at(n) for n in asked] == expected
    reordered = replace(doc, blocks=tuple(reversed(doc.blocks)))
    assert [reordered.page_at(n) for n in asked] == expected
    paragraphs_only = replace(doc, blocks=tuple(b for b in doc.blocks if not isinstance(b, RawTable)))
    assert [paragraphs_only.page_at(n) for n in (1, 5, 7)] == [(1, "formfeed"), (1, "formfeed"), (4, "formfeed")]


def test_pages_opened_by_form_feeds_and_left_empty_are_blank():
    text = "封面\n\f\f第三页\n\f- 4 -\n\f第五页\n\f\n"
    doc = read_text(text, path="x.txt")
    assert {b.text: b.location.page for b in doc.blocks} == {"封面": 1, "第三页": 3, "- 4 -": 4, "第五页": 5}
    # p2 opens on line 2; p4 (line 3) holds only its page number; nothing after the last \f is a page
    assert [(d.kind, d.location.page, d.location.line) for d in doc.page_defects] == [
        ("blank_page", 2, 2),
        ("blank_page", 4, 3),
    ]
    assert read_text("封面\n第二行\n", path="y.txt").page_defects == ()


def test_toc_pages_estimate_table_pages_and_count_page_breaks_inside_tables():
    text = "\n".join(
        [
            "目 录",
            "第一部分 概况\t1",
            "表一2024年预算收支总表.....\t2",
            "表二2024年预算收入总表\t4",
            "",
            "第一部分 概况",
            "2024年预算收支总表",
            "甲\t1",
            "",
            "乙\t2",
            "2024年预算收入总表",
            "丙\t3",
        ]
    )
    doc = read_text(text, path="x.txt")
    rows = [r for t in tables(doc)[1:] for r in t.rows]
    assert doc.page_basis == "toc"
    assert [(r.cells[0], r.page) for r in rows] == [("甲", 2), ("乙", 3), ("丙", 4)]


def test_cell_layout_reads_one_cell_per_line_with_continuations():
    cell_lines = ["\t项目支出绩效自评表", ""] + [f"\t名称{i}\n\t{i}.00\n\n" for i in range(12)]
    text = "说明段落\n" + "\n".join(cell_lines) + "\t续\n接上一格\n\t\n"
    doc = read_text(text, path="x.txt")
    assert doc.layout == "text_cells"
    [table] = tables(doc)
    assert table.rows[0].cells == ("项目支出绩效自评表",)
    last = table.rows[-1]
    assert last.cells == ("续\n接上一格", "")
    assert last.line_of(1) == last.line + 2


def test_gbk_and_bom_decode_like_utf8():
    text = "2024年预算收支总表\n单位：万元\n"
    assert decode_text(text.encode("gb18030"), "x")[0] == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8"), "x") == (text, "utf-8-sig")


@pytest.mark.parametrize("data, words", [(b"", "为空"), (b"   \n\n", "为空"), (b"\x00\x01abc", "二进制")])
def test_bad_bytes_give_one_clear_input_error(data, words):
    with pytest.raises(InputError) as info:
        decode_text(data, "bad.txt")
    assert words in info.value.message


def test_seeds_read_with_their_layouts():
    layouts = {p.name[:3]: read_document(p).layout for p in sorted(SEEDS.glob("*.txt"))}
    assert layouts == {"000": "text_rows", "001": "text_rows", "003": "text_cells", "004": "text_rows"}
