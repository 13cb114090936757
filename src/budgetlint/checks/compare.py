"""Comparing printed amounts under the interval model (design.md §3), shared by every kind.

A reported value and a computed one disagree only if their rounding intervals do not overlap.
Two printings of the same quantity at the same precision must match exactly; one unit in the
last digit is reported as info (a rounding tail or a copying error).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from budgetlint.model import Evaluation, Fact, Outcome
from budgetlint.model.findings import Addend, Quantity, Severity, Side
from budgetlint.numbers import UNIT_FACTORS, ZERO, Interval, format_amount, half_unit


def _factor(fact: Fact, unit: str) -> Decimal:
    return UNIT_FACTORS[fact.unit] / UNIT_FACTORS[unit]


def value_in(fact: Fact, unit: str) -> Decimal:
    return fact.amount if fact.unit == unit else fact.amount * _factor(fact, unit)


def interval_in(fact: Fact, unit: str) -> Interval:
    return fact.interval if fact.unit == unit else fact.interval.scale(_factor(fact, unit))


def _decimals(facts: list[Fact]) -> int:
    return max([f.decimals for f in facts if f.value is not None] or [2])


def _show(value: Decimal, decimals: int) -> str:
    return format_amount(value, decimals)


def addends(facts: list[Fact], name: Callable[[Fact], str]) -> str:
    """'205 教育支出 11729.29 + 208 … 1029.20' (empty cells left out)."""
    shown = [f"{name(f)} {f.text}" for f in facts if f.value is not None]
    return " + ".join(shown) if shown else "、".join(name(f) for f in facts) + " 为空（按 0 计）"


def unparsed(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if not f.parsed]


def _involved(computed: list[Fact]) -> list[Fact]:
    """The computed side's printed cells (its empty cells only when all of it is empty, since then
    the blank itself is what disagrees)."""
    return [f for f in computed if f.value is not None] or list(computed)


def locations(reported: list[Fact], computed: Sequence[Fact] = ()) -> tuple:
    """Every number involved: the reported cells, then the computed side's (see _involved)."""
    return tuple(f.location for f in [*reported, *_involved(list(computed))])


def addend_list(reported: list[Fact], computed: list[Fact], name: Callable[[Fact], str]) -> tuple[Addend, ...]:
    """The same numbers as `locations`, each with its side, name, printed text and value."""

    def one(fact: Fact, side: Side) -> Addend:
        return Addend(
            side=side,
            name=name(fact),
            printed=fact.text,
            value=str(fact.value) if fact.value is not None else None,
            unit=fact.unit,
            location=fact.location,
        )

    return tuple([one(f, "reported") for f in reported] + [one(f, "computed") for f in _involved(list(computed))])


def quantity(printed: str, value: Decimal, interval: Interval, unit: str) -> Quantity:
    return Quantity(printed=printed, value=str(value), low=str(interval.low), high=str(interval.high), unit=unit)


def _side(facts: Sequence[Fact], unit: str, *, may_truncate: bool = False) -> tuple[Decimal, Interval]:
    """(Σ value_in(f, unit), Σ interval_in(f, unit)) in one pass over a side, each sum taken in the
    order of the facts, without an Interval per fact already in `unit` (balance runs over a
    thousand times per document). may_truncate: see stated_interval."""
    total = low = high = Decimal(0)
    for f in facts:
        value = f.value
        if f.unit != unit:
            factor = _factor(f, unit)
            total += f.amount * factor
            scaled = f.interval.scale(factor)
            low += scaled.low
            high += scaled.high
        elif value is None:
            total += ZERO.low
            low += ZERO.low
            high += ZERO.high
        else:
            total += value
            half = half_unit(f.decimals)
            low += value - half
            high += value + half
    if may_truncate:
        high += sum(f.half_ulp_in(unit) for f in facts)
    return total, Interval(low, high)


def stated_interval(facts: Sequence[Fact], unit: str, *, may_truncate: bool = False) -> Interval:
    """What printed values add up to, in `unit`: their rounding intervals summed; a value that may be
    a truncated conversion (元 cut to 万元) stands for [v − ½·10⁻ᵈ, v + 10⁻ᵈ)."""
    return _side(facts, unit, may_truncate=may_truncate)[1]


