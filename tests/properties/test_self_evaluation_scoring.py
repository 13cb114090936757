"""绩效自评表 whose 完成率 and 得分 follow a scoring rule give no finding; altering one cell gives one
at that cell's line (style.md §9).

Generated tables are written in the one-cell-per-line layout of seed 003 (design.md §1.3) and
audited in memory with the self-evaluation rules (SE…) only. Every indicator is one of: ≥ target
(a count), ≤ target (a cost in 万元), = target, a deadline, a qualitative target. Its 完成率 and 得分
are computed the way the seed's documents do it and the rules accept: 完成率 = 业绩值 ÷ 目标值 (a
met cost target may print 100%), printed with 2 decimals rounded half up; 得分 from 权重 and the
printed 完成率 by one of the rule's formulas (w × r, w × (r − 60%) / 40%, w when met, w × (2 − r)
above 100%). The 资金 row prints 执行率 = 执行数 ÷ 预算数 and its 得分; weights add up to 100 and
总分 = Σ 得分.

The alterations are large enough that no accepted formula or rate method explains them:
target ×2 + 7 (a cost target cut to a third of its actual; a deadline moved across the actual date),
actual ÷ 3 (a cost pushed to 3 × target + 5; a date moved; 达到预期指标 → 未达到预期指标),
the rate ± 7 percentage points, the score moved at least 0.3 away from every formula's value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from hypothesis import given, note
from hypothesis import strategies as st

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

CENT = Decimal("0.01")
TEMPLATE = "xinjiang-final-account"
HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "权重",
    "目标值",
    "业绩值",
    "完成率",
    "指标得分",
    "指标值设定依据",
    "上年完成情况",
    "赋分规则",
    "佐证资料",
    "偏差原因分析及改进措施",
]
FORMULAS = {  # as in rules/self-evaluation/SE005.yaml: (applies for r <1, r ≥1, met only) -> w, r
    "proportional": lambda w, r: w * r,
    "sixty": lambda w, r: w * max(r - Decimal("0.6"), Decimal(0)) / Decimal("0.4"),
    "full": lambda w, r: w,
    "overshoot": lambda w, r: w * max(2 - r, Decimal(0)),
}


@cache
def se_rules():
    """The SE rules that check a table's arithmetic (执行率, 完成率, 得分, 权重, 总分). Left out: the rules on
    a document's scoring practice (met_ceiling_rate, exceeded_score: the generator mixes accepted methods on
    purpose) and on its prose, which the generated tables do not carry."""
    arithmetic = {
        "execution_rate",
        "self_eval_funding_sum",
        "execution_score",
        "completion_rate",
        "indicator_score",
        "weight_total",
        "score_total",
        "deviation_reason",
    }
    return [r for r in load_rules() if r.id.startswith("SE") and r.kind in arithmetic]


def half_up(value: Decimal, q: Decimal = CENT) -> Decimal:
    return value.quantize(q, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Indicator:
    kind: str  # at_least | at_most | equal | deadline | qualitative
    name: str
    weight: int
    target: str
    actual: str
    rate: Decimal  # printed, in %
    score: Decimal  # printed
    met: bool


@dataclass
class Rendered:
    text: str
    lines: dict[tuple[int, str], int] = field(default_factory=dict)  # (indicator index, role) -> line


def cells_block(values: list[str], out: list[str], start: int) -> list[int]:
    """Append one row (a cell per line) and a blank line; return each cell's line number."""
    numbers = []
    for v in values:
        out.append(f"\t{v}" if v else "\t")
        numbers.append(start + len(numbers))
    out.append("")
    return numbers


