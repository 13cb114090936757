"""Finding the facts a rule names: a table kind, a row role (or 科目编码) and a column role.

A reference never guesses: a missing table makes the check not applicable, a missing row or two
rows with the same role and different values make it insufficient_data. A row or column the
table's layout does not have at all (the template's table file names no such role: a Shanghai
财务收支预算总表 has no 本年收入合计 row) makes it not applicable -- the identity is not one of
this layout's; one the layout has but this document does not show, or one missing from a table
whose columns were read from its header (its layout is not known), is insufficient_data.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from budgetlint.model import Disclosure, Fact, Table, TableRow
from budgetlint.patterns import Regex

__all__ = ["Regex"]  # rule parameters that are regular expressions (checked when the rule loads)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use


class FactRef(Strict):
    """One cell: `table` (kind), `row` (role), `column` (role). `sum_rows`: add up every row with the role.
    `optional`: in a precondition, a cell a layout may not print at all (checks/preconditions.py)."""

    table: str
    row: str | None = None
    column: str
    sum_rows: bool = False
    optional: bool = False


class Unresolved(Exception):
    """A reference that cannot be followed; carries the outcome it implies and why."""

    def __init__(self, outcome: str, reason: str) -> None:
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason


def the_table(disclosure: Disclosure, kind: str) -> Table:
    tables = disclosure.tables_of(kind)
    if not tables:
        raise Unresolved("not_applicable", f"文件中没有 {kind} 表")
    if len(tables) > 1:
        raise Unresolved("insufficient_data", f"{kind} 表出现 {len(tables)} 次，无法确定用哪一张")
    return tables[0]


def missing(table: Table, roles: list[str], what: str) -> Unresolved:
    """Why `roles` (rows or columns: `what` 行 or 列) cannot be read. not_applicable when the table
    does not print them at all: its layout (a template's table file) has none of them, or -- rows
    of a table read by its header -- every row holding an amount is one recognition placed (has a
    role or a 科目编码), so none of them is one of these; insufficient_data otherwise."""
    if what == "行":
        placed = table.layout_rows is None and all(
            r.role or r.code for r in table.rows if any(f.value or not f.parsed for f in r.cells.values())
        )
        absent = placed or (table.layout_rows is not None and not set(roles) & set(table.layout_rows))
    else:
        absent = table.layout_rows is not None and not set(roles) & set(table.columns)
    if absent:
        return Unresolved("not_applicable", f"{table.title} 的表式不列 {'、'.join(roles)} {what}")
    return Unresolved("insufficient_data", f"{table.title} 中找不到 {'、'.join(roles)} {what}")


def the_row(table: Table, role: str) -> TableRow:
    rows = table.rows_with_role(role)
    if not rows:
        raise missing(table, [role], "行")
    distinct = {tuple(sorted((k, f.text) for k, f in r.cells.items())) for r in rows}
    if len(distinct) > 1:
        lines = "、".join(str(r.line) for r in rows)
        raise Unresolved(
            "insufficient_data", f"{table.title} 中 {role} 行出现多次且数值不同（第 {lines} 行），不予猜测"
        )
    return rows[0]


def the_cell(row: TableRow, column: str, table: Table) -> Fact:
    fact = row.fact(column)
    if fact is None:
        raise missing(table, [column], "列")
    return fact


def require_columns(table: Table, columns: list[str] | None, optional: list[str] | None = None) -> None:
    """Every named column is one the table prints: a column the document lacks is insufficient_data,
    never counted as zero (a province may print fewer columns than the rule reads).

    `optional` columns are ones a layout may leave out by design (a budget's 收入总表 has no 上级补助收入
    column): absent, they add nothing -- unless the table has a value column whose header named no
    role, which might be the one the rule needs."""
    absent = [
        c for c in columns or [] if c not in table.columns and (c not in (optional or []) or table.unplaced_columns)
    ]
    if absent:
        raise missing(table, absent, "列")


def resolve(ref: FactRef, disclosure: Disclosure) -> list[Fact]:
    """The facts a reference stands for (several only with sum_rows)."""
    table = the_table(disclosure, ref.table)
    if ref.row is None:
        raise Unresolved("error", "引用缺少 row")
    if ref.sum_rows:
        rows = table.rows_with_role(ref.row)
        return [the_cell(r, ref.column, table) for r in rows]
    return [the_cell(the_row(table, ref.row), ref.column, table)]


def data_table(disclosure: Disclosure, kind: str) -> Table:
    """The one table of this kind, holding at least one number; Unresolved otherwise."""
    table = the_table(disclosure, kind)
    if not has_data(table):
        raise Unresolved("not_applicable", f"{table.title} 无数据")
    return table


def rows_by_code(table: Table) -> dict[str, list[TableRow]]:
    out: dict[str, list[TableRow]] = {}
    for row in table.rows:
        if row.code:
            out.setdefault(row.code, []).append(row)
    return out


def has_data(table: Table) -> bool:
    return any(f.value is not None or not f.parsed for r in table.rows for f in r.cells.values())
