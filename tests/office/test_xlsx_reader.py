"""ingest/xlsx.py (and xlsx_cells, xlsx_formulas) on workbooks written here by make_case_workbooks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from make_case_workbooks import three_public, xlsx_bytes

from budgetlint.ingest import read_document
from budgetlint.ingest.xlsx_cells import printed_number
from budgetlint.ingest.xlsx_formulas import Unsupported, evaluate
from budgetlint.model import Paragraph, RawTable


def _read(tmp_path, sheets, name="book.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(sheets))
    return read_document(path)


@pytest.mark.parametrize(
    "value, fmt, printed",
    [
        (79189400.34, "#,##0.00", ("79,189,400.34", 2)),
        (12604173, "#,##0.00", ("12,604,173.00", 2)),  # an integer shows the format's decimals
        (1234567, "#,##0_ ", ("1,234,567", 0)),
        (205, "General", ("205", 0)),
        (0.1 + 0.2, "General", ("0.3", 1)),  # Excel's 15 digits, not the float's tail
        (2.675, "0.00", ("2.68", 2)),  # half away from zero on the shown value
        (0.1762, "0.00%", ("17.62%", 2)),
        (-5, "#,##0.00;(#,##0.00)", ("(5.00)", 2)),
        (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', ("-", 0)),  # accounting zero
        (1234567.891, "#,##0.0,", ("1,234.6", 1)),  # a trailing comma shows thousands
        (1.5, "0.##", ("1.5", 1)),
    ],
)
def test_a_number_prints_as_its_format_shows_it(value, fmt, printed):
    assert printed_number(value, fmt) == printed


def test_a_table_sheet_gives_title_field_line_table_and_note(tmp_path):
    sheets = three_public(10.71, extra={"A9": "注：本表金额单位为万元。"})
    source = _read(tmp_path, sheets)
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["Paragraph", "Paragraph", "RawTable", "Paragraph"]
    title, field, table, note = source.blocks
    assert title.text == "2026年部门“三公”经费和机关运行经费预算表"
    assert field.text == "编制部门：上海市某局 单位：万元"  # as a PDF prints the line
    assert (title.location.sheet, title.location.cell) == ("三公经费", "A1")
    assert table.rows[0].cells == ("“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数")  # merged A4:F4
    assert table.rows[-1].cells == ("10.71", "0.00", "0.73", "9.98", "0.00", "9.98", "184.59")
    assert table.rows[-1].cell_refs[0] == "A7" and table.location.sheet == "三公经费"
    assert note.text == "注：本表金额单位为万元。"
    assert [b.location.line for b in source.blocks] == [1, 2, 3, 7]
    assert source.page_basis == "none"


def test_hidden_rows_columns_and_sheets_are_not_read_but_recorded(tmp_path):
    sheets = three_public(
        10.71,
        hidden_rows=[8],
        hidden_cols=["H"],
        hidden_sheet=True,
        extra={"A8": "其中：会议费", "B8": 3.5, "H7": 12.0},
    )
    source = _read(tmp_path, sheets)
    texts = [c for b in source.blocks if isinstance(b, RawTable) for r in b.rows for c in r.cells]
    assert "其中：会议费" not in texts and "12.00" not in texts
    assert not any(b.location.sheet == "底稿" for b in source.blocks)
    hidden = sorted((h.kind, h.location.sheet, h.location.cell, h.cells) for h in source.hidden)
    assert hidden == [("column", "三公经费", "H7", 1), ("row", "三公经费", "A8", 2), ("sheet", "底稿", "A1", 2)]


def test_a_formula_is_read_as_its_cached_value_and_recomputed(tmp_path):
    source = _read(tmp_path, three_public(("=SUM(B7:D7)", 11.71)))
    table = next(b for b in source.blocks if isinstance(b, RawTable))
    assert table.rows[-1].cells[0] == "11.71"  # what Excel shows and a PDF export prints
    (formula,) = source.formulas
    assert (formula.location.sheet, formula.location.cell, formula.formula) == ("三公经费", "A7", "=SUM(B7:D7)")
    assert (formula.cached, formula.recomputed, formula.decimals) == (Decimal("11.71"), Decimal("10.71"), 2)


def test_a_formula_without_a_cached_value_prints_its_recomputed_value(tmp_path):
    source = _read(tmp_path, three_public(("=SUM(B7:D7)", None)))
    table = next(b for b in source.blocks if isinstance(b, RawTable))
    assert table.rows[-1].cells[0] == "10.71"
    assert source.formulas[0].cached is None


def test_a_text_sheet_gives_a_paragraph_per_line(tmp_path):
    sheets = [
        {"name": "封面", "cells": {"A3": "上海市普陀区2026年区级部门预算", "A9": "预算主管部门：上海市某局"}},
        {"name": "目录", "cells": {"A1": "目  录", "A3": "一、部门主要职能……3", "A4": "二、部门机构设置……4"}},
        {"name": "说明", "cells": {"A1": "名词解释", "A3": "（一）财政拨款收入：…。\n（二）事业收入：…。"}},
    ]
    source = _read(tmp_path, sheets)
    assert all(isinstance(b, Paragraph) for b in source.blocks)
    assert [b.text for b in source.blocks][-3:] == ["名词解释", "（一）财政拨款收入：…。", "（二）事业收入：…。"]
    assert {b.location.cell for b in source.blocks[-2:]} == {"A3"}
    assert [(e.title, e.page) for e in source.toc] == [("一、部门主要职能", 3), ("二、部门机构设置", 4)]


def test_a_sheet_without_a_title_row_is_titled_by_its_name(tmp_path):
    sheets = [
        {"name": "部门收入预算总表", "cells": {"A1": "项目", "B1": "金额", "A2": "合计", "B2": 5.0}, "ruled": ["A1:B2"]}
    ]
    blocks = _read(tmp_path, sheets).blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "部门收入预算总表"
    assert blocks[0].location.cell is None


CELLS = {
    (None, 1, 1): Decimal(10),
    (None, 2, 1): Decimal(20),
    (None, 3, 1): "说明",
    ("部门 表", 1, 1): Decimal(5),
    (None, 1, 2): Decimal(3),
}


def _lookup(sheet, row, col):
    return CELLS.get((sheet, row, col))


def _range(sheet, r1, c1, r2, c2):
    return [
        v
        for (s, r, c), v in CELLS.items()
        if s == sheet and (r1 is None or r1 <= r <= r2) and (c1 is None or c1 <= c <= c2)
    ]


@pytest.mark.parametrize(
    "formula, value",
    [
        ("=SUM(A1:A3)", Decimal(30)),  # text in a range is skipped, as SUM does
        ("=A1+A2*2-'部门 表'!A1", Decimal(45)),
        ("=-A1%+ROUND(A2/3,2)", Decimal("6.57")),
        ("=SUM(A:A)", Decimal(30)),
        ("=$A$1+B1", Decimal(13)),
        ("=(A1+B1)/2", Decimal("6.5")),
        ("=SUM(A1,B1,4)", Decimal(17)),
    ],
)
def test_formulas_are_recomputed_from_stored_values(formula, value):
    assert evaluate(formula, _lookup, _range) == value


@pytest.mark.parametrize(
    "formula", ["=IF(A1>0,1,2)", "=A3+1", "=A1/0", "=VLOOKUP(A1,B:C,2,0)", "=[1]Sheet1!A1", "=Total*2"]
)
def test_what_is_not_evaluated_is_said(formula):
    with pytest.raises(Unsupported):
        evaluate(formula, _lookup, _range)


def test_a_workbook_no_province_template_fits_is_recognised_by_the_national_base(tmp_path):
    """No province template names this sheet (its title words in another order, a sheet name of
    its own): the table is recognised by what it is, against the national base, and checked."""
    from budgetlint.recognize import recognize

    sheets = three_public(10.71)
    sheets[0]["name"] = "Sheet3"
    sheets[0]["cells"]["A1"] = "“三公”经费和机关运行经费预算表（2026年）"
    disclosure = recognize(_read(tmp_path, sheets))
    assert disclosure.template == "national-budget"
    [table] = disclosure.tables
    assert table.kind == "three_public" and table.location.sheet == "Sheet3"
    total = table.rows[0].cells["total"]
    assert (total.value, total.location.cell) == (Decimal("10.71"), "A7")