def render(indicators: list[Indicator], funding: tuple[Decimal, Decimal, Decimal, Decimal]) -> Rendered:
    budget, executed, rate, score = funding
    out: list[str] = []
    lines: dict[tuple[int, str], int] = {}

    def row(values):
        return cells_block(values, out, len(out) + 1)

    row(["项目支出绩效自评表"])
    row(["(2024年度)"])
    row(["项目名称", "生成的项目资金"])
    row(["主管部门", "昌吉回族自治州教育局", "实施单位", "新疆昌吉职业技术学院"])
    row(["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    row(["", "年度资金总额", str(budget), str(budget), str(executed), "10", f"{rate}%", str(score)])
    row(["", "其中：当年财政拨款", str(budget), str(budget), str(executed), "—", "—", "—"])
    row(["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—"])
    row(["年度总体目标", "预期目标", "实际完成情况"])
    row(["", "按计划完成项目", "已按计划完成"])
    row(["", *HEADER])
    for i, ind in enumerate(indicators):
        first = "年度绩效指标完成情况" if i == 0 else ""
        numbers = row(
            [
                first,
                "产出指标" if i == 0 else "",
                "数量指标" if i == 0 else "",
                ind.name,
                str(ind.weight),
                ind.target,
                ind.actual,
                f"{ind.rate}%",
                str(ind.score),
                "计划标准",
                "/",
                "按照完成比例赋分",
                "工作资料",
                "偏差原因已说明。",
            ]
        )
        for role, offset in (("target", 5), ("actual", 6), ("rate", 7), ("score", 8)):
            lines[(i, role)] = numbers[offset]
    total = sum((ind.score for ind in indicators), score)
    row(["总分", "100", "", "", "", f"{total}分", "", "", "", "", ""])
    return Rendered("\n".join(out) + "\n", lines)


def audit(text: str):
    disclosure = recognize(read_text(text, path="generated.txt"), template_id=TEMPLATE)
    return run_rules(se_rules(), disclosure)


# ----------------------------------------------------------------------------------- strategies


def scored(weight: int, rate: Decimal, met: bool, formula_choice: int) -> Decimal:
    """A score by one of the formulas that apply to the printed rate (% → fraction)."""
    r = rate / 100
    w = Decimal(weight)
    names = ["proportional", "sixty"] if r < 1 else [*(["full"] if met else []), "overshoot"]
    return half_up(FORMULAS[names[formula_choice % len(names)]](w, r))


@st.composite
def indicators(draw, index: int, weight: int) -> Indicator:
    kind = draw(st.sampled_from(["at_least", "at_most", "equal", "deadline", "qualitative"]), label=f"kind{index}")
    choice = draw(st.integers(0, 1), label=f"formula{index}")
    name = f"指标{index + 1}"
    if kind in ("at_least", "equal"):
        target = draw(st.integers(3, 400), label=f"target{index}")
        actual = draw(st.integers(3, 2 * target), label=f"actual{index}")
        rate = half_up(Decimal(actual) * 100 / target)
        met = actual >= target if kind == "at_least" else actual == target
        op = ">=" if kind == "at_least" else "="
        return Indicator(
            kind, name, weight, f"{op}{target}个", f"={actual}个", rate, scored(weight, rate, met, choice), met
        )
    if kind == "at_most":
        target = draw(st.integers(2, 900), label=f"target{index}")
        actual = draw(st.integers(3, 2 * target), label=f"actual{index}")
        met = actual <= target
        full = met and draw(st.booleans(), label=f"met_full{index}")
        rate = Decimal("100.00") if full else half_up(Decimal(actual) * 100 / target)
        return Indicator(
            kind, name, weight, f"<={target}万元", f"={actual}万元", rate, scored(weight, rate, met, choice), met
        )
    if kind == "deadline":
        met = draw(st.booleans(), label=f"met{index}")
        actual = "2024年11月30日" if met else "2025年3月5日"
        rate = Decimal("100.00") if met else Decimal("0.00")
        return Indicator(
            kind, name, weight, "=2024年12月10日前", actual, rate, Decimal(weight) if met else Decimal(0), met
        )
    return Indicator(kind, name, weight, "明显提升", "达到预期指标", Decimal("100.00"), Decimal(weight), True)


@st.composite
def tables(draw):
    n = draw(st.integers(2, 6), label="indicators")
    cuts = sorted(draw(st.lists(st.integers(1, 89), min_size=n - 1, max_size=n - 1, unique=True), label="cuts"))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, 90])]
    items = [draw(indicators(i, w)) for i, w in enumerate(weights)]
    budget = Decimal(draw(st.integers(10000, 99999), label="budget")) / 100
    executed = half_up(budget * Decimal(draw(st.integers(700, 1000), label="permille")) / 1000)
    rate = half_up(executed * 100 / budget)
    score = scored(10, rate, True, draw(st.integers(0, 1), label="funding formula"))
    return items, (budget, executed, rate, score)


