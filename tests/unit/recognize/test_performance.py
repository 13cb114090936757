"""Performance tables as typed records (recognize/performance/).

Expected values below were read by hand from the seed files at the line numbers given.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetlint.ingest import read_document, text_rows
from budgetlint.model.performance import DateValue
from budgetlint.recognize.performance import (
    parse_indicator_value,
    parse_overall_target_table,
    parse_printed_number,
    parse_self_evaluations,
    parse_target_tables,
)

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
SEED = {
    "000": SEEDS / "000_b2c7b50d282cc0b6.txt",
    "001": SEEDS / "001_e1c2a9d2af1eed61.txt",
    "003": SEEDS / "003_b609326f3d399845.txt",
    "004": SEEDS / "004_b39ab111367c9db1.txt",
}


@cache
def doc(seed: str):
    return read_document(SEED[seed])


@cache
def targets(seed: str):
    return parse_target_tables(doc(seed))


@cache
def evaluations():
    return parse_self_evaluations(doc("003"))


def table_at(seed: str, line: int):
    return next(t for t in targets(seed) if t.line == line)


def indicator(table, line: int, phase: str):
    return next(i for i in table.indicators if i.line == line and i.phase == phase)


def evaluation_at(line: int):
    return next(e for e in evaluations() if e.line == line)


def title_lines(seed: str, pattern: str) -> int:
    """What `grep -c PATTERN seed` says: the truth the parser's table count must match."""
    text = SEED[seed].read_text(encoding="utf-8")
    return sum(1 for line in text.split("\n") if re.search(pattern, line))


def from_lines(lines: list[str]):
    return text_rows.read(lines, path="synthetic.txt", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Printed values
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, operator, value, decimals, unit",
    [
        ("≥1000平方米", "number", "≥", "1000", 0, "平方米"),
        (">=25个", "number", "≥", "25", 0, "个"),
        ("<=0.33万元/生/年", "number", "≤", "0.33", 2, "万元/生/年"),
        ("=624.9万元", "number", "=", "624.9", 1, "万元"),
        ("＝1次", "number", "=", "1", 0, "次"),
        ("<141000平方米", "number", "<", "141000", 0, "平方米"),
        ("4000元/生", "number", None, "4000", 0, "元/生"),
        ("95%以上", "number", "≥", "95", 0, "%"),
        ("不低于90%", "number", "≥", "90", 0, "%"),
        ("$\\geq 95\\%$", "number", "≥", "95", 0, "%"),  # seed 000 line 541: LaTeX left by the converter
        ("=97.24", "number", "=", "97.24", 2, None),
        ("=8年", "number", "=", "8", 0, "年"),  # a duration, not a date
    ],
)
def test_numeric_indicator_values(text, kind, operator, value, decimals, unit):
    v = parse_indicator_value(text)
    assert (v.kind, v.operator, v.parsed) == (kind, operator, True)
    assert v.number.value == Decimal(value) and v.number.decimals == decimals
    assert v.unit == unit and v.number.text == text


@pytest.mark.parametrize(
    "text, operator, date, end",
    [
        ("2024年12月10日前", "≤", (2024, 12, 10), None),
        ("=2024年12月10日前", "≤", (2024, 12, 10), None),  # the bound word wins over the printed '='
        ("2024年12月前", "≤", (2024, 12, None), None),
        ("2024年底前", "≤", (2024, 12, None), None),
        ("2024年12月31日止", "≤", (2024, 12, 31), None),
        ("2024年12月20日前完成", "≤", (2024, 12, 20), None),
        ("2023年内完成", "≤", (2023, None, None), None),
        ("2024年12月20", None, (2024, 12, 20), None),  # 日 lost in extraction
        ("2025年5月", None, (2025, 5, None), None),
        ("2025年1月至2025年12月", None, (2025, 1, None), (2025, 12, None)),
        ("2025年1月至12月", None, (2025, 1, None), (2025, 12, None)),
        ("2025年1月12月", None, (2025, 1, None), (2025, 12, None)),  # seed 001 line 1160: 至 lost
        ("2024年1-12月", None, (2024, 1, None), (2024, 12, None)),
    ],
)
def test_date_and_period_values(text, operator, date, end):
    v = parse_indicator_value(text)
    assert v.parsed and v.operator == operator and v.kind == ("period" if end else "date")
    assert v.date == DateValue(year=date[0], month=date[1], day=date[2])
    assert v.date_end == (DateValue(year=end[0], month=end[1], day=end[2]) if end else None)


