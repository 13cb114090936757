"""row_sum: inside each row, a total column equals the sum of addend columns.

Params:
  table:  table kind (template table id)
  total:  the total column role, e.g. total
  addends: the addend column roles, e.g. [basic, project]
  side:   only rows of this side of a two-sided table (default: every row)
  rows:   only rows with these roles (default: every row)
  optional: addends a layout may leave out (absent, they add nothing; see refs.require_columns)

not_applicable when the table is missing or holds no number; rows that are empty all along are
not evaluated. A cell holding text that is not a number gives insufficient_data for its row; a
column the table does not print gives insufficient_data for the rule (never a zero).

    check: {kind: row_sum, table: expenditure_summary, total: total, addends: [basic, project]}
"""

from __future__ import annotations

from budgetlint.checks.compare import balance, by_column, not_decided
from budgetlint.checks.refs import Strict, Unresolved, data_table, require_columns
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    table: str
    total: str
    addends: list[str]
    side: str | None = None
    rows: list[str] | None = None
    optional: list[str] = []  # addends a layout may not print (refs.require_columns)


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    try:
        table = data_table(disclosure, p.table)
        require_columns(table, [p.total, *p.addends], p.optional)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    out = []
    for row in table.rows:
        if (p.side and row.side != p.side) or (p.rows and row.role not in p.rows):
            continue
        if p.total not in row.cells:
            continue
        facts = [row.cells[c] for c in [p.total, *p.addends] if c in row.cells]
        if all(f.value is None and f.parsed for f in facts):
            continue
        total, addends = facts[0], facts[1:]
        out.append(balance(rule.id, f"{table.number} {row.printed_label}", [total], addends, name=by_column))
    return out