# ----------------------------------------------------------------------------------- alterations


def altered(ind: Indicator, role: str) -> Indicator | None:
    """The indicator with one cell changed beyond what any accepted rule explains; None if not applicable."""
    if role == "target":
        if ind.kind in ("at_least", "equal"):
            number = int(ind.target.lstrip("><=").removesuffix("个"))
            return replace(ind, target=ind.target.replace(str(number), str(2 * number + 7)))
        if ind.kind == "at_most":
            actual = int(ind.actual.lstrip("=").removesuffix("万元"))
            return replace(ind, target=f"<={actual // 3}万元")
        if ind.kind == "deadline":
            return replace(ind, target="=2025年12月10日前" if not ind.met else "=2024年6月10日前")
        return None
    if role == "actual":
        if ind.kind in ("at_least", "equal"):
            number = int(ind.actual.lstrip("=").removesuffix("个"))
            return replace(ind, actual=f"={number // 3}个")
        if ind.kind == "at_most":
            target = int(ind.target.lstrip("<=").removesuffix("万元"))
            return replace(ind, actual=f"={3 * target + 5}万元")
        if ind.kind == "deadline":
            return replace(ind, actual="2025年3月5日" if ind.met else "2024年11月30日")
        return replace(ind, actual="未达到预期指标")
    if role == "rate":
        seven = Decimal("7.00")
        new = ind.rate + seven if abs(ind.rate + seven - 100) > 1 else ind.rate - seven
        if new < 0:
            new = ind.rate + seven
        return replace(ind, rate=new)
    # score: at least 0.3 away from every value a formula gives for the rates this row allows
    w = Decimal(ind.weight)
    rates = {ind.rate / 100, Decimal(1), Decimal(0)}
    values = [f(w, r) for r in rates for f in FORMULAS.values()]
    for step in map(Decimal, ("1.37", "-1.37", "2.71", "-2.71", "4.13", "5.59")):
        new = ind.score + step
        if new >= 0 and all(abs(new - v) > Decimal("0.3") for v in values):
            return replace(ind, score=new)
    return replace(ind, score=ind.score + Decimal("7.77"))


# ----------------------------------------------------------------------------------- properties


@given(tables())
def test_consistent_self_evaluation_gives_no_finding(table):
    items, funding = table
    rendered = render(items, funding)
    note(rendered.text)
    run = audit(rendered.text)
    assert not run.findings, [f.message for f in run.findings]
    assert run.summary["pass"] > 0 and run.summary["error"] == 0


@given(tables(), st.data())
def test_altering_one_cell_gives_a_finding_at_its_line(table, data):
    items, funding = table
    index = data.draw(st.integers(0, len(items) - 1), label="indicator")
    role = data.draw(st.sampled_from(["target", "actual", "rate", "score"]), label="cell")
    changed = altered(items[index], role)
    if changed is None:  # a qualitative target: any wording is 'met' by 达到预期指标; alter its actual
        role, changed = "actual", altered(items[index], "actual")
    new_items = [changed if i == index else ind for i, ind in enumerate(items)]
    rendered = render(new_items, funding)
    line = rendered.lines[(index, role)]
    note(f"{items[index]} -> {changed}; line {line}")
    run = audit(rendered.text)
    assert any(line in {loc.line for loc in f.locations} for f in run.findings), (
        f"no finding at line {line}; findings {[(f.rule, f.message) for f in run.findings]}"
    )
