"""Rates and scores of 绩效自评表: accepted scoring formulas, implied 完成率, derived-value evaluations.

Shared by the kinds `self_eval_funding` (执行率, 执行率得分) and `indicator_score` (完成率, 得分).

Scoring formulas are rule parameters, never code: each is a small arithmetic expression of `w`
(the printed 权重 / 分值) and `r` (the 完成率 or 执行率 as a fraction, 0.9927 for 99.27%), with the
range of `r` it applies to::

    formulas:
      - {name: 按完成比例, rate: [0, 1], score: 'w * r'}
      - {name: 未达60%不得分, rate: [0, 1], score: 'w * max(r - 0.6, 0) / 0.4'}
      - {name: 完成计满分, rate: [1, null], met: true, score: 'w'}
      - {name: 超额按偏差扣分, rate: [1, null], score: 'w * max(2 - r, 0)'}

Allowed: numbers, w, r, + - * /, unary minus, min(), max(). A formula must be monotone in r over
its range (all of the above are): its value over an interval of r is taken at the two ends.
`met: true` limits a formula to indicators whose target is met (a 完成率 above 100% on a ≤ cost
target is an overrun, not a completion: it may not be scored in full), `met: false` to missed ones.

A printed rate or score is accepted when SOME value the inputs allow prints as it, rounded half
up or truncated (numbers.printed_range): documents do both (95/90 is printed 105.56% or 105.55%).

Indicator values (目标值 / 业绩值) printed without decimals are counts or round targets and stand
for themselves; values printed with decimals (24.38万元, 97.24%) stand for their rounding interval,
except that two printings of the same number (0.2 and 0.20) are the same quantity.
"""

from __future__ import annotations

import ast
import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import field_validator

from budgetlint.checks.refs import Strict
from budgetlint.model import Evaluation, Fact, Outcome
from budgetlint.numbers import (INFINITY, Interval, exact, format_amount, interval_of, printed_range, prints_as,
                               ratio_interval)
from budgetlint.recognize.labels import squeeze

ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)

# ---------------------------------------------------------------------------------------------
# Formulas
# ---------------------------------------------------------------------------------------------

_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.Div: lambda a, b: a / b}
_CALLS = {"min": min, "max": max}


