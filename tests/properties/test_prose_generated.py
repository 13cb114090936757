"""Generated performance tables with prose stating their indicators: consistent prose is clean, one
altered number -- in the prose or in the indicator row -- is found at its line.

Two layouts, as the seeds print them: a 绩效自评表 in the one-cell-per-line layout (seed 003) whose
预期目标 states each indicator's 目标值 and whose 实际完成情况 states each 业绩值 ("本项目已完成培训学生人数1500人，
学生证书获取率96.2%，…"), and a 项目支出绩效目标表 in the TAB-row layout (seeds 000/001/004) whose 总体目标
states each 指标值 on both sides. Indicators are drawn from names no one of which ends another, each
with its measure: a count (人, 次, 个), a rate (%, 0–2 decimals) or money (万元, ≤ target); the prose
names each by its name or by a wording that gives the name's words in order with others between, or
leaves its generic head out (WORDINGS: 培训各专业学生 for 培训学生人数, 其中设备购置经费 for 设备购置费用), or
puts the number before the noun it counts (建成3个护理实训室; 完成资金申请和8次补助发放, where the words
before the number are another item's).

Property 1: the consistent document gives no finding from the prose rules (group `prose`), and the
rules that compare prose with the table really pass.
Property 2: changing one printed number -- a count by 1 to 50, a rate or an amount by 1 to 2,000
units of its last printed digit, never below zero, printed as before -- in the prose or in the
indicator row gives a finding one of whose locations is that number's line. A change of one unit of
the last printed digit of a rate or an amount is a finding at severity info (two printings of one
quantity, design.md §3); counts are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from hypothesis import given, note
from hypothesis import strategies as st

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.model import Outcome
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

# name -> (unit, kind): no name ends another, so each phrase names exactly one indicator
INDICATORS = {
    "培训学生人数": ("人", "count"),
    "发放补助次数": ("次", "count"),
    "建成实训室": ("个", "count"),
    "学生证书获取率": ("%", "rate"),
    "受助学生满意度": ("%", "rate"),
    "设备购置费用": ("万元", "money"),
}
# how the prose may word each name when it does not copy it (cell_binding.py binds by the name's words in
# order): words between them, a lead before them, the generic head left out or said otherwise, or the number
# ({}) before the noun it counts; no wording gives the words of another indicator of the same measure
WORDINGS = {
    "培训学生人数": ["培训各专业学生", "已组织培训学生"],
    "发放补助次数": ["共发放生活补助", "发放补助", "完成资金申请和{}补助发放"],
    "建成实训室": ["建成护理实训室", "新建成实训室", "建成{}护理实训室"],
    "学生证书获取率": ["学生职业证书获取率", "在校学生证书获取率"],
    "受助学生满意度": ["受助学生对资助工作的满意度"],
    "设备购置费用": ["其中设备购置经费", "设备购置"],
}
COMPARING = {"SE010", "PT008"}


@cache
def prose_rules():
    return [r for r in load_rules() if "prose" in r.groups]


@dataclass(frozen=True)
class Indicator:
    name: str
    target: Decimal
    actual: Decimal
    decimals: int
    words: str  # how the prose names it: the name, or one of its WORDINGS

    @property
    def unit(self) -> str:
        return INDICATORS[self.name][0]

    @property
    def operator(self) -> str:
        return "<=" if INDICATORS[self.name][1] == "money" else ">="

    def show(self, value: Decimal) -> str:
        return f"{value:.{self.decimals}f}"

    def phrase(self, value: Decimal) -> str:
        """How the prose states the value: its words, then the number (or the number where they hold {})."""
        number = f"{self.show(value)}{self.unit}"
        return self.words.format(number) if "{}" in self.words else f"{self.words}{number}"


@st.composite
def indicators(draw) -> list[Indicator]:
    names = draw(st.lists(st.sampled_from(sorted(INDICATORS)), min_size=2, max_size=4, unique=True))
    out = []
    for name in names:
        kind = INDICATORS[name][1]
        decimals = 0 if kind == "count" else 2 if kind == "money" else draw(st.integers(0, 2))
        low, high = {"count": (1, 3000), "rate": (50, 100), "money": (1, 999)}[kind]
        scale = Decimal(1).scaleb(-decimals)
        value = st.integers(low * 10**decimals, high * 10**decimals).map(scale.__mul__)
        words = draw(st.sampled_from([name, *WORDINGS[name]]))
        out.append(Indicator(name, draw(value), draw(value), decimals, words))
    return out


# ------------------------------------------------------------------------------- the two layouts


def self_evaluation(rows: list[Indicator]) -> tuple[str, dict[tuple[int, str], int]]:
    """The document and the line of each number: (indicator, expected|actual|target|value) -> line."""
    lines = [
        "\t项目支出绩效自评表",
        "",
        "\t项目名称",
        "\t生成的项目",
        "",
        "\t年度总体目标",
        "\t预期目标",
        "\t实际完成情况",
        "",
    ]
    expected = "本项目计划" + "，".join(i.phrase(i.target) for i in rows) + "。"
    actual = "截至2024年12月31日，本项目已完成" + "，".join(i.phrase(i.actual) for i in rows) + "。"
    at: dict[tuple[int, str], int] = {}
    lines += ["\t", f"\t{expected}", f"\t{actual}", ""]
    for k in range(len(rows)):
        at[(k, "expected")], at[(k, "actual")] = len(lines) - 2, len(lines) - 1
    headers = ("一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分")
    lines += ["\t", *(f"\t{h}" for h in headers), ""]
    for k, i in enumerate(rows):
        weight = 100 // len(rows)
        lines += [
            "\t年度绩效指标完成情况" if k == 0 else "\t",
            "\t产出指标" if k == 0 else "\t",
            "\t数量指标" if k == 0 else "\t",
            f"\t{i.name}",
            f"\t{weight}",
            f"\t{i.operator}{i.show(i.target)}{i.unit}",
            f"\t={i.show(i.actual)}{i.unit}",
            "\t100%",
            f"\t{weight}",
            "",
        ]
        at[(k, "target")], at[(k, "value")] = len(lines) - 4, len(lines) - 3
    return "\n".join(lines) + "\n", at


def target_table(rows: list[Indicator]) -> tuple[str, dict[tuple[int, str], int]]:
    goal = "，".join(i.phrase(i.target) for i in rows) + "。"
    lines = [
        "忻州市市级预算部门（单位）项目支出绩效目标表",
        "",
        "(2024年度)",
        "",
        "项目名称\t\t生成的项目\t\t\t\t",
        "主管部门及代码\t\t135-忻州市教育局\t\t实施单位\t\t忻州职业技术学院",
        "项目属性\t\t一次性项目（1年结束）\t\t项目期\t\t1年",
        "项目资金 (元)\t\t实施期资金总额:\t1,000,000\t\t年度资金总额:\t1,000,000",
        "\t\t其中:中央财政资金\t0\t\t其中:中央财政资金\t0",
        "\t\t市县(区)财政资金\t1,000,000\t\t市县(区)财政资金\t1,000,000",
        "\t\t实施期目标\t\t\t年度目标\t",
        f"总体目标\t\t{goal}\t\t\t{goal}\t",
        "绩效指标\t\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值",
    ]
    at = {(k, "expected"): len(lines) - 1 for k in range(len(rows))}
    for k, i in enumerate(rows):
        level2 = "成本指标" if INDICATORS[i.name][1] == "money" else "数量指标"
        value = f"{'≤' if i.operator == '<=' else '≥'}{i.show(i.target)}{i.unit}"
        lines.append(f"\t\t{'产出指标' if k == 0 else ''}\t{level2}\t{i.name}\t{value}\t{level2}\t{i.name}\t{value}")
        at[(k, "target")] = len(lines)
    lines.append("负责人:\t\t经办人:\t\t联系电话:\t\t填报日期:\t\t20240113163450")
    return "\n".join(lines) + "\n", at


LAYOUTS = {
    "self_evaluation": (self_evaluation, "xinjiang-final-account", ("expected", "actual", "target", "value")),
    "target_table": (target_table, "shanxi-budget", ("expected", "target")),
}


def audit(text: str, template: str):
    disclosure = recognize(read_text(text, path="generated.txt"), template_id=template)
    return run_rules(prose_rules(), disclosure)


# ------------------------------------------------------------------------------------ properties


@given(rows=indicators(), layout=st.sampled_from(sorted(LAYOUTS)))
def test_consistent_prose_gives_no_finding(rows, layout):
    render, template, _ = LAYOUTS[layout]
    text, _ = render(rows)
    note(text)
    run = audit(text, template)
    assert not run.findings, [f.message for f in run.findings]
    passed = {e.rule for e in run.evaluations if e.outcome == Outcome.PASS}
    assert passed & COMPARING, run.summary


def altered(i: Indicator, value: Decimal, data) -> Decimal:
    step = Decimal(1).scaleb(-i.decimals)
    limit = 50 if INDICATORS[i.name][1] == "count" else 2000
    units = data.draw(st.integers(1, limit), label="units")
    sign = data.draw(st.sampled_from([-1, 1]), label="sign") if value - units * step >= 0 else 1
    return value + sign * units * step


@given(rows=indicators(), layout=st.sampled_from(sorted(LAYOUTS)), data=st.data())
def test_one_altered_number_is_found_at_its_line(rows, layout, data):
    render, template, places = LAYOUTS[layout]
    k = data.draw(st.integers(0, len(rows) - 1), label="indicator")
    place = data.draw(st.sampled_from(places), label="place")
    text, at = render(rows)
    row = rows[k]
    old = row.target if place in ("expected", "target") else row.actual
    new = altered(row, old, data)
    before, after = row.phrase(old), row.phrase(new)
    line_no = at[(k, place)]
    lines = text.split("\n")
    if place in ("target", "value"):
        before, after = f"{row.show(old)}{row.unit}", f"{row.show(new)}{row.unit}"
    lines[line_no - 1] = lines[line_no - 1].replace(before, after)
    assert lines[line_no - 1] != text.split("\n")[line_no - 1]
    note(f"{place} of {row.name}: {row.show(old)} -> {row.show(new)} on line {line_no}")
    run = audit("\n".join(lines), template)
    assert any(loc.line == line_no for f in run.findings for loc in f.locations), (
        line_no,
        [(f.rule, [loc.line for loc in f.locations]) for f in run.findings],
    )
