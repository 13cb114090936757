"""The Shanxi template recognises all 13 tables of seeds 000, 001, 004 with their printed row counts.

Row counts were counted by hand in the seeds: every TAB line from the table's title to the next
paragraph, separator lines (-----) excluded, header rows included.
"""

from pathlib import Path

import pytest

from budgetlint.api import read_disclosure

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
KINDS = [
    "budget_summary",
    "revenue_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "basic_expenditure_economic",
    "fund_revenue",
    "fund_expenditure",
    "soe_capital",
    "three_public",
    "operating_expenses",
    "project_current",
    "project_carryover",
]
PRINTED_ROWS = {
    "000_b2c7b50d282cc0b6.txt": [35, 24, 24, 39, 24, 30, 3, 2, 4, 8, 3, 23, 10],
    "001_e1c2a9d2af1eed61.txt": [35, 30, 30, 39, 27, 29, 6, 2, 4, 8, 3, 103, 22],
    "004_b39ab111367c9db1.txt": [35, 45, 45, 39, 41, 49, 7, 8, 4, 8, 4, 39, 22],
}
UNITS = {
    "000_b2c7b50d282cc0b6.txt": ("忻州职业技术学院", 2024),
    "001_e1c2a9d2af1eed61.txt": ("长治职业技术学院", 2025),
    "004_b39ab111367c9db1.txt": ("忻州市民政局", 2024),
}


@pytest.mark.parametrize("name", sorted(PRINTED_ROWS))
def test_all_thirteen_tables_are_recognised_with_their_rows(name):
    d = read_disclosure(SEEDS / name)
    assert d.template == "shanxi-budget"
    assert [t.kind for t in d.tables] == KINDS
    assert [t.raw_size[0] for t in d.tables] == PRINTED_ROWS[name]
    assert (d.unit, d.year) == UNITS[name]
    assert all(t.unit == "万元" for t in d.tables)


def test_empty_tables_keep_their_note():
    d = read_disclosure(SEEDS / "000_b2c7b50d282cc0b6.txt")
    empty = {t.kind for t in d.tables if t.empty_note}
    assert empty == {"fund_revenue", "fund_expenditure", "soe_capital", "operating_expenses"}
    assert all(d.tables_of(k)[0].is_empty for k in empty)


def test_duplicate_rows_are_kept_apart_not_merged():
    d = read_disclosure(SEEDS / "004_b39ab111367c9db1.txt")
    projects = d.tables_of("project_current")[0]
    assert [r.label for r in projects.rows[:2]] == ["忻州市民政局", "忻州市民政局"]
    assert [r.cells["total"].text for r in projects.rows[:2]] == ["1118.18", "109.39"]
    economic = d.tables_of("basic_expenditure_economic")[0]
    wages = [r for r in economic.rows if r.label == "基本工资"]
    assert [r.texts["government_economic_class"] for r in wages] == ["工资奖金津补贴", "工资福利支出"]


def test_short_rows_after_a_page_break_keep_their_right_anchored_column():
    # 004 收入总表: rows after the page break print 8 cells, the 上年结转 column stays last
    d = read_disclosure(SEEDS / "004_b39ab111367c9db1.txt")
    revenue = d.tables_of("revenue_summary")[0]
    row = next(r for r in revenue.rows if r.code == "210")
    assert row.cells["carryover"].text == "30.52"
    assert row.cells["unit_funds"].value is None


def test_facts_carry_line_page_table_row_and_column():
    d = read_disclosure(SEEDS / "000_b2c7b50d282cc0b6.txt")
    expenditure = d.tables_of("expenditure_summary")[0]
    fact = next(r for r in expenditure.rows if r.code == "2050305").cells["project"]
    loc = fact.location
    assert (fact.text, loc.line, loc.table, loc.row, loc.column) == (
        "7353.87",
        147,
        "2024年预算支出总表",
        "2050305 高等职业教育",
        "项目支出",
    )
    assert (loc.page, loc.page_basis) == (5, "toc")


def test_cell_layout_final_account_is_recognised():
    d = read_disclosure(SEEDS / "003_b609326f3d399845.txt")
    assert d.kind == "final_account"
    assert len(d.tables_of("project_self_evaluation")) == 47
    assert len(d.tables_of("unit_self_evaluation")) == 1
