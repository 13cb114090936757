"""row_match: every row of one table agrees with the row of another table for the same subject.

Rows are matched by 科目编码 (`match: code`) or, for a table that names 功能分类 类 without codes
(收支总表), by the 类 name against the 3-digit rows of the other table (`match: class_name`).

Params:
  left:  {table, columns: [..], side, roles}      the rows that are walked (side/roles optional)
  right: {table, columns: [..]}                   the rows they are matched with
         the sum of the left columns is compared with the sum of the right columns
  match: code | class_name
  only_if_zero, only_if_title, unless_title: as in `equal` (checks/preconditions.py)

A left row with amounts and no matching right row is a fail (the other table lacks it). A code
printed twice with different values gives insufficient_data for that code.

    check:
      kind: row_match
      match: code
      left: {table: expenditure_summary, columns: [total]}
      right: {table: revenue_summary, columns: [total, carryover]}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import balance, by_cell, locations, not_decided
from budgetlint.checks.preconditions import Preconditions, unmet
from budgetlint.checks.refs import Strict, Unresolved, has_data, require_columns, the_table
from budgetlint.model import Disclosure, Evaluation, Outcome, TableRow

# Looks over the whole document for what it compares (unread.py):
# a row's counterpart in the other table may be on a page that was not read
READS_WHOLE_DOCUMENT = True


class Side(Strict):
    table: str
    columns: list[str]
    side: str | None = None
    roles: list[str] | None = None  # only rows with these roles (left side)
    optional: list[str] = []  # columns a layout may not print (refs.require_columns)


class Params(Preconditions):
    left: Side
    right: Side
    match: Literal["code", "class_name"] = "code"


def _right_key(row: TableRow, match: str) -> str | None:
    if match == "code":
        return row.code
    return row.label if row.code and len(row.code) == 3 else None


def _left_key(row: TableRow, match: str) -> str | None:
    if match == "code":
        return row.code
    return row.label


def _index(rows, match: str) -> dict[str, list[TableRow]]:
    out: dict[str, list[TableRow]] = {}
    for row in rows:
        key = _right_key(row, match)
        if key:
            out.setdefault(key, []).append(row)
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    blocked = unmet(p, disclosure)
    if blocked:
        return [not_decided(rule.id, *blocked)]
    try:
        left_table = the_table(disclosure, p.left.table)
        right_table = the_table(disclosure, p.right.table)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    if not has_data(left_table):
        return [not_decided(rule.id, "not_applicable", f"{left_table.title} 无数据")]
    try:
        require_columns(left_table, p.left.columns, p.left.optional)
        require_columns(right_table, p.right.columns, p.right.optional)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    right_rows = _index(right_table.rows, p.match)
    out = []
    for row in left_table.rows:
        if (p.left.side and row.side != p.left.side) or (p.left.roles and row.role not in p.left.roles):
            continue
        key = _left_key(row, p.match)
        if not key:
            continue
        left = [row.cells[c] for c in p.left.columns if c in row.cells]
        if not left or all(f.value is None and f.parsed for f in left):
            continue
        subject = f"{left_table.number} {row.printed_label}"
        matches = right_rows.get(key, [])
        if not matches:
            if all(f.amount == 0 for f in left):
                continue
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.FAIL,
                    subject=subject,
                    actual=left[0].text,
                    expected="无对应行",
                    unit=left[0].unit,
                    detail=f"{right_table.title} 中没有“{row.printed_label}”对应的行",
                    locations=locations(left),
                    values={
                        "table": left_table.title,
                        "row": row.printed_label,
                        "column": left[0].location.column or "",
                    },
                )
            )
            continue
        if len({tuple(f.text for f in r.cells.values()) for r in matches}) > 1:
            out.append(
                not_decided(
                    rule.id, "insufficient_data", f"{right_table.title} 中“{key}”出现多次且数值不同，不予猜测", subject
                )
            )
            continue
        right = [matches[0].cells[c] for c in p.right.columns if c in matches[0].cells]
        out.append(balance(rule.id, subject, left, right, name=by_cell))
    return out
