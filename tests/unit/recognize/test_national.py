"""The national base (recognize/national.py, rules/vocabulary/national-tables.yaml): table kinds by
the title's key words after any numbering, columns by their headers.

The strongest check available: on the real documents a province template was written for, the
base -- which knows nothing of those templates -- reads the same tables, rows, roles and cells."""

from __future__ import annotations

from pathlib import Path

import documents
import pytest

from budgetlint import api
from budgetlint.errors import InputError
from budgetlint.ingest import read_document, read_text
from budgetlint.recognize import recognize
from budgetlint.recognize.national import strip_numbering, title_kind

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


@pytest.mark.parametrize(
    ("title", "kind", "number"),
    [
        ("2024年预算收支总表", "budget_summary", ""),
        ("公开01表收支预算总表", "budget_summary", "公开01表"),
        ("部门收支总体情况表", "budget_summary", ""),
        ("公开表一部门收入预算总表", "revenue_summary", "公开表一"),
        ("表三2024年支出预算总表", "expenditure_summary", "表三"),
        ("附表1：财政拨款收支预算总表单位：万元", "fiscal_summary", "附表1"),
        ("表1-2一般公共预算支出表", "general_budget_expenditure", "表1-2"),
        ("5.一般公共预算“三公”经费支出表", "three_public", "5"),
        ("财政拨款安排的基本支出预算表", "basic_expenditure_economic", ""),
        ("项目支出预算表（上年结转）", "project_carryover", ""),
        ("国有资本经营预算收支预算表", "soe_capital", ""),
        ("政府采购预算表", "government_procurement", ""),
    ],
)
def test_a_title_names_its_kind_whatever_the_numbering_and_word_order(title, kind, number):
    named = title_kind(title, "budget")
    assert named is not None and (named[0].id, named[1]) == (kind, number)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收入决算总表", "revenue_summary"),  # 柞水县 2020 (陕西)
        ("一般公共预算财政拨款收入支出决算表", "general_budget_expenditure"),  # 西畴县 2020 (云南)
        ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "three_public"),
        ("国有资本经营预算财政拨款支出决算表", "soe_revenue_expenditure"),
    ],
)
def test_final_account_titles_of_other_provinces(title, kind):
    named = title_kind(title, "final_account")
    assert named is not None and named[0].id == kind


@pytest.mark.parametrize(
    "text",
    [
        "2024年部门预算情况说明",
        "项目支出绩效目标表",
        "第二部分2024年度部门决算表",
        "一、收入预算情况说明。本年收入预算总表如下",
    ],
)
def test_a_heading_or_a_sentence_is_no_table(text):
    assert title_kind(text, "budget") is None


def test_numbering_is_stripped_but_the_year_can_stay():
    assert strip_numbering("公开04表：2024年部门支出预算总表", year=False)[0] == "2024年部门支出预算总表"
    assert strip_numbering("表十二2024年项目支出预算表（本年预算）")[0] == "项目支出预算表（本年预算）"


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("表四一般公共预算财政拨款支出决算表", "表四"),
        ("表十一一般公共预算财政拨款支出决算表", "表十一"),
        ("表十一般公共预算财政拨款支出决算表", "表十"),
        ("附件一一般公共预算财政拨款支出决算表", "附件一"),
    ],
)
def test_a_chinese_numbering_before_yiban_keeps_its_yi(title, number):
    """一 is a numeral and the first character of 一般公共预算: 表四一般… is table 四 of the 一般公共预算
    kind (a numbering in Chinese numerals before that title, found by the PDF variants property)."""
    assert strip_numbering(title) == ("一般公共预算财政拨款支出决算表", number)
    assert title_kind(title, "final_account")[0].id == "general_budget_expenditure"


def _content(disclosure):
    return sorted(
        (t.kind, tuple((r.role, r.label, tuple(sorted((k, f.text) for k, f in r.cells.items()))) for r in t.rows))
        for t in disclosure.tables
    )


