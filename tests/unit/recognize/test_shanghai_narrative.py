"""Narrative of the Shanghai budgets and the 决算: vocabulary bindings and the 编制说明 items.

Expected findings are the defects the official 检查表 of the 司法局 2026 budgets lists and the
real ones of the 财政局 2024 决算 (docs/evaluation-pdf.md), each on the page it is printed on.
"""

from pathlib import Path

import documents
import pytest

from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.testing.cases import to_tab_layout

PDF = Path(__file__).resolve().parents[3] / "fixtures" / "pdf"


def _findings(name: str) -> list[tuple[str, str, int | None, str]]:
    doc = documents.results(PDF / name).documents[0]
    assert doc.error is None
    assert doc.run.summary["error"] == 0
    return [(f.rule, f.severity, f.locations[0].page, f.locations[0].page_basis) for f in doc.run.findings]


def _errors(name: str) -> list[tuple[str, int | None]]:
    return sorted((rule, page) for rule, severity, page, _ in _findings(name) if severity == "error")


ITEMS = """上海市普陀区2026年区级部门预算
2026年部门一般公共预算支出功能分类预算表
编制部门：某局 单位：元
项目 | | | | 一般公共预算支出 | |
功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出
类 | 款 | 项 | | | |
210 | | | 卫生健康支出 | 1149678.00 | 1149678.00 | 0.00
210 | 11 | | 行政事业单位医疗 | 1149678.00 | 1149678.00 | 0.00
210 | 11 | 01 | 行政单位医疗 | 1149678.00 | 1149678.00 | 0.00
221 | | | 住房保障支出 | 2087959.00 | 2087959.00 | 0.00
221 | 02 | | 住房改革支出 | 2087959.00 | 2087959.00 | 0.00
221 | 02 | 01 | 住房公积金 | 2087959.00 | 2087959.00 | 0.00
合计 | | | | 3237637.00 | 3237637.00 | 0.00
2026年部门预算编制说明
财政拨款支出主要内容如下：
11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）114.97万元。主要用于：行政单位医疗保险缴费经费。2025年当年预算执行数为59.43万元，2026年预算安排114.97万元，比2025年预算执行数增加93.45%。
12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。主要用于：行政事业单位为职工缴纳的住房公积金。2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%。
13.“住房保障支出（类）住房改革支出（款）住房公积金（项）”208.80万元，主要用于住房公积金。
"""


def test_items_bind_their_amounts_to_the_coded_row():
    d = recognize(read_text(to_tab_layout(ITEMS), path="items.txt"), template_id="shanghai-district-budget")
    bound = [(b.subject, b.claim.span.text) for b in d.bindings]
    # the item's amount and its restated 2026年预算安排, never the 2025 执行数
    assert bound == [
        ("行政单位医疗", "114.97万元"),
        ("行政单位医疗", "114.97万元"),
        ("住房公积金", "208.8万元"),
        ("住房公积金", "201.50万元"),
        ("住房公积金", "208.80万元"),
    ]
    names = [(c.code, c.names) for c in d.claims if c.kind == "class_name"]
    assert ("210", ("医疗卫生与计划生育支出",)) in names  # read per level with its code
    assert all(not n.startswith("“") for _, ns in names for n in ns)  # quotes around a chain are not the name


def test_vocabulary_binds_the_budget_totals():
    d = documents.disclosure(PDF / "sfj_2026_dept_budget.pdf")
    subjects = {b.subject for b in d.bindings}
    assert {"财政拨款收入", "支出预算", "一般公共预算拨款支出预算", "三公经费预算数", "公务接待费"} <= subjects


def test_dept_budget_finds_the_checklist_defects_on_their_pages():
    # NA010 p9: item 6 (43269.3 -> 3845.49 "增加17.62%"), item 9 (17.66% for 17.93%), item 12 (5.27% for 1.59%)
    # NA007 p8: five times “2026年预算”, one finding with five locations (tests/unit/findings)
    assert _errors("sfj_2026_dept_budget.pdf") == ([("NA001", 9), ("NA007", 8), ("NA009", 9)] + [("NA010", 9)] * 3)
    warnings = sorted((r, p) for r, s, p, _ in _findings("sfj_2026_dept_budget.pdf") if s == "warning")
    assert ("NA012", 8) in warnings and ("NA013", 23) in warnings and ("NA014", 8) in warnings
    # the 检查表's 目录 row (an empty table frame on p3) and 主要职能 row (a line cut in half on p4)
    assert [w for w in warnings if w[0] in ("DC010", "DC011")] == [("DC010", 3), ("DC011", 4)]


def test_unit_budget_finds_the_checklist_defects_on_their_pages():
    assert _errors("sfj_2026_unit_budget.pdf") == [
        ("NA001", 6),
        ("NA001", 7),
        ("NA008", 6),
        ("NA008", 21),
        ("NA009", 7),
        ("NA010", 6),
        ("NA010", 6),
        ("NA010", 7),  # “减少1.10%”, item 7's rate, “增加21.74%”
        ("TB009", 11),
        ("TB010", 11),
        ("TB018", 14),
        ("TB019", 14),
    ]
    warnings = [(r, p) for r, s, p, _ in _findings("sfj_2026_unit_budget.pdf") if s == "warning"]
    # DC011: “业务量增加” (p6) and “…险支出增加” (p7) are cut across by their text frame's edge
    assert warnings == [("DC011", 6), ("DC011", 7), ("DC011", 7), ("DC008", 21), ("DC008", 21)]


def test_final_account_good_has_only_its_real_errors():
    # 财政拨款收入支出总计0.3万元 (table: 2961.68) and 占71.73% (2106.66 / 2940.05 = 71.65%)
    assert _errors("czj_2024_final_good.pdf") == [("NA001", 21), ("NA002", 21)]


def test_final_account_bad_copy_reports_its_seeded_errors():
    assert _errors("czj_2024_final_bad.pdf") == [
        ("DC001", 8),  # 支出决算表 dropped
        ("DC007", 18),  # 第三部分 … 2023年度
        ("NA001", 18),  # 收入支出总计0万元
        ("NA002", 19),  # the original's 71.73%
        ("NA007", 24),  # 截至2023年12月31日 in a 2024 决算
        ("NA010", 19),
        ("NA010", 20),
        ("NA010", 21),  # 决算数大于/等于预算数
    ]


@pytest.mark.parametrize(
    "name",
    ["sfj_2026_dept_budget.pdf", "sfj_2026_unit_budget.pdf", "czj_2024_final_good.pdf", "czj_2024_final_bad.pdf"],
)
def test_every_location_has_its_exact_page(name):
    assert all(page and basis == "pdf" for _, _, page, basis in _findings(name))
