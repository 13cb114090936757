"""nested_sum: a list whose levels are not marked: total row = Σ units, each unit = Σ its items.

项目支出预算表 prints a department row, then either the projects (one level) or, per unit, a unit
row followed by its projects (two levels), with nothing but the amounts to tell unit rows from
projects. The structure is read from the `key` column: one level when the rows after the total
add up to it; two levels when they split, in order, into runs `unit, items…` with unit = Σ items
and Σ units = total. Every column is then checked against that structure. When neither reading
fits, the total is reported against the sum of all rows below it, naming every row.

Params:
  table:   table kind
  total:   role of the table's own total row (default: total)
  key:     column used to read the structure (default: total)
  columns: columns to check (default: every value column)

    check: {kind: nested_sum, table: project_current}
"""

from __future__ import annotations

from dataclasses import replace

from budgetlint.checks.compare import balance, by_row, head_vs_items, not_decided
from budgetlint.checks.refs import Strict, Unresolved, data_table, require_columns, the_row
from budgetlint.model import Disclosure, Evaluation, TableRow
from budgetlint.numbers import ZERO, Interval


class Params(Strict):
    table: str
    total: str = "total"
    key: str = "total"
    columns: list[str] | None = None


def _interval(row: TableRow, key: str) -> Interval:
    fact = row.cells.get(key)
    return fact.interval if fact is not None else ZERO


def partition(rows: list[TableRow], key: str) -> list[tuple[TableRow, list[TableRow]]] | None:
    """Split rows into (unit, items) runs where each unit equals the sum of its items; None if impossible."""
    out: list[tuple[TableRow, list[TableRow]]] = []
    i = 0
    while i < len(rows):
        head, target, acc, items = rows[i], _interval(rows[i], key), ZERO, []
        j = i + 1
        while j < len(rows):
            acc = acc + _interval(rows[j], key)
            items.append(rows[j])
            j += 1
            if acc.overlaps(target):
                break
            if acc.low > target.high:
                return None
        if not items or not acc.overlaps(target):
            return None
        # projects printed without an amount belong to the unit above: a unit row is never empty
        while j < len(rows) and _interval(rows[j], key) == ZERO:
            items.append(rows[j])
            j += 1
        out.append((head, items))
        i = j
    return out


def structure(total: TableRow, rest: list[TableRow], key: str) -> list[tuple[TableRow, list[TableRow]]] | None:
    target = _interval(total, key)
    single = ZERO
    for row in rest:
        single = single + _interval(row, key)
    if single.overlaps(target):
        return [(total, rest)]
    groups = partition(rest, key)
    if groups is None:
        return None
    heads = ZERO
    for head, _ in groups:
        heads = heads + _interval(head, key)
    return [(total, [h for h, _ in groups]), *groups] if heads.overlaps(target) else None


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    try:
        table = data_table(disclosure, p.table)
        require_columns(table, p.columns)
        total = the_row(table, p.total)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    rest = [r for r in table.rows if r.index > total.index]
    columns = p.columns or list(total.cells)
    groups = structure(total, rest, p.key)
    if groups is None:
        facts = [total.cells[p.key]] + [r.cells[p.key] for r in rest]
        result = balance(
            rule.id,
            f"{table.number} {total.printed_label} / {table.column_headers.get(p.key, p.key)}",
            facts[:1],
            facts[1:],
            name=by_row,
        )
        detail = (
            f"下列各行既不能按“合计 = Σ 项目”也不能按“合计 = Σ 单位，单位 = Σ 其项目”对上；"
            f"各行合计 {result.expected}：{result.detail}"
        )
        return [replace(result, detail=detail)]
    return [e for head, items in groups for e in head_vs_items(rule.id, table, head, items, columns)]