@pytest.mark.parametrize(
    "text, kind, parsed",
    [
        ("有效", "text", True),
        ("达到预期指标", "text", True),
        ("预决算批复20日内", "text", False),  # seed 004 line 660: digits in no known form
        ("每月30日前", "text", False),  # seed 000 line 973: a recurring deadline
        ("30-40%", "text", False),
        ("2024年12月31日止01月01日-12月31", "text", False),  # seed 004 line 1098: two values run together
        ("", "empty", False),
    ],
)
def test_values_that_are_text_or_unreadable(text, kind, parsed):
    v = parse_indicator_value(text)
    assert (v.kind, v.parsed, v.number, v.operator) == (kind, parsed, None, None)


def test_docx_residue_is_not_part_of_the_value():
    v = parse_indicator_value("[bookmark: _GoBack]=1万元·生/年")  # seed 003 line 9696
    assert (v.text, v.operator, v.number.value, v.unit) == ("=1万元·生/年", "=", Decimal(1), "万元·生/年")


def test_printed_numbers():
    assert asdict(parse_printed_number("4,125.62", "万元")) == {
        "value": Decimal("4125.62"),
        "decimals": 2,
        "text": "4,125.62",
        "unit": "万元",
    }
    rate = parse_printed_number("99.27%")
    assert (rate.value, rate.decimals, rate.unit) == (Decimal("99.27"), 2, "%")
    score = parse_printed_number("89.62分")
    assert (score.value, score.unit) == (Decimal("89.62"), "分")
    assert parse_printed_number("—") is None and parse_printed_number("-") is None
    assert parse_printed_number("") is None and parse_printed_number("abc") is None


@given(st.text(max_size=30))
def test_any_text_reads_without_error(text):
    v = parse_indicator_value(text)
    assert v.kind in {"number", "date", "period", "text", "empty"}
    assert (v.number is not None) == (v.kind == "number")
    if v.kind == "text" and any(ch.isdigit() for ch in v.text):
        assert not v.parsed


@given(
    st.sampled_from(["≥", ">=", "≤", "<=", "=", ">", "<", ""]),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "%", "人", "万元/生/年", "平方米"]),
)
def test_operator_number_unit_round_trip(op, number, unit):
    v = parse_indicator_value(f"{op}{number}{unit}")
    assert v.parsed and v.kind == "number"
    assert v.number.value == number and v.number.decimals == 2
    assert v.unit == (unit or None)
    assert v.operator == {"": None, ">=": "≥", "<=": "≤"}.get(op, op)


# --------------------------------------------------------------------------------------------
# Budget 项目支出绩效目标表 (seeds 000, 001, 004)
# --------------------------------------------------------------------------------------------


def test_target_table_header_and_funding_000():
    t = table_at("000", 549)  # title line 545, (2024年度) line 547
    assert (t.title, t.title_line, t.year) == ("忻州市市级预算部门（单位）项目支出绩效目标表", 545, 2024)
    assert (t.project_name.text, t.project_name.line) == ("办公设备购置", 549)
    assert (t.department.text, t.department_code) == ("135-忻州市教育局", "135")
    assert (t.implementing_unit.text, t.implementing_unit.line) == ("忻州职业技术学院", 550)
    assert (t.attribute.text, t.period.text, t.unit) == ("一次性项目（1年结束）", "1年", "元")
    for funding in (t.implementation_funding, t.annual_funding):
        assert asdict(funding.total.amount) == {
            "value": Decimal(1000000),
            "decimals": 0,
            "text": "1,000,000",
            "unit": "元",
        }
        assert funding.total.line == 552
        assert [(s.key, s.amount.value if s.amount else None, s.line) for s in funding.sources] == [
            ("central", 0, 553),
            ("provincial", 0, 554),
            ("municipal", 0, 555),
            ("self_raised", 1000000, 556),
            ("other", None, 557),
        ]
    assert t.annual_funding.source("municipal").label == "市县(区)财政资金"
    assert t.annual_funding.source("other").text == ""  # printed empty: no amount, not a problem
    assert t.problems == ()


