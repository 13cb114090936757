"""group_sum: each group row equals the sum of the rows printed under it, up to the next group.

Used where groups are known by their look, not by code: the 经济科目 table's 工资福利支出 /
商品和服务支出 / … rows (their 政府经济分类 cell is empty) and the items listed under each.

Params:
  table:   table kind
  group:   role of the group rows
  exclude: roles never counted as items (default: [total])
  columns: column roles to check (default: every value column)

not_applicable for a missing or empty table.

    check: {kind: group_sum, table: basic_expenditure_economic, group: economic_group}
"""

from __future__ import annotations

from budgetlint.checks.compare import head_vs_items, not_decided
from budgetlint.checks.refs import Strict, Unresolved, data_table, require_columns
from budgetlint.model import Disclosure, Evaluation, TableRow


class Params(Strict):
    table: str
    group: str
    exclude: list[str] = ["total"]
    columns: list[str] | None = None


def groups(rows: tuple[TableRow, ...], group: str, exclude: list[str]) -> list[tuple[TableRow, list[TableRow]]]:
    out: list[tuple[TableRow, list[TableRow]]] = []
    for row in rows:
        if row.role == group:
            out.append((row, []))
        elif out and row.role not in exclude:
            out[-1][1].append(row)
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    try:
        table = data_table(disclosure, p.table)
        require_columns(table, p.columns)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    out = []
    for head, items in groups(table.rows, p.group, p.exclude):
        out += head_vs_items(rule.id, table, head, items, p.columns or list(head.cells))
    if not out:
        return [not_decided(rule.id, "insufficient_data", f"{table.title} 中没有可识别的分组行")]
    return out
