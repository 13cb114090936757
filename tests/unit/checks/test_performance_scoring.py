"""Rates, scores and formulas of the performance kinds (checks/scoring/, numbers.py helpers).

Examples are cells of seed 003 (line numbers given) and the conventions its tables follow.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from budgetlint.checks.scoring import (
    Candidate,
    Formula,
    QualitativeValues,
    RateMethods,
    derived,
    implied_rate,
    printed_rate,
    scores,
)
from budgetlint.model import Fact, Location
from budgetlint.numbers import Interval, exact, printed_range, prints_as, ratio_interval
from budgetlint.recognize.performance import parse_indicator_value

D = Decimal
WORDS = QualitativeValues(met=["达到预期指标"], missed=["未达到预期指标"])


def value(text: str):
    return parse_indicator_value(text)


DEFAULT_METHODS = RateMethods()


def rates_of(target: str, actual: str, methods: RateMethods = DEFAULT_METHODS):
    return implied_rate(value(target), value(actual), methods, WORDS)


@pytest.mark.parametrize(
    "printed, decimals, true_value, ok",
    [
        ("105.56", 2, "105.5555", True),  # rounded
        ("105.55", 2, "105.5555", True),  # truncated (seed 003 line 761)
        ("105.5", 1, "105.5555", True),  # truncated to one decimal (line 6428)
        ("111", 0, "111.1111", True),  # truncated to a whole percent (line 9521)
        ("105.57", 2, "105.5555", False),
        ("9.9", 1, "9.996", True),  # 单位整体 执行率得分 (line 133)
    ],
)
def test_prints_as_accepts_rounding_or_truncation(printed, decimals, true_value, ok):
    assert prints_as(D(printed), decimals, exact(D(true_value))) is ok


def test_printed_range_is_round_or_truncate():
    assert printed_range(D("99.27"), 2) == Interval(D("99.265"), D("99.28"))


def test_ratio_interval_of_rounded_amounts_and_zero_denominator():
    ratio = ratio_interval(Interval(D("5.525"), D("5.535")), Interval(D("5.665"), D("5.675")))
    assert ratio.low < D("0.9754") < ratio.high  # 5.53 / 5.67 printed 97.54% (line 1334) is within rounding
    assert ratio_interval(exact(D(1)), exact(D(0))) is None


@pytest.mark.parametrize(
    "target, actual, met, expected",
    [
        (">=90%", "=95%", True, {D("95") / D("90"), D(1)}),  # ratio, capped
        ("<=630万元", "=624.9万元", True, None),  # cost met: 100% or the ratio interval
        ("<=50万", "=50.5万元", False, {D("1.009")}),  # overrun: ratio only (50.45 / 50); 万 and 万元 agree
        ("=2024年12月10日前", "2025年5月", False, {D(0)}),  # a month after the deadline
        ("2024年12月10日前", "2024年12月10日", True, {D(1)}),  # on the day
        ("明显提升", "达到预期指标", True, {D(1)}),
        ("明显提升", "未达到预期指标", False, {D(0)}),
    ],
)
def test_implied_rate(target, actual, met, expected):
    implied = rates_of(target, actual)
    assert implied.met is met
    if expected is not None:
        assert {c.value.low for c in implied.rates} == expected
    else:
        lows = sorted(c.value.low for c in implied.rates)
        assert lows[-1] == 1 and D("0.9918") < lows[0] < D("0.9920")


@pytest.mark.parametrize(
    "target, actual",
    [
        ("＝1次", "=1%"),  # units differ (line 6130)
        ("=2024年7月30日", "2024年10月28日之前"),  # cannot be placed (line 9032)
        ("有效提升", "基本完成"),  # qualitative wording in neither list
    ],
)
def test_implied_rate_unknown(target, actual):
    implied = rates_of(target, actual)
    assert implied.met is None and not implied.known


SE005_FORMULAS = [
    Formula(name="按完成比例", rate=(D(0), D(1)), score="w * r"),
    Formula(name="60%以上按比例", rate=(D(0), D(1)), score="w * max(r - 0.6, 0) / 0.4"),
    Formula(name="完成计满分", rate=(D(1), None), met=True, score="w"),
    Formula(name="超额按偏差扣分", rate=(D(1), None), score="w * max(2 - r, 0)"),
]


def _accepts(weight: str, rate: Candidate, printed: str, met: bool | None) -> bool:
    found = scores(D(weight), [rate], SE005_FORMULAS, met)
    decimals = max(len(printed.split(".")[1]) if "." in printed else 0, 1)
    return any(prints_as(D(printed), decimals, c.value) for c in found)


@pytest.mark.parametrize(
    "weight, rate, printed, met, ok",
    [
        ("10", "0.9927", "9.82", None, True),  # 执行率得分 w × (r − 60%) / 40% (line 236)
        ("19", "0.9483", "16.54", True, True),  # line 1144
        ("8", "1.1318", "6.95", True, True),  # overshoot deducted (line 1084)
        ("8", "1.1318", "8", True, True),  # or full marks when met
        ("12", "1.40", "7.2", False, True),  # cost overrun deducted (line 3953)
        ("12", "1.40", "12", False, False),  # a cost overrun may not score in full
        ("15", "0.9724", "15", False, False),  # missed target at full weight (line 4175)
        ("8", "0.9002", "6", True, True),  # 6.004 printed as 6 (line 1555)
    ],
)
def test_scores_follow_an_accepted_formula(weight, rate, printed, met, ok):
    assert _accepts(weight, Candidate("r", exact(D(rate))), printed, met) is ok


@pytest.mark.parametrize("expression", ["w ** 2", "__import__('os')", "w if r else 0", "abs(r)", "r +"])
def test_formula_refuses_anything_but_small_arithmetic(expression):
    with pytest.raises(ValidationError):
        Formula(name="x", score=expression)


def test_printed_rate_widens_the_printing_and_refuses_an_empty_cell():
    def cell(value: Decimal | None) -> Fact:
        return Fact(value=value, decimals=2, unit="%", text=str(value or ""), location=Location(file="x", line=1))

    assert printed_rate(cell(D("99.27"))).value == printed_range(D("99.27"), 2).scale(D(1) / 100)
    with pytest.raises(ValueError, match="empty cell"):
        printed_rate(cell(None))


def test_a_failing_score_shows_the_nearest_accepted_value_and_lists_each_once():
    printed = Fact(value=D("7"), decimals=0, unit="元", text="7", location=Location(file="x", line=3))
    both = Interval(D("9"), D("9"))
    candidates = [
        Candidate("远", exact(D("2"))),  # 5 away
        Candidate("比例", both),  # 2 away: the nearest
        Candidate("封顶", both),  # as near, and the same value: neither shown nor listed twice
        Candidate("满分", exact(D("10"))),
    ]
    failed = derived("R", "s", printed, candidates, [], unit="分")
    assert (failed.outcome.value, failed.expected, failed.difference) == ("fail", "9", "-2")
    assert failed.formula is not None and failed.formula.count("9.0000") == 1 and "封顶" not in failed.formula
    passed = derived("R", "s", printed, [*candidates, Candidate("印制", exact(D("7")))], [], unit="分")
    assert (passed.outcome.value, passed.expected) == ("pass", "7")


def test_a_score_no_accepted_formula_covers_is_not_checked_and_says_why():
    # SE003's formulas start at an execution rate of 0: a rate printed below it leaves no candidate
    printed = Fact(value=D("7"), decimals=0, unit="元", text="7", location=Location(file="x", line=3))
    rate = Fact(value=D("-5"), decimals=0, unit="%", text="-5", location=Location(file="x", line=3))
    formula = Formula(name="按完成比例", rate=(D(0), D(1)), score="w * r")
    candidates = scores(D("10"), [printed_rate(rate)], [formula])
    assert candidates == []
    undecided = derived("R", "s", printed, candidates, [rate], unit="分")
    assert undecided.outcome.value == "insufficient_data"
    assert undecided.detail is not None and "不在任何可接受计算的适用范围内" in undecided.detail
    assert len(undecided.locations) == 2