def balance(
    rule: str,
    subject: str,
    reported: list[Fact],
    computed: list[Fact],
    *,
    name: Callable[[Fact], str],
    relation: str = "=",
    floor: Decimal = Decimal(0),
    reported_may_truncate: bool = False,
) -> Evaluation:
    """Reported (Σ) vs computed (Σ): pass, fail or insufficient_data, with every addend shown.

    Only a failure shows its numbers: expected, actual and difference, the addends in words
    (`detail`), both sides and every addend. A pass carries its subject, unit, locations and values
    and is only counted (the summary; report/part_map places it by its first location): findings,
    the reporters and the JSON contract read those fields of failures (and `detail` of undecided
    checks) only. balance runs over a thousand times per document, mostly passing.

    relation "=": equal within rounding (exact for one printing vs one printing at the same
    precision); "<=": the reported side may not exceed the computed side (containment).
    reported_may_truncate: the reported value is a conversion that documents also truncate
    (元 cut to 万元), so it stands for [v − ½·10⁻ᵈ, v + 10⁻ᵈ) rather than the rounding interval.
    """
    facts = reported + computed
    first = reported[0]
    bad = unparsed(facts)
    if bad:
        return Evaluation(
            rule=rule,
            outcome=Outcome.INSUFFICIENT_DATA,
            subject=subject,
            detail="单元格不是数字：" + "、".join(f"“{f.text}”" for f in bad),
            locations=tuple(f.location for f in bad),
        )
    unit = first.unit
    second = computed[0] if len(computed) == 1 else None
    # one printing against one at the same precision must match exactly: no sums, no intervals
    exact = (
        relation != "<="
        and len(reported) == 1
        and second is not None
        and first.unit == second.unit
        and first.value is not None
        and second.value is not None
        and first.decimals == second.decimals
    )

    def measure() -> tuple[tuple[Decimal, Interval], tuple[Decimal, Interval]]:
        """Both sides summed, (Σ, interval) each: taken once, and only when needed."""
        return _side(reported, unit, may_truncate=reported_may_truncate), _side(computed, unit)

    measured = None
    if exact:
        gap = first.amount - computed[0].amount
        ok = not gap or abs(gap) <= floor
    else:
        measured = measure()
        left, right = measured[0][1], measured[1][1]
        # "<=": the reported side may not exceed the computed side; otherwise the intervals overlap
        ok = left.low <= right.high + floor if relation == "<=" else left.overlaps(right, floor)
    loc = first.location
    involved = locations(reported, computed)
    values = {"table": loc.table or "", "row": loc.row or "", "column": loc.column or ""}
    if ok:  # a pass is only counted: no values shown, no addends in words (see the docstring)
        return Evaluation(
            rule=rule, outcome=Outcome.PASS, subject=subject, unit=unit, locations=involved, values=values
        )
    (actual, left), (expected, right) = measured or measure()
    severity: Severity | None = None
    if exact and abs(actual - expected) == Decimal(1).scaleb(-first.decimals):
        severity = "info"
    decimals = _decimals(facts)
    formula = None
    # rounding of several printed addends was allowed for
    if relation == "=" and sum(1 for f in computed if f.value is not None) > 1:
        formula = f"按四舍五入区间：报告值 {left}，计算值 {right}，不重叠"
    shown_actual = first.text if len(reported) == 1 and first.value is not None else _show(actual, decimals)
    return Evaluation(
        rule=rule,
        outcome=Outcome.FAIL,
        subject=subject,
        expected=_show(expected, decimals),
        actual=_show(actual, decimals),
        difference=_show(actual - expected, decimals),
        unit=unit,
        detail=addends(computed, name),
        formula=formula,
        severity=severity,
        locations=involved,
        values=values,
        reported=quantity(shown_actual, actual, left, unit),
        computed=quantity(_show(expected, decimals), expected, right, unit),
        addends=addend_list(reported, computed, name),
    )


def head_vs_items(rule: str, table, head, items, columns) -> list[Evaluation]:
    """Per column: the head row's cell against the sum of the item rows' cells (empty columns skipped)."""
    out = []
    for column in columns:
        if column not in head.cells:
            continue
        facts = [head.cells[column]] + [r.cells[column] for r in items if column in r.cells]
        if all(f.value is None and f.parsed for f in facts):
            continue
        subject = f"{table.number} {head.printed_label} / {table.column_headers.get(column, column)}"
        out.append(balance(rule, subject, facts[:1], facts[1:], name=by_row))
    return out


def by_cell(fact: Fact) -> str:
    """A fact named by where it stands: 表「行」列."""
    loc = fact.location
    return f"{loc.table}「{loc.row}」{loc.column or ''}"


def compare_sides(
    rule: str, left: list[Fact], right: list[Fact], *, relation: str = "=", missing: str
) -> Evaluation | None:
    """Named cells (summed) on each side; None when every cell is empty, as there is nothing to compare.

    An empty right side means the reference found no cell: insufficient_data, saying `missing`."""
    if not right:
        return not_decided(rule, "insufficient_data", missing)
    if all(f.value is None and f.parsed for f in left + right):
        return None
    return balance(rule, f"{by_cell(left[0])} vs {by_cell(right[0])}", left, right, name=by_cell, relation=relation)


def not_decided(rule: str, outcome: str, reason: str, subject: str = "") -> Evaluation:
    return Evaluation(rule=rule, outcome=Outcome(outcome), subject=subject, detail=reason)


def by_row(fact: Fact) -> str:
    return fact.location.row or ""


def by_column(fact: Fact) -> str:
    return fact.location.column or ""