def test_target_table_indicators_000():
    t = table_at("000", 549)
    first = indicator(t, 566, "implementation")
    assert (first.level1, first.level2, first.level3, first.value.text) == (
        "产出指标",
        "数量指标",
        "购买办公设备数",
        "≥1批",
    )
    assert (first.value.operator, first.value.number.value, first.value.unit) == ("≥", 1, "批")
    cost = indicator(t, 571, "annual")  # 成本指标 printed in the 一级 column: still 二级 under 产出指标
    assert (cost.level1, cost.level2, cost.level3) == ("产出指标", "成本指标", "成本节约情况")
    assert (cost.value.operator, cost.value.number.value, cost.value.unit) == ("≤", 5, "万元")
    timely = indicator(t, 570, "annual")
    assert timely.value.kind == "date" and timely.value.date == DateValue(year=2024, month=12)
    happy = indicator(t, 577, "implementation")  # row starts in the first column (shifted left)
    assert (happy.level1, happy.level2, happy.level3, happy.value.text) == (
        "满意度指标",
        "服务对象满意度",
        "教职工满意度",
        "≥95%",
    )
    # 10 indicator rows × 2 sides; lines 572 and 575 only carry 二级 labels
    assert len(t.indicators) == 20 and all(i.parsed for i in t.indicators)


def test_target_table_with_different_sides_000():
    t = table_at("000", 584)  # 实施期 and 年度 list different indicators; title without city
    assert (t.title, t.implementation_funding.total.amount.value, t.annual_funding.total.amount.value) == (
        "预算部门（单位）项目支出绩效目标表",
        3900000,
        1850000,
    )
    assert t.implementation_goal.text.startswith("通过购买保洁、绿化、物业等管理服务")
    assert t.annual_goal.text.startswith("通过购买保洁、物业等管理服务") and t.annual_goal.line == 599
    assert indicator(t, 601, "implementation").level3 == "保洁服务建筑物内面积"
    assert indicator(t, 601, "annual").level3 == "保洁服务室外面积"
    # only the 实施期 side printed on line 606: placed by its column
    assert [i.phase for i in t.indicators if i.line == 606] == ["implementation"]
    wrapped = indicator(t, 614, "annual")  # row shifted to column 0, 二级 carried from line 613
    assert (wrapped.level1, wrapped.level2, wrapped.level3, wrapped.value.text) == (
        "效益指标",
        "社会效益指标",
        "教学环境改善情况",
        "良好",
    )
    assert sum(i.phase == "implementation" for i in t.indicators) == 16
    assert sum(i.phase == "annual" for i in t.indicators) == 13


def test_wrapped_funding_label_and_period_values_001():
    t = table_at("001", 578)  # title 574
    municipal = t.implementation_funding.source("municipal")
    assert (municipal.label, municipal.amount.value, municipal.line) == ("市县（区）财政资 金", 360000, 584)
    assert t.annual_funding.source("municipal").label == "市县（区）财政资金"
    period = indicator(t, 597, "implementation").value
    assert (period.kind, period.date, period.date_end) == (
        "period",
        DateValue(year=2025, month=1),
        DateValue(year=2025, month=12),
    )
    truncated = indicator(t, 596, "annual")  # PDF cut the name: kept as printed
    assert (truncated.level3, truncated.value.text) == ("维修改造方案符", "符合")
    budget = indicator(t, 599, "annual").value
    assert (budget.operator, budget.number.value, budget.number.decimals, budget.unit) == ("≤", 36, 0, "万元")


def test_label_and_value_merged_in_one_cell_001():
    t = table_at("001", 3019)  # line 3020: '实施单位 长治职业技术学院' in one cell
    assert (t.implementing_unit.text, t.implementing_unit.line) == ("长治职业技术学院", 3020)
    assert (t.period.text, t.project_name.text) == ("1年", "系部运行费")
    assert t.problems == ()


