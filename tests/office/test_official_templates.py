"""The official Excel templates (fixtures/office, Shanghai district 2026, tables in 元) are read with
every sheet recognised, and filled with a real PDF's figures they give the PDF's table findings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from findings import finding_keys, outcome_counts
from office_builders import fill_workbook

from budgetlint import api
from budgetlint.ingest import read_document
from budgetlint.model import Paragraph, RawTable
from budgetlint.recognize import recognize

TABLE_FAMILIES = ("TB", "XT")  # rules inside one table and across tables


@pytest.fixture(scope="module")
def unit_filled(fixtures, unit_source, tmp_path_factory):
    return fill_workbook(
        fixtures / "office" / "unit_budget_template.xlsx", unit_source, tmp_path_factory.mktemp("office") / "unit.xlsx"
    )


@pytest.fixture(scope="module")
def dept_filled(fixtures, dept_source, tmp_path_factory):
    return fill_workbook(
        fixtures / "office" / "department_budget_template.xlsx",
        dept_source,
        tmp_path_factory.mktemp("office") / "dept.xlsx",
    )


TEMPLATES = {
    "department_budget_template.xlsx": ("shanghai-district-budget", 17),
    "unit_budget_template.xlsx": ("shanghai-municipal-budget", 16),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_sheet_of_an_official_template_is_recognised(fixtures, name):
    template_id, sheets = TEMPLATES[name]
    source = read_document(fixtures / "office" / name)
    disclosure = recognize(source)
    assert disclosure.template == template_id
    assert disclosure.year == 2026
    # every table sheet is one of the template's nine tables, found where the sheet is
    tables = [b for b in source.blocks if isinstance(b, RawTable)]
    assert len(tables) == 9
    assert sorted(t.location.sheet for t in tables) == sorted(t.location.sheet for t in disclosure.tables)
    assert len({t.kind for t in disclosure.tables}) == 9
    # every other sheet is text, and its heading is a part of the template
    text_sheets = {b.location.sheet for b in source.blocks if isinstance(b, Paragraph)} - {
        t.location.sheet for t in tables
    }
    assert len(text_sheets) + len(tables) == sheets
    parts = disclosure.parts
    found_sheets = {f.location.sheet for f in parts.found}
    assert text_sheets <= found_sheets, text_sheets - found_sheets


def test_cells_print_with_the_templates_number_format_and_unit(unit_filled):
    disclosure = recognize(read_document(unit_filled))
    summary = next(t for t in disclosure.tables if t.kind == "budget_summary")
    total = next(r for r in summary.rows if r.printed_label == "收入总计")
    fact = total.cells["amount"]
    assert (fact.value, fact.decimals, fact.unit, fact.text) == (Decimal("86959408.34"), 2, "元", "86,959,408.34")
    assert fact.location.sheet == "单位收支总表" and fact.location.cell.startswith("B")
    three = next(t for t in disclosure.tables if t.kind == "three_public")
    assert three.unit == "万元"  # from the sheet's own unit cell (单位:万元), not the workbook's 元


def test_unit_template_filled_with_the_pdf_gives_the_pdfs_table_findings(unit_filled, unit_whole):
    """The 单位预算 PDF's 行政运行 row (合计 = 基本支出 while 项目支出 is filled) fails TB009/TB010/
    TB018/TB019; the workbook holding the same figures fails the same rules, at its cells."""
    whole = unit_whole
    workbook = api.audit([unit_filled]).documents[0]
    assert workbook.error is None
    expected = finding_keys(whole, TABLE_FAMILIES)
    assert len(expected) == 4
    assert finding_keys(workbook, TABLE_FAMILIES) == expected
    assert outcome_counts(workbook, TABLE_FAMILIES) == outcome_counts(whole, TABLE_FAMILIES)
    places = sorted(
        f"{f.locations[0].sheet}!{f.locations[0].cell}" for f in workbook.run.findings if f.rule in ("TB009", "TB018")
    )
    assert places == ["单位一般公共预算拨款表!E11", "单位支出总表!E11"]  # the 行政运行 row's 合计


def test_department_template_filled_with_the_pdf_checks_every_table_alike(dept_filled, dept_whole):
    workbook = api.audit([dept_filled]).documents[0]
    assert finding_keys(workbook, TABLE_FAMILIES) == finding_keys(dept_whole, TABLE_FAMILIES)
    counts = outcome_counts(workbook, TABLE_FAMILIES)
    assert counts == outcome_counts(dept_whole, TABLE_FAMILIES)
    assert sum(n for (rule, outcome), n in counts.items() if outcome == "pass") > 250


def test_a_figure_changed_in_the_workbook_is_found_at_its_cell(dept_filled, tmp_path):
    """The pass above is not vacuous: one 合计 cell changed in the filled workbook is a finding there."""
    from openpyxl import load_workbook

    path = tmp_path / "changed.xlsx"
    workbook = load_workbook(dept_filled)
    sheet = workbook["部门支出总表"]
    total = next(row for row in sheet.iter_rows() if row[0].value == "合计")
    total[5].value = total[5].value + 100  # 基本支出 of the 合计 row
    workbook.save(path)
    result = api.audit([path]).documents[0]
    places = {f"{loc.sheet}!{loc.cell}" for f in result.run.findings for loc in f.locations[:1]}
    assert f"部门支出总表!{total[5].coordinate}" in places
