"""Shanghai budget and national 决算 templates: split 科目编码, layouts picked by width, titles and units.

The PDFs are the repository fixtures (fixtures/pdf); the small TAB documents are built here in the
shape the PDF reader gives those tables.
"""

from functools import cache
from pathlib import Path

import documents
import pytest

from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.recognize.tables import join_code, split_code_label
from budgetlint.recognize.templates import load_templates
from budgetlint.testing.cases import to_tab_layout

PDF = Path(__file__).resolve().parents[3] / "fixtures" / "pdf"
SHANGHAI_KINDS = [
    "budget_summary",
    "revenue_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "fund_expenditure",
    "soe_expenditure",
    "basic_expenditure_economic",
    "three_public",
]
FINAL_KINDS = [
    "budget_summary",
    "revenue_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "basic_expenditure_economic",
    "three_public",
    "fund_revenue_expenditure",
    "soe_revenue_expenditure",
]


@cache
def _pdf(name: str):
    return documents.disclosure(PDF / name)


def _recognise(text: str, template: str | None = None):
    return recognize(read_text(to_tab_layout(text), path="doc.txt"), template_id=template)


# --- split codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cells, code",
    [
        (["204", "06", "01"], "2040601"),
        (["204", "06", ""], "20406"),
        (["204", "", ""], "204"),
        (["301", "01"], "30101"),
        (["204", "", "01"], None),  # a 项 without its 款 is not a code
        (["7", "11", "02"], None),  # a misprinted 类 (社会福利院 2024) is not guessed
        (["合计", "", ""], None),
        (["类", "款", "项"], None),
        (["", "", ""], None),
    ],
)
def test_join_code(cells, code):
    assert join_code(cells) == code


def test_split_code_label_names_total_rows_from_the_code_cells():
    assert split_code_label(["204", "06", "01"], ["行政运行"]) == ("2040601", ["行政运行"], "2040601 行政运行")
    # 合计 printed across the 类/款/项 cells
    assert split_code_label(["合计", "", ""], [""]) == (None, ["合计"], "合计")
    # the 类 | 款 | 项 header row merged with the 合计 row (财政局 2024 决算)
    assert split_code_label(["类", "款", "项"], ["合计"]) == (None, ["合计"], "合计")
    assert split_code_label(["类", "款", "项"], [""]) == (None, [], "")


SPLIT = """2026年部门支出预算总表
编制部门：某局 单位：元
项目 | | | | 支出预算 | |
功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出
类 | 款 | 项 | | | |
204 | | | 公共安全支出 | 1,500,000.00 | 1,000,000.00 | 500,000.00
204 | 06 | | 司法 | 1,500,000.00 | 1,000,000.00 | 500,000.00
204 | 06 | 01 | 行政运行 | 1,000,000.00 | 1,000,000.00 | 0.00
204 | 06 | 04 | 基层司法业务 | 500,000.00 | 0.00 | 500,000.00
合计 | | | | 1,500,000.00 | 1,000,000.00 | 500,000.00
"""


def test_code_columns_give_rows_one_code_and_amounts_in_yuan():
    d = _recognise(SPLIT, "shanghai-district-budget")
    table = d.tables_of("expenditure_summary")[0]
    assert table.unit == "元"
    assert [r.code for r in table.rows] == ["204", "20406", "2040601", "2040604", None]
    assert [r.label for r in table.rows] == ["公共安全支出", "司法", "行政运行", "基层司法业务", "合计"]
    assert table.rows[-1].role == "total"
    assert str(table.rows[2].cells["total"].value) == "1000000.00"
    assert table.rows[2].printed_label == "2040601 行政运行"


# --- templates on the PDFs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, template, unit, year, kinds",
    [
        ("sfj_2026_dept_budget.pdf", "shanghai-district-budget", "上海市普陀区司法局", 2026, SHANGHAI_KINDS),
        ("sfj_2026_unit_budget.pdf", "shanghai-municipal-budget", "上海市普陀区司法局", 2026, SHANGHAI_KINDS),
        ("czj_2024_final_good.pdf", "national-final-account", "上海市普陀区财政局", 2024, FINAL_KINDS),
        # the seeded copy lost its 支出决算表
        (
            "czj_2024_final_bad.pdf",
            "national-final-account",
            "上海市普陀区财政局",
            2024,
            [k for k in FINAL_KINDS if k != "expenditure_summary"],
        ),
    ],
)
def test_pdf_template_detection(name, template, unit, year, kinds):
    d = _pdf(name)
    assert (d.template, d.unit, d.year) == (template, unit, year)
    assert [t.kind for t in d.tables] == kinds
    assert all(t.location.page_basis == "pdf" and t.location.page for t in d.tables)


