"""column_sum: in each column, a total row equals the sum of item rows.

Params:
  table:   table kind
  total:   the total row's role, e.g. current_year_revenue_total
  items:   roles of the item rows (every row with one of these roles is added)
  columns: column roles to check (default: every value column of the total row)
  within:  roles of rows printed among the items that break an item down (其中 rows, 1. 2. 3. under
           一、财政拨款收入): not added, but accounted for
  bounds:  roles of rows that end what the total closes (本年收入合计 ends the rows 收入总计 closes;
           included when it is an item itself)

not_applicable when the table is missing or holds no number; insufficient_data when the total
row is missing or printed twice with different values, and when the rows it closes are not all
items or `within` (checks/closure.py: a layout with rows the rule does not name is not decided).
Columns empty all along are skipped.

    check: {kind: column_sum, table: three_public, total: vehicles, items: [vehicle_purchase, vehicle_operation]}
"""

from __future__ import annotations

from budgetlint.checks.closure import closed_items
from budgetlint.checks.compare import head_vs_items, not_decided
from budgetlint.checks.refs import Strict, Unresolved, data_table, require_columns, the_row
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    table: str
    total: str
    items: list[str]
    columns: list[str] | None = None
    within: list[str] = []
    bounds: list[str] = []


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    try:
        table = data_table(disclosure, p.table)
        total = the_row(table, p.total)
        require_columns(table, p.columns)
        items = closed_items(table, total, p.items, p.within, p.bounds, p.columns)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    return head_vs_items(rule.id, table, total, items, p.columns or list(total.cells))
