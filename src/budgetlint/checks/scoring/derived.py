"""Evaluations of derived values: a printed rate or score against every value its inputs allow."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from budgetlint.checks.scoring.formulas import ONE, ZERO, Candidate
from budgetlint.model import Evaluation, Fact, Outcome
from budgetlint.numbers import INFINITY, Interval, format_amount, prints_as


def _shown(value: Interval, decimals: int) -> str:
    point = value.low if value.high == INFINITY else value.mid
    return format_amount(point, decimals)


def _plain(value: Interval) -> str:
    return _plain_text(value.low, value.high, value.low.is_signed(), value.high.is_signed())


@lru_cache(maxsize=4096)
def _plain_text(low: Decimal, high: Decimal, low_signed: bool, high_signed: bool) -> str:
    """An interval as a finding lists it among the accepted values. Kept per value: a document's
    hundreds of indicators are scored to a few hundred distinct values, each printed once. Keyed by
    value and sign: Decimals equal in value print alike here (quantized to four decimals) whatever
    their exponent; only a negative zero prints otherwise."""
    if high == INFINITY:
        return f"≥{format_amount(low, 4)}"
    if low == high:
        return format_amount(low, 4)
    return f"[{format_amount(low, 4)}, {format_amount(high, 4)}]"


def _nearest(shown: list[Candidate], point: Decimal) -> Interval:
    """The first candidate value nearest `point` (as min() by distance picks it), in one loop: a
    document's indicators ask it of some 20,000 candidates."""
    if not shown:  # derived() decides before it asks
        raise ValueError("no candidate to be nearest")
    best: Decimal | None = None
    nearest = shown[0].value
    for c in shown:
        value = c.value
        if point < value.low:
            distance = value.low - point
        elif point > value.high:
            distance = point - value.high
        else:
            distance = ZERO
        if best is None or distance < best:
            best, nearest = distance, value
    return nearest


def _tried(shown: list[Candidate]) -> str:
    """Every accepted value, each once, as a finding's formula line lists them."""
    seen: set[tuple[Decimal, Decimal]] = set()
    distinct = []
    for c in shown:  # ratio and capped coincide below 100%: show each value once
        if (c.value.low, c.value.high) not in seen:
            seen.add((c.value.low, c.value.high))
            distinct.append(c)
    tried = "；".join(f"{c.how} = {_plain(c.value)}" for c in distinct)
    return "可接受的计算：" + tried + "（允许四舍五入或截尾）"


def derived(
    rule: str,
    subject: str,
    printed: Fact,
    candidates: list[Candidate],
    inputs: list[Fact],
    *,
    unit: str,
    scale: Decimal = ONE,
    note: str = "",
    min_decimals: int = 0,
) -> Evaluation:
    """A printed derived value (a rate in %, a score) against the values its inputs allow.

    `candidates` are in the inputs' terms (rates as fractions); `scale` turns them into the printed
    terms (100 for a percentage). Pass when any candidate prints as the printed value, read to at
    least `min_decimals` decimals (scores print whole numbers as 15, not 15.0: a 15 printed for
    14.59 is not a rounding). The expected value shown is the candidate nearest the printed one.
    Only a failure lists the accepted values (`formula`): a pass is only counted, and thousands
    pass per document.
    """
    locations = tuple(f.location for f in [printed, *inputs])
    loc = printed.location
    values = {"table": loc.table or "", "row": loc.row or "", "column": loc.column or ""}
    if not printed.parsed or printed.value is None:
        return Evaluation(
            rule=rule,
            outcome=Outcome.INSUFFICIENT_DATA,
            subject=subject,
            locations=locations,
            detail=f"单元格不是数字：“{printed.text}”",
            values=values,
        )
    if not candidates:  # no accepted formula covers the inputs (an execution rate below 0): nothing to compare with
        return Evaluation(
            rule=rule,
            outcome=Outcome.INSUFFICIENT_DATA,
            subject=subject,
            locations=locations,
            detail="输入的数值不在任何可接受计算的适用范围内，无法核对",
            values=values,
        )
    shown_value = printed.value
    # a score is printed in the candidates' own terms: every value it is compared with or shown as
    # is taken by value (compared, quantized), so the intervals need no copy times one
    shown = candidates if scale == ONE else [Candidate(c.how, c.value.scale(scale)) for c in candidates]
    decimals = max(printed.decimals, min_decimals)
    ok = any(prints_as(shown_value, decimals, c.value) for c in shown)
    nearest = _nearest(shown, shown_value)
    expected = _shown(nearest, decimals)
    difference = format_amount(shown_value - Decimal(expected), decimals)
    return Evaluation(
        rule=rule,
        outcome=Outcome.PASS if ok else Outcome.FAIL,
        subject=subject,
        expected=expected,
        actual=format_amount(shown_value, printed.decimals),
        difference=difference,
        unit=unit,
        detail=note + "。" if note else None,
        formula=None if ok else _tried(shown),
        locations=locations,
        values=values,
    )