def test_shifted_and_merged_cells_004():
    t = table_at("004", 1012)
    merged = indicator(t, 1032, "annual")  # '生均乘车成本(≤5000元': value merged into the name cell
    assert (merged.level3, merged.value.operator, merged.value.number.value, merged.value.unit) == (
        "生均乘车成本",
        "≤",
        5000,
        "元",
    )
    assert indicator(t, 1031, "annual").value.operator == "≤"  # 2024年12月31日止
    t = table_at("004", 1077)
    twice = indicator(t, 1106, "annual")  # 院养孤儿满意度 printed twice in the 年度 side
    assert (twice.level1, twice.level3, twice.value.text) == ("满意度指标", "院养孤儿满意度", "≥95%")
    cost = indicator(t, 1099, "implementation")  # '成本指标 | 成本指标': one label printed twice
    assert (cost.level1, cost.level2) == ("产出指标", "成本指标")
    empty = indicator(t, 1099, "annual")  # value column repeats the name: no value, flagged
    assert (empty.value.kind, empty.parsed) == ("empty", False)


def test_half_width_title_is_found_004():
    t = next(t for t in targets("004") if t.title_line == 1175)
    assert t.title == "忻州市市级预算部门(单位)项目支出绩效目标表" and t.indicators


@pytest.mark.parametrize(
    "seed, tables, indicators, unparsed",
    [
        ("000", 14, 303, 2),
        ("001", 83, 1644, 0),
        ("004", 22, 344, 9),
    ],
)
def test_every_target_table_of_a_seed(seed, tables, indicators, unparsed):
    found = targets(seed)
    assert len(found) == tables == title_lines(seed, r"项目支出绩效目标表$")
    assert [p for t in found for p in t.problems] == []
    for t in found:
        assert t.project_name and t.implementation_funding and t.annual_funding and t.indicators
        assert t.unit == "元" and t.annual_funding.total.amount is not None
        assert all(i.level1 and i.level2 and i.level3 for i in t.indicators)
    assert sum(len(t.indicators) for t in found) == indicators
    # rows whose value has digits in no known form (每月30日前, 5人每月2337元…): verified by hand
    assert sum(len(t.unparsed_indicators) for t in found) <= unparsed


def test_equal_values_of_a_document_are_one_record():
    """A value or number carries no place, so a document's cells printing the same text share one
    record (the collector walks it once); a table read again from another document has its own."""
    found = targets("001")
    by_text: dict[str, set[int]] = {}
    for t in found:
        for i in t.indicators:
            by_text.setdefault(i.value.text, set()).add(id(i.value))
    assert len(by_text["≥95%"]) == 1 and sum(1 for t in found for i in t.indicators if i.value.text == "≥95%") > 10
    assert all(len(ids) == 1 for ids in by_text.values())
    again = parse_target_tables(doc("001"))
    assert again == found and again[0].indicators[0].value is not found[0].indicators[0].value


# --------------------------------------------------------------------------------------------
# 整体支出绩效目标申报表
# --------------------------------------------------------------------------------------------


def test_overall_target_table_000():
    o = parse_overall_target_table(doc("000"))
    assert (o.title_line, o.line, o.year, o.unit, o.unit_name.text) == (472, 475, 2024, "万元", "忻州职业技术学院")
    assert [(f.key, f.amount.value, f.line) for f in o.income] == [
        ("total", Decimal("13901.07"), 490),
        ("general_budget", Decimal("7700.83"), 491),
        ("special_account", Decimal("5900"), 492),
        ("carryover", Decimal("300.24"), 493),
    ]
    assert [(f.key, f.text, f.line) for f in o.expenditure] == [
        ("total", "13901.07", 490),
        ("basic", "6503.95", 491),
        ("project", "7397.12", 492),
    ]
    assert o.amount("expenditure", "project").amount.decimals == 2
    latex = next(i for i in o.indicators if i.line == 541)
    assert (latex.level1, latex.level3, latex.value.operator, latex.value.number.value) == (
        "满意度指标",
        "教师满意度",
        "≥",
        95,
    )
    assert (len(o.indicators), o.unparsed_indicators, o.problems) == (44, [], ())


