"""Performance-table numbers as Facts, so `compare.balance` and the reports treat them like table cells.

recognize/performance/ reads 绩效目标表 and 绩效自评表 into records whose numbers are
`PrintedNumber`s (value, decimals, text, unit: no place, the record holding one has its line).
`to_fact` is the one converter from such a number (or an empty / unreadable cell) and the line of
its cell to a `budgetlint.model.Fact` with a full `Location`: the disclosure's file, that line,
the page of that line in the source where the reader knows it, and the table, row and column
names the finding shows.

Scores, weights and rates are not money: `points` turns them into Facts of a neutral unit so
`balance` can add them up (Σ 得分 = 总分), and `relabel` puts the real unit (分) back on the
evaluation it returns.

Many kinds read the same cells (a 绩效自评表's 权重, 完成率 and 得分 are read by indicator_score,
completion_rate, weight_total, score_total …), so each cell's Location is made once per document
and kept with that document (`_places`, checks/memo.py): the evaluations of every kind show the
one place. The Fact itself is made at each read and not kept: it costs less to make again than
to keep alive for the rest of the audit, where every full collection of the garbage collector
walks it (issue 16).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from budgetlint.checks.memo import document_memo
from budgetlint.model import Disclosure, Evaluation, Fact, Location, PageBasis

NEUTRAL_UNIT = "元"  # factor 1 in numbers.UNIT_FACTORS: dimensionless values travel as "元"


def page_of(disclosure: Disclosure, line: int | None) -> tuple[int | None, PageBasis]:
    """(page, page_basis) of a line: the page of the block or row that starts at or before it."""
    if disclosure.source is None:
        return None, "none"
    return disclosure.source.page_at(line)


def location(
    disclosure: Disclosure,
    line: int | None,
    *,
    table: str | None = None,
    row: str | None = None,
    column: str | None = None,
) -> Location:
    page, basis = page_of(disclosure, line)
    return Location(file=disclosure.path, page=page, page_basis=basis, line=line, table=table, row=row, column=column)


def _places(disclosure: Disclosure) -> dict[tuple[int | None, str, str, str | None], Location]:
    """The Locations made so far for this document (checks/memo.py), by line, table, row and column."""
    return document_memo(disclosure, "_performance_places", disclosure.source)


def to_fact(
    disclosure: Disclosure,
    number,
    *,
    table: str,
    row: str,
    column: str | None,
    line: int | None,
    text: str = "",
    unit: str | None = None,
) -> Fact:
    """A Fact for a printed number of a performance table, whose cell stands at `line`.

    `number` is a recognize.performance.PrintedNumber or None. None stands for a cell that holds no
    number: `text` is what it holds (empty, a placeholder such as "—", or unreadable text). An
    empty or placeholder cell is an exact zero; other text is a cell that is not a number
    (parsed=False), which `balance` reports as insufficient_data.
    `unit` is the amount unit (元 / 万元); the number's own unit is used when it is one of them.
    """
    places = _places(disclosure)
    key = (line, table, row, column)
    where = places.get(key)
    if where is None:
        where = places[key] = location(disclosure, line, table=table, row=row, column=column)
    return fact_at(where, number, text, unit)


def fact_at(where: Location, number, text: str, unit: str | None) -> Fact:
    """The Fact of `number` (or of a cell holding `text` and no number) at `where` (see `to_fact`)."""
    if number is not None:
        own = number.unit if number.unit in ("元", "万元", "亿元") else None
        return Fact(
            value=number.value,
            decimals=number.decimals,
            unit=own or unit or NEUTRAL_UNIT,
            text=number.text,
            location=where,
        )
    shown = text.strip()
    placeholder = not shown or shown in ("-", "—", "－", "--", "——", "/", "／", "\\")
    return Fact(value=None, decimals=0, unit=unit or NEUTRAL_UNIT, text=shown, parsed=placeholder, location=where)


def points(
    disclosure: Disclosure,
    number,
    *,
    table: str,
    row: str,
    column: str | None,
    line: int | None,
    text: str = "",
    min_decimals: int = 0,
) -> Fact:
    """A score or weight (分) as a Fact of the neutral unit (see `relabel`).

    Documents print whole scores as 20 next to 9.82: `min_decimals` reads a printed number to at
    least that many decimals (20 stands for [19.95, 20.05] with 1, not for [19.5, 20.5]).
    """
    fact = to_fact(disclosure, number, table=table, row=row, column=column, line=line, text=text, unit=NEUTRAL_UNIT)
    if fact.value is not None and fact.decimals < min_decimals:
        fact = replace(fact, decimals=min_decimals)
    return fact


def constant(
    disclosure: Disclosure, value: Decimal, *, line: int | None, table: str, row: str, column: str | None
) -> Fact:
    """A value the rule states (weights add up to 100), placed at the line it is checked against."""
    return Fact(
        value=value,
        decimals=0,
        unit=NEUTRAL_UNIT,
        text=str(value),
        location=location(disclosure, line, table=table, row=row, column=column),
    )


def relabel(evaluation: Evaluation, unit: str) -> Evaluation:
    """The evaluation of a `balance` over `points` facts, shown in the real unit (分)."""
    return replace(evaluation, unit=unit)