@lru_cache(maxsize=256)
def _parse(expression: str) -> ast.Expression:
    """The expression's syntax tree; ValueError for anything but the small arithmetic allowed."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"公式无法解析：{expression}") from exc
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Name) and node.id in ("w", "r", "min", "max"):
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALLS \
                and not node.keywords and len(node.args) >= 2:
            continue
        raise ValueError(f"公式只能使用数字、w、r、+ - * /、min()、max()：{expression}")
    return tree


def _value(node: ast.AST, w: Decimal, r: Decimal) -> Decimal:
    if isinstance(node, ast.Expression):
        return _value(node.body, w, r)
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return w if node.id == "w" else r
    if isinstance(node, ast.UnaryOp):
        inner = _value(node.operand, w, r)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_value(node.left, w, r), _value(node.right, w, r))
    if isinstance(node, ast.Call):
        return _CALLS[node.func.id](*(_value(a, w, r) for a in node.args))
    raise ValueError(f"unexpected node {type(node).__name__}")  # pragma: no cover - _parse refuses it


class Formula(Strict):
    """One accepted scoring formula: a name (shown in findings), the range of r, the expression."""

    name: str
    score: str
    rate: tuple[Decimal, Decimal | None] = (ZERO, None)  # r in [low, high]; high null: no upper bound
    met: bool | None = None  # only for targets met (true) / missed (false); null: either

    def applies(self, met: bool | None) -> bool:
        """Whether the formula may score an indicator whose target is `met` (None: not known)."""
        return self.met is None or met is None or self.met == met

    @field_validator("score")
    @classmethod
    def _valid(cls, expression: str) -> str:
        _parse(expression)
        return expression

    def at(self, weight: Decimal, rate: Interval) -> Interval | None:
        """The scores the formula gives for r anywhere in `rate` (None when the ranges do not meet)."""
        low = max(rate.low, self.rate[0])
        high = rate.high if self.rate[1] is None else min(rate.high, self.rate[1])
        if low > high or low == INFINITY:
            return None
        tree = _parse(self.score)
        ends = [_value(tree, weight, low)]
        if high != INFINITY:
            ends.append(_value(tree, weight, high))
        else:  # monotone and unbounded: only bounded formulas (max(2 - r, 0) …) settle; sample far out
            ends.append(_value(tree, weight, low * 1000 + 1000))
        return Interval(min(ends), max(ends))


@dataclass(frozen=True)
class Candidate:
    """A value the inputs allow, with how it was obtained (shown in the finding's detail)."""

    how: str
    value: Interval


def scores(weight: Decimal, rates: list[Candidate], formulas: list[Formula], met: bool | None = None
           ) -> list[Candidate]:
    """Every score an accepted formula gives for every candidate rate (`met`: the target's status)."""
    out = []
    for rate in rates:
        for formula in formulas:
            if not formula.applies(met):
                continue
            value = formula.at(weight, rate.value)
            if value is not None:
                out.append(Candidate(f"{formula.name}（{formula.score}，{rate.how}）", value))
    return out


def printed_rate(fact: Fact) -> Candidate:
    """A printed rate (99.27 %) as the fractions that print so, rounded or truncated."""
    shown = printed_range(fact.value, fact.decimals)
    return Candidate(f"完成率按印制值 {fact.text}", shown.scale(ONE / HUNDRED))


# ---------------------------------------------------------------------------------------------
# 完成率 implied by 目标值 and 业绩值
# ---------------------------------------------------------------------------------------------

Method = Literal["ratio", "capped", "met_full", "inverse"]
METHOD_NAMES = {"ratio": "业绩值÷目标值", "capped": "业绩值÷目标值（封顶100%）", "met_full": "达成即100%",
                "inverse": "目标值÷业绩值"}


class RateMethods(Strict):
    """How documents turn 目标值 and 业绩值 into a 完成率, by the target's operator.

    ratio: actual / target · capped: min(ratio, 100%) · met_full: 100% when the target is met ·
    inverse: target / actual. Dates and qualitative values are met (100%) or missed (0%).
    """

    at_least: list[Method] = ["ratio", "capped"]  # ≥ / > targets
    at_most: list[Method] = ["met_full", "ratio"]  # ≤ / < targets (costs, 成本指标)
    equal: list[Method] = ["ratio", "capped"]  # = or no operator


class QualitativeValues(Strict):
    """业绩值 texts that state the target was met or missed (compared after removing spaces)."""

    met: list[str] = []
    missed: list[str] = []


@dataclass(frozen=True)
class Implied:
    """What 目标值 vs 业绩值 say: met (True / False / None = cannot tell) and the accepted rates."""

    met: bool | None
    rates: tuple[Candidate, ...]
    basis: str  # "业绩值 95% / 目标值 ≥90%" or why nothing can be said

    @property
    def known(self) -> bool:
        return bool(self.rates)


def _value_interval(number, operator: str | None) -> Interval:
    base = exact(number.value) if number.decimals == 0 else interval_of(number.value, number.decimals)
    if operator in ("≥", ">"):
        return Interval(base.low, INFINITY)
    if operator in ("≤", "<"):
        return Interval(ZERO, base.high)
    return base


def _units_agree(a: str | None, b: str | None) -> bool:
    a, b = squeeze(a or ""), squeeze(b or "")
    return not a or not b or a == b or a.startswith(b) or b.startswith(a)


def _text_key(text: str) -> str:
    return squeeze(text).lstrip("=＝")


def _qualitative(actual, words: QualitativeValues) -> bool | None:
    key = _text_key(actual.text)
    if key in {_text_key(w) for w in words.met}:
        return True
    if key in {_text_key(w) for w in words.missed}:
        return False
    return None


def _day_range(d, operator: str | None = None) -> tuple[date, date]:
    if d.month is None:
        first, last = date(d.year, 1, 1), date(d.year, 12, 31)
    elif d.day is None:
        first = date(d.year, d.month, 1)
        last = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    else:
        first = last = date(d.year, d.month, min(d.day, calendar.monthrange(d.year, d.month)[1]))
    if operator in ("≤", "<"):
        first = date.min
    elif operator in ("≥", ">"):
        last = date.max
    return first, last


def _binary(met: bool | None, basis: str) -> Implied:
    if met is None:
        return Implied(None, (), basis)
    return Implied(met, (Candidate("达成计100%" if met else "未达成计0%", exact(ONE if met else ZERO)),), basis)


def _dates(target, actual) -> Implied:
    basis = f"业绩值 {actual.text} / 目标值 {target.text}"
    t_date = target.date_end if target.kind == "period" else target.date
    a_date = actual.date_end if actual.kind == "period" else actual.date
    if t_date is None or a_date is None:
        return Implied(None, (), basis)
    t_first, t_last = _day_range(t_date)
    a_first, a_last = _day_range(a_date, actual.operator)
    if target.operator in ("≥", ">"):  # not before a date
        met = True if a_first >= t_last else False if a_last < t_first else None
    else:  # a deadline: 前 / 止 / = / no operator
        met = True if a_last <= t_first else False if a_first > t_last else None
    return _binary(met, basis)


def implied_rate(target, actual, methods: RateMethods, words: QualitativeValues) -> Implied:
    """The 完成率 values that 目标值 `target` and 业绩值 `actual` (IndicatorValues) allow."""
    basis = f"业绩值 {actual.text or '（空）'} / 目标值 {target.text or '（空）'}"
    if not target.parsed or not actual.parsed or target.kind == "empty" or actual.kind == "empty":
        return Implied(None, (), basis + "：无法读取")
    said = _qualitative(actual, words)
    if actual.kind == "text":
        if said is None and target.kind == "text" and _text_key(actual.text) == _text_key(target.text):
            said = True
        return _binary(said, basis)
    if target.kind in ("date", "period") and actual.kind in ("date", "period"):
        return _dates(target, actual)
    if target.kind != "number" or actual.kind != "number":
        return Implied(None, (), basis + "：类型不同")
    if not _units_agree(target.unit, actual.unit):
        return Implied(None, (), basis + "：计量单位不同")
    t, a = target.number, actual.number
    if a.value == t.value and actual.operator in (None, "="):
        ratio = exact(ONE)
    else:
        ratio = ratio_interval(_value_interval(a, actual.operator), _value_interval(t, None))
    if ratio is None:
        return Implied(None, (), basis + "：目标值为零")
    op = target.operator
    if op in ("≥", ">"):
        met = True if ratio.low >= 1 else False if ratio.high < 1 else None
        chosen = methods.at_least
    elif op in ("≤", "<"):
        met = True if ratio.high <= 1 else False if ratio.low > 1 else None
        chosen = methods.at_most
    else:
        met = True if ratio.low == ratio.high == 1 else False if (ratio.high < 1 or ratio.low > 1) else None
        chosen = methods.equal
    rates = []
    for method in chosen:
        if method == "ratio":
            value = ratio
        elif method == "capped":
            value = Interval(min(ratio.low, ONE), min(ratio.high, ONE))
        elif method == "met_full":
            if met is False:
                continue
            value = exact(ONE)
        else:  # inverse
            if ratio.low <= 0:
                continue
            value = Interval(ONE / ratio.high if ratio.high != INFINITY else ZERO, ONE / ratio.low)
        rates.append(Candidate(METHOD_NAMES[method], value))
    return Implied(met, tuple(rates), basis)


# ---------------------------------------------------------------------------------------------
# Evaluations of derived values
# ---------------------------------------------------------------------------------------------


def _shown(value: Interval, decimals: int) -> str:
    point = value.low if value.high == INFINITY else value.mid
    return format_amount(point, decimals)


def _plain(value: Interval) -> str:
    if value.high == INFINITY:
        return f"≥{format_amount(value.low, 4)}"
    if value.low == value.high:
        return format_amount(value.low, 4)
    return f"[{format_amount(value.low, 4)}, {format_amount(value.high, 4)}]"


def _distance(value: Interval, point: Decimal) -> Decimal:
    if point < value.low:
        return value.low - point
    if point > value.high:
        return point - value.high
    return ZERO


def derived(rule: str, subject: str, printed: Fact, candidates: list[Candidate], inputs: list[Fact], *,
            unit: str, scale: Decimal = ONE, note: str = "", min_decimals: int = 0) -> Evaluation:
    """A printed derived value (a rate in %, a score) against the values its inputs allow.

    `candidates` are in the inputs' terms (rates as fractions); `scale` turns them into the printed
    terms (100 for a percentage). Pass when any candidate prints as the printed value, read to at
    least `min_decimals` decimals (scores print whole numbers as 15, not 15.0: a 15 printed for
    14.59 is not a rounding). The expected value shown is the candidate nearest the printed one.
    """
    locations = tuple(f.location for f in [printed, *inputs])
    loc = printed.location
    values = {"table": loc.table or "", "row": loc.row or "", "column": loc.column or ""}
    if not printed.parsed or printed.value is None:
        return Evaluation(rule=rule, outcome=Outcome.INSUFFICIENT_DATA, subject=subject, locations=locations,
                          detail=f"单元格不是数字：“{printed.text}”", values=values)
    shown = [Candidate(c.how, c.value.scale(scale)) for c in candidates]
    decimals = max(printed.decimals, min_decimals)
    ok = any(prints_as(printed.value, decimals, c.value) for c in shown)
    nearest = min(shown, key=lambda c: _distance(c.value, printed.value)).value
    expected = _shown(nearest, decimals)
    difference = format_amount(printed.value - Decimal(expected), decimals)
    seen: set[tuple[Decimal, Decimal]] = set()
    distinct = []
    for c in shown:  # ratio and capped coincide below 100%: show each value once
        if (c.value.low, c.value.high) not in seen:
            seen.add((c.value.low, c.value.high))
            distinct.append(c)
    tried = "；".join(f"{c.how} = {_plain(c.value)}" for c in distinct)
    return Evaluation(rule=rule, outcome=Outcome.PASS if ok else Outcome.FAIL, subject=subject,
                      expected=expected, actual=format_amount(printed.value, printed.decimals),
                      difference=difference, unit=unit, detail=note + "。" if note else None,
                      formula="可接受的计算：" + tried + "（允许四舍五入或截尾）", locations=locations, values=values)
