"""Support for the kinds that check numbers stated in prose (model/prose.py): a prose number as a
Fact, and the comparison of two numbers of one measure.

Money and percentages are compared as rounding intervals (`compare.balance`: two printings at the
same precision must match, a last-digit difference is info). Counts (人, 次, 个 …) printed without
decimals are exact: 1次 against 2次 is a difference of one whole event, never a rounding tail.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from budgetlint.checks.compare import addend_list, balance
from budgetlint.checks.performance_facts import NEUTRAL_UNIT
from budgetlint.model import Disclosure, Evaluation, Fact, Location, Outcome
from budgetlint.model.findings import Quantity
from budgetlint.model.prose import ProseCell, ProseNumber
from budgetlint.numbers import UNIT_FACTORS, format_amount

PERCENT_POINTS = "个百分点"  # the unit of a difference between two percentages
_UNIT_OF_FACTOR = {factor: unit for unit, factor in UNIT_FACTORS.items()}


def fact_unit(measure: str, factor: Decimal) -> str:
    """The Fact unit of a number of `measure` printed in a unit of `factor` (money keeps 元 / 万元)."""
    return _UNIT_OF_FACTOR.get(factor, NEUTRAL_UNIT) if measure == "money" else NEUTRAL_UNIT


def number_fact(q: ProseNumber) -> Fact:
    return Fact(
        value=q.value, decimals=q.decimals, unit=fact_unit(q.measure, q.factor), text=q.span.text, location=q.location
    )


def value_fact(value: Decimal, decimals: int, factor: Decimal, measure: str, text: str, location: Location) -> Fact:
    """A table value given in base units (元, or the count itself), as printed in its unit of `factor`."""
    return Fact(value=value / factor, decimals=decimals, unit=fact_unit(measure, factor), text=text, location=location)


def quote(q: ProseNumber) -> str:
    """The words and the number as printed: 学生证书获取率达到96.3%."""
    return f"{q.lead.strip()}{q.span.text}"


def shown_unit(q: ProseNumber) -> str:
    return q.unit + ("/" + "/".join(q.per) if q.per else "")


def compare(
    rule: str,
    subject: str,
    stated: Fact,
    computed: list[Fact],
    *,
    measure: str,
    name,
    values: dict[str, str],
    keys: tuple[str, ...],
    floor: Decimal = Decimal(0),
) -> Evaluation:
    """A prose number (`stated`) against what it should be (`computed`, summed): pass or fail.

    Counts printed without decimals compare exactly (see the module docstring); `floor` widens both
    sides (approximate numbers)."""
    exact = measure not in ("money", "percent") and not floor and all(f.decimals == 0 for f in (stated, *computed))
    if exact:
        expected = sum((f.amount for f in computed), Decimal(0))
        ok = stated.amount == expected
        shown: dict[str, Any] = {"expected": format_amount(expected, 0), "actual": format_amount(stated.amount, 0)}
        result = Evaluation(
            rule=rule,
            outcome=Outcome.PASS if ok else Outcome.FAIL,
            subject=subject,
            **shown,
            difference=format_amount(stated.amount - expected, 0),
            detail=" + ".join(f"{name(f)} {f.text}" for f in computed),
            locations=tuple(f.location for f in (stated, *computed)),
            **({} if ok else sides([stated], computed, unit=measure, name=name, **shown)),
        )
    else:
        result = balance(rule, subject, [stated], computed, name=name, floor=floor)
    update: dict = {"values": {**result.values, **values}, "claims": keys}
    if measure != "money":
        update["unit"] = PERCENT_POINTS if measure == "percent" else measure
    return replace(result, **update)


def sides(
    stated: list[Fact], other: list[Fact], *, actual: str | None, expected: str | None, unit: str | None, name
) -> dict:
    """The structured sides of a failing evaluation (model/findings.py): what the document states, what
    it should be, and every number involved with its side."""
    return {
        "reported": Quantity(printed=actual, unit=unit) if actual is not None else None,
        "computed": Quantity(printed=expected, unit=unit) if expected is not None else None,
        "addends": addend_list(stated, other, name),
    }


def cell_of(disclosure: Disclosure, q: ProseNumber) -> ProseCell | None:
    return disclosure.prose_cells[q.cell] if q.cell is not None else None