def test_overall_target_table_004():
    o = parse_overall_target_table(doc("004"))
    assert (o.title, o.year, o.unit) == ("市级预算部门（单位）整体支出绩效目标申报表", 2024, "万元")
    assert o.amount("income", "total").amount.value == Decimal("7762.27")
    assert o.amount("income", "government_fund").line == 634
    unit_funds = o.amount("income", "unit_funds")  # line 638, shifted to column 0
    assert (unit_funds.amount.value, unit_funds.line) == (Decimal("3240.00"), 638)
    assert [(f.key, f.text) for f in o.expenditure] == [
        ("total", "7762.27"),
        ("basic", "6644.08"),
        ("project", "1118.18"),
    ]
    first = o.indicators[0]  # 产出指标 printed mid-block (line 657): filled from 数量指标
    assert (first.line, first.level1, first.level2, first.level3, first.value.text) == (
        650,
        "产出指标",
        "数量指标",
        "年度预算调整次数",
        "≤2次",
    )
    assert o.annual_goal.line == 648 and not o.annual_goal.text.startswith("<p>")
    assert [i.line for i in o.unparsed_indicators] == [660] and o.problems == ()


def test_no_overall_target_table_in_001():
    assert parse_overall_target_table(doc("001")) is None


# --------------------------------------------------------------------------------------------
# 绩效自评表 (seed 003)
# --------------------------------------------------------------------------------------------


def test_unit_self_evaluation_003():
    e = evaluation_at(82)
    assert (e.kind, e.title, e.year, e.unit, e.name.text, e.name.line) == (
        "unit",
        "单位整体支出绩效自评表",
        2024,
        "万元",
        "昌吉职业技术学院",
        87,
    )
    assert [f.key for f in e.funding] == ["superior", "local", "other", "total"]
    upper = e.funding_row("superior")
    assert asdict(upper.initial_budget) == {
        "value": Decimal("4125.62"),
        "decimals": 2,
        "text": "4,125.62",
        "unit": "万元",
    }
    assert upper.cell_lines["initial_budget"] == 100
    assert upper.weight is None and upper.score is None  # printed '-'
    total = e.funding_row("total")
    assert (
        total.executed.value,
        total.weight.value,
        total.execution_rate.value,
        total.execution_rate.unit,
        total.score.value,
        total.cell_lines["score"],
    ) == (Decimal("26843.22"), 10, Decimal("99.96"), "%", Decimal("9.9"), 132)
    first = e.indicators[0]
    assert (first.line, first.level1, first.level2, first.level3) == (
        153,
        "履职效能",
        "数量指标",
        "开设“1+x”证书制度试点",
    )
    assert (first.target.operator, first.target.number.value, first.cell_lines["target"]) == ("≥", 25, 154)
    lines = first.cell_lines
    assert (first.actual.number.value, first.actual.unit, lines["weight"], lines["score"]) == (31, "个", 156, 158)
    assert e.indicators[1].level1 == "履职效能"  # forward-filled
    assert (len(e.indicators), e.total_score, e.problems) == (6, None, ())


def test_project_self_evaluation_003():
    e = evaluation_at(208)
    assert (e.kind, e.name.text, e.department.text, e.implementing_unit.text, e.unit) == (
        "project",
        "昌吉职业技术学院信息化标杆校建设项目资金",
        "昌吉回族自治州教育局",
        "新疆昌吉职业技术学院",
        "万元",
    )
    total = e.funding_row("total")
    assert (
        total.label,
        total.line,
        total.full_year_budget.value,
        total.executed.text,
        total.cell_lines["executed"],
    ) == (
        "年度资金总额",
        230,
        Decimal("700.00"),
        "694.90",
        233,
    )
    assert (total.execution_rate.value, total.score.value, total.score.decimals) == (
        Decimal("99.27"),
        Decimal("9.82"),
        2,
    )
    fiscal = e.funding_row("fiscal")
    assert (fiscal.label, fiscal.executed.value, fiscal.weight) == ("其中：当年财政拨款", Decimal("694.90"), None)
    assert (e.expected_goal.line, e.actual_goal.line) == (261, 262)
    assert e.actual_goal.text.startswith("截至2025年8月31日")
    late = next(i for i in e.indicators if i.line == 312)
    assert (late.level1, late.level2, late.level3) == ("产出指标", "时效指标", "项目完成时间")
    assert (late.target.kind, late.target.operator, late.target.date) == (
        "date",
        "≤",
        DateValue(year=2024, month=12, day=10),
    )
    assert late.actual.date == DateValue(year=2025, month=5)
    assert (late.completion_rate.value, late.score.value) == (0, 0)
    assert late.deviation.startswith("前期推进与规划环节的双重不足") and late.scoring_rule == "直接赋分"
    carried = next(i for i in e.indicators if i.line == 342)  # 一级/二级 merged cells: forward-filled
    assert (carried.level1, carried.level2, carried.level3, carried.target.text) == (
        "成本指标",
        "经济成本指标",
        "专用设备购置",
        "<=70万元",
    )
    assert asdict(e.total_weight) == {"value": Decimal(100), "decimals": 0, "text": "100", "unit": None}
    assert (e.total_score.value, e.total_score.unit) == (Decimal("89.62"), "分")
    assert e.total_lines == {"total_weight": 385, "total_score": 389}
    assert len(e.indicators) == 7 and all(i.parsed for i in e.indicators)


