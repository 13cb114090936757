"""完成率 implied by 目标值 and 业绩值: whether a target was met, and the rates the documents' methods
give for it (RateMethods, a rule parameter), each as the interval the printed values allow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring.formulas import ONE, ZERO, Candidate
from budgetlint.labels import squeeze
from budgetlint.numbers import INFINITY, Interval, exact, interval_of, ratio_interval
from budgetlint.recognize.narrative.prose_numbers import unit_measure

Method = Literal["ratio", "capped", "met_full", "inverse"]
METHOD_NAMES = {
    "ratio": "业绩值÷目标值",
    "capped": "业绩值÷目标值（封顶100%）",
    "met_full": "达成即100%",
    "inverse": "目标值÷业绩值",
}


class RateMethods(Strict):
    """How documents turn 目标值 and 业绩值 into a 完成率, by the target's operator.

    ratio: actual / target · capped: min(ratio, 100%) · met_full: 100% when the target is met ·
    inverse: target / actual. Dates and qualitative values are met (100%) or missed (0%).
    """

    at_least: list[Method] = ["ratio", "capped"]  # ≥ / > targets
    at_most: list[Method] = ["met_full", "ratio"]  # ≤ / < targets (costs, 成本指标)
    equal: list[Method] = ["ratio", "capped"]  # = or no operator

    @cached_property
    def key(self) -> tuple[tuple[Method, ...], ...]:
        """The methods as a value: two rules stating the same ones imply the same rates."""
        return tuple(self.at_least), tuple(self.at_most), tuple(self.equal)


class QualitativeValues(Strict):
    """业绩值 texts that state the target was met or missed (compared after removing spaces)."""

    met: list[str] = []
    missed: list[str] = []

    @cached_property
    def keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """The met and missed texts as compared (_text_key), worked out once per rule."""
        return frozenset(_text_key(w) for w in self.met), frozenset(_text_key(w) for w in self.missed)


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
    met, missed = words.keys
    if key in met:
        return True
    if key in missed:
        return False
    return None


def _day_range(d, operator: str | None = None) -> tuple[date, date]:
    import calendar  # here: dated targets are rare, and the preload then needs no calendar

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
    ratio: Interval | None
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


def actual_against_target(indicator) -> int | None:
    """+1 when the 业绩值 is above the 目标值 beyond rounding, −1 below, None when they cannot be told
    apart or compared (no numbers, units measuring different things, an 业绩值 stated as a bound)."""
    t, a = indicator.target, indicator.actual
    if t.number is None or a.number is None or a.operator not in (None, "="):
        return None
    tm, am = unit_measure(t.unit), unit_measure(a.unit)
    if t.unit != a.unit and (tm is None or am is None or (tm[0], tm[2]) != (am[0], am[2])):
        return None
    scale_t, scale_a = (tm[1], am[1]) if tm and am else (1, 1)
    ti, ai = _value_interval(t.number, None), _value_interval(a.number, None)
    if ai.low * scale_a > ti.high * scale_t:
        return 1
    if ai.high * scale_a < ti.low * scale_t:
        return -1
    return None