def test_shanghai_units_come_from_each_page():
    d = _pdf("sfj_2026_dept_budget.pdf")
    units = {t.kind: t.unit for t in d.tables}
    assert units.pop("three_public") == "万元"  # 单位:万元 on that page only
    assert set(units.values()) == {"元"}
    three = d.tables_of("three_public")[0].rows[0]
    assert three.role == "total"
    assert {k: f.text for k, f in three.cells.items()} == {
        "total": "10.81",
        "travel_abroad": "0",
        "reception": "0.83",
        "vehicles": "9.98",
        "vehicle_purchase": "0",
        "vehicle_operation": "9.98",
        "operating_expenses": "217.83",
    }


def test_empty_shanghai_tables_keep_their_note():
    d = _pdf("sfj_2026_dept_budget.pdf")
    notes = {t.kind: t.empty_note for t in d.tables if t.empty_note}
    assert set(notes) == {"fund_expenditure", "soe_expenditure"}
    assert all("为空表" in n for n in notes.values())


def test_final_account_layouts_are_picked_by_width():
    d = _pdf("czj_2024_final_good.pdf")  # 类 | 款 | 项 printed in three columns
    revenue = d.tables_of("revenue_summary")[0]
    assert revenue.raw_size[1] == 11
    assert revenue.rows[0].label == "合计" and revenue.rows[0].role == "total"  # merged with the 类款项 header
    assert [r.code for r in revenue.rows[1:4]] == ["201", "20106", "2010601"]
    economic = d.tables_of("basic_expenditure_economic")[0]
    sides = {r.side for r in economic.rows}
    assert sides == {"personnel", "public"}
    roles = {r.role: r.cells["total"].text for r in economic.rows if r.role in ("personnel_total", "public_total")}
    assert roles == {"personnel_total": "2,152.26", "public_total": "184.65"}
    assert [r.label for r in economic.rows if r.role == "personnel_class"] == ["工资福利支出", "对个人和家庭的补助"]
    assert [r.label for r in economic.rows if r.role == "public_class"] == ["商品和服务支出", "资本性支出"]


def test_titles_lose_a_glued_unit_or_note():
    d = _pdf("czj_2024_final_bad.pdf")
    titles = {t.kind: t.title for t in d.tables}
    assert titles["revenue_summary"] == "收入决算表"  # printed as 收入决算表单位：万元
    assert titles["soe_revenue_expenditure"] == "国有资本经营预算财政拨款收入支出决算表"  # after the 基金 table's note
    assert d.tables_of("three_public")[0].rows == ()  # the seeded copy dropped the 三公 values


JOINED_FUND = """某局2024年度部门决算
政府性基金预算财政拨款收入支出决算表
单位：万元
项目 | | 年初结转和结余 | 本年收入 | 本年支出 | | | 年末结转和结余
功能分类科目编码 | 科目名称 | | | | | |
合计 | | | | 合计 | 基本支出 | 项目支出 |
说明：某局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。
"""


def test_a_header_row_printed_into_the_total_row_is_not_data():
    # the official template prints 本年支出 合计 | 基本支出 | 项目支出 in its 合计 row
    d = _recognise(JOINED_FUND, "national-final-account")
    table = d.tables_of("fund_revenue_expenditure")[0]
    assert table.rows[0].role == "total"
    assert all(f.value is None and f.parsed for f in table.rows[0].cells.values())
    assert table.empty_note.startswith("说明：")


TITLE_IN_TABLE = """上海市普陀区2024年区级单位预算
2024年预算单位财政拨款收支预算总表 | | | | | |
编制单位：某院 | | | | | | 单位：元
财政拨款收入 | | 财政拨款支出 | | | |
项目 | 预算数 | 项目 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算
一、一般公共预算资金 | 9,501,164 | 一、社会保障和就业支出 | 9,501,164 | 9,501,164 | |
收入总计 | 9,501,164 | 支出总计 | 9,501,164 | 9,501,164 | |
"""


def test_a_title_printed_as_the_tables_first_row_is_found():
    d = _recognise(TITLE_IN_TABLE, "shanghai-municipal-budget")
    table = d.tables_of("fiscal_summary")[0]
    assert table.title == "2024年预算单位财政拨款收支预算总表"
    assert table.unit == "元"
    assert [r.role for r in table.rows if r.side == "revenue"] == ["revenue_general_budget", "revenue_grand_total"]


def test_templates_load_and_share_table_ids_with_shanxi():
    templates = {t.id: t for t in load_templates()}
    shanxi = {t.id for t in templates["shanxi-budget"].tables}
    for name in ("shanghai-district-budget", "shanghai-municipal-budget", "national-final-account"):
        ids = {t.id for t in templates[name].tables}
        assert len(ids) == 9
        assert {
            "budget_summary",
            "revenue_summary",
            "expenditure_summary",
            "fiscal_summary",
            "general_budget_expenditure",
            "basic_expenditure_economic",
            "three_public",
        } <= ids & shanxi