def test_self_evaluation_rows_from_the_seed_003():
    over = next(i for e in evaluations() for i in e.indicators if i.line == 757)
    assert (over.completion_rate.text, over.cell_lines["completion_rate"]) == ("105.55%", 761)  # 95/90 truncated
    assert over.deviation.startswith("及时发放助学金")
    bookmark = next(i for e in evaluations() for i in e.indicators if i.line == 9693)
    assert (bookmark.level1, bookmark.level2) == ("成本指标", "经济成本指标")
    assert (bookmark.actual.text, bookmark.cell_lines["actual"], bookmark.actual.number.value) == (
        "=1万元·生/年",
        9696,
        1,
    )
    goal = evaluation_at(784).actual_goal  # a literal TAB inside the cell (line 838) is kept
    assert goal.line == 838 and "撰写研究报告1篇，\t研究成果验收达到标准" in goal.text


def test_every_self_evaluation_of_seed_003():
    found = evaluations()
    assert len(found) == 48 == title_lines("003", r"^\t(?:项目支出|单位整体支出)绩效自评表$")
    assert [e.kind for e in found].count("unit") == 1
    assert [p for e in found for p in e.problems] == []
    for e in found:
        assert e.name and e.expected_goal and e.actual_goal and e.unit == "万元"
        assert len(e.indicators) > 0 and e.funding_row("total") is not None
        assert all(i.level1 and i.level2 and i.weight and i.score for i in e.indicators)
        if e.kind == "project":
            assert e.total_weight.value == 100 and e.total_score.unit == "分"
    assert sum(len(e.indicators) for e in found) == 373
    assert sum(len(e.unparsed_indicators) for e in found) == 0


# --------------------------------------------------------------------------------------------
# Nothing is skipped silently
# --------------------------------------------------------------------------------------------

TABLE = [
    "某市预算部门（单位）项目支出绩效目标表",
    "(2024年度)",
    "项目名称\t\t测试项目\t\t",
    "项目资金 (元)\t实施期资金总额:\t1,000\t年度资金总额:\t1,000",
    "\t其中:中央财政资金\t0\t其中:中央财政资金\t0",
    "\t神秘资金\t1,000\t其他资金\t",
    "\t单位自筹\t12,34\t单位自筹\t0",
    "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值",
    "\t产出指标\t数量指标\t培训人数\t≥100人\t数量指标\t培训人数\t约100人左右2期",
    "\t甲\t乙\t丙\t丁\t戊\t己\t庚\t辛",
]


def test_problems_are_collected_not_skipped():
    t = parse_target_tables(from_lines(TABLE))[0]
    reasons = [(p.line, p.reason) for p in t.problems]
    assert (6, "无法识别的资金来源：神秘资金") in reasons
    assert (7, "资金行多于实施期和年度两栏：单位自筹 | 12,34 | 单位自筹 | 0") in reasons  # '12,34' is no amount
    assert any(line == 10 and reason.startswith("指标行无法拆分") for line, reason in reasons)
    assert all(p.table_line == 3 for p in t.problems)
    assert t.annual_funding.source("other").amount is None
    kept = indicator(t, 9, "annual")  # unreadable value: kept and flagged
    assert (kept.value.text, kept.parsed) == ("约100人左右2期", False)
    assert indicator(t, 9, "implementation").parsed


def test_title_without_table_is_a_problem():
    t = parse_target_tables(from_lines(["某市预算部门（单位）项目支出绩效目标表", "后面不是表格"]))[0]
    assert t.indicators == () and [p.reason for p in t.problems] == ["标题之后没有表格"]