@pytest.mark.parametrize(
    "path", ["seeds/000_b2c7b50d282cc0b6.txt", "seeds/001_e1c2a9d2af1eed61.txt", "pdf/sfj_2026_dept_budget.pdf"]
)
def test_the_base_reads_a_province_layout_as_its_template_does(path):
    source = documents.source(FIXTURES / path)  # parsed once per session
    by_template = documents.disclosure(FIXTURES / path)
    by_base = recognize(source, template_id="national-budget")
    assert by_template.template != "national-budget" and len(by_base.tables) == len(by_template.tables)
    differ = [a[0] for a, b in zip(_content(by_template), _content(by_base)) if a != b]
    # the Shanghai empty fund tables print 无 in an extra row the template counts as header
    assert set(differ) <= {"fund_expenditure", "soe_expenditure"}
    assert all(not any(f.value for r in t.rows for f in r.cells.values()) for t in by_base.tables if t.kind in differ)


def test_a_column_the_table_does_not_print_is_missing_never_zero():
    text = (
        "2024年部门预算公开\n一、部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\n"
        "205\t教育支出\t100.00\t60.00\n合计\t\t100.00\t60.00\n"
    )
    disclosure = recognize(read_text(text, path="mem.txt"))
    assert disclosure.template == "national-budget"
    table = disclosure.tables[0]
    assert table.kind == "expenditure_summary" and table.roles_missing == ["project"]
    rules = [r for r in api.load_rules() if r.id == "TB009"]  # 合计 = 基本支出 + 项目支出
    outcomes = {e.outcome.value for e in api.check_disclosure(disclosure, rules).evaluations}
    assert outcomes == {"insufficient_data"}


def test_not_a_disclosure_is_still_turned_away():
    with pytest.raises(InputError):
        recognize(read_document(FIXTURES / "bad" / "not_a_disclosure.txt"))


NATIONAL = FIXTURES / "national"


def test_a_budget_in_another_provinces_titles_is_checked_with_the_base():
    """Constructed in the table titles of a 山东 部门预算 (目录: 一 收支预算总表 … 九 一般公共预算“三公”经费
    支出表), numbers consistent: nine tables by meaning, none left over, and no finding."""
    results = api.audit([NATIONAL / "constructed_2024_budget_shandong_titles.txt"])
    doc = results.documents[0]
    d = doc.disclosure
    assert (d.template, d.template_fits, d.unit, d.year) == ("national-budget", False, "山东省示例局", 2024)
    assert [t.kind for t in d.tables] == [
        "budget_summary",
        "revenue_summary",
        "expenditure_summary",
        "fiscal_summary",
        "general_budget_expenditure",
        "fund_expenditure",
        "basic_expenditure_economic",
        "government_procurement",
        "three_public",
    ]
    assert d.unrecognised_tables == ()
    assert doc.run.findings == () and doc.run.summary["pass"] > 100


def test_the_text_of_a_real_final_account_of_another_province_is_checked_on_its_own():
    """乌鲁木齐市政务服务中心 2023 决算公开说明 (新疆), its text only: not turned away, no part list
    imposed, its sentence arithmetic checked, no false alarm."""
    doc = api.audit([NATIONAL / "real_2023_final_urumqi_text.txt"]).documents[0]
    d = doc.disclosure
    assert (d.kind, d.template, d.template_fits, d.year) == ("final_account", "national-final-account", False, 2023)
    assert d.unit == "乌鲁木齐市政务服务中心"
    assert doc.run.findings == ()
    assert doc.run.summary["pass"] > 0


@pytest.mark.parametrize(
    ("text", "unit", "year"),
    [
        # the cover and 第一部分 of 湛江市人民政府行政服务中心 2021年部门决算 (广东): the year before the unit,
        # an ASCII colon after 第一部分
        (
            "2021年湛江市人民政府行政服务中心部门决算\n\n第一部分:湛江市人民政府行政服务中心概况\n\n一、单位主要职责",
            "湛江市人民政府行政服务中心",
            2021,
        ),
        ("2021年度部门决算公开\n\n第一部分：某县审计局概况\n\n一、主要职能", "某县审计局", 2021),
        ("2021年度部门决算公开\n\n第一部分 单位概况\n\n一、主要职能", None, 2021),  # no unit named: none read
    ],
)
def test_the_unit_and_year_of_a_final_account_as_other_provinces_print_them(text, unit, year):
    d = recognize(read_text(text, path="t.txt"))
    assert (d.template, d.unit, d.year) == ("national-final-account", unit, year)
