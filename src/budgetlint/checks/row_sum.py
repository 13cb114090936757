"""row_sum: inside each row, a total column equals the sum of addend columns.

Params:
  table:  table kind (template table id)
  total:  the total column role, e.g. total
  addends: the addend column roles, e.g. [basic, project]
  side:   only rows of this side of a two-sided table (default: every row)
  rows:   only rows with these roles (default: every row)
  optional: addends a layout may leave out (absent, they add nothing; see refs.require_columns)
  besides: for a sum whose parts vary by layout (sources of income, kinds of expenditure): the value
           columns known to lie outside it (上年结转 beside 本年收入合计), possibly none ([]); given,
           a row with an amount in any other column is not decided (checks/closure.py). Left out
           (null) for a sum closed by definition (三公 = 出国 + 接待 + 公务用车).

not_applicable when the table is missing or holds no number; rows that are empty all along are
not evaluated. A cell holding text that is not a number gives insufficient_data for its row; a
column the table does not print gives insufficient_data for the rule (never a zero). With
`besides`, a row with an amount in a value column that is neither the total, an addend nor
`besides` gives insufficient_data for that row, and a value column no role was found for gives it
for the rule: the layout prints a part the rule does not name (checks/closure.py).

    check: {kind: row_sum, table: expenditure_summary, total: total, addends: [basic, project]}
"""

from __future__ import annotations

from budgetlint.checks.closure import no_unplaced_columns, outside_columns
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
    besides: list[str] | None = None  # columns outside an open sum (checks/closure.py)


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    try:
        table = data_table(disclosure, p.table)
        require_columns(table, [p.total, *p.addends], p.optional)
        if p.besides is not None:
            no_unplaced_columns(table)
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
        subject = f"{table.number} {row.printed_label}"
        outside = [] if p.besides is None else outside_columns(table, row, [p.total, *p.addends], p.besides)
        if outside:
            out.append(
                not_decided(
                    rule.id,
                    "insufficient_data",
                    f"{table.title} 的 {'、'.join(outside)} 列有金额，不在本规则所列各项中，无法核对",
                    subject,
                )
            )
            continue
        total, addends = facts[0], facts[1:]
        out.append(balance(rule.id, subject, [total], addends, name=by_column))
    return out
