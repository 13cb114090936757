"""code_hierarchy: 类 = Σ 款, 款 = Σ 项 (by 科目编码 prefix), and the total row = Σ 类.

Params:
  table:   table kind
  columns: column roles to check (default: every value column)
  total:   role of the total row that must equal the sum of the 类 rows (null: not checked)

A parent is checked only when at least one child is printed. A code printed twice with different
values gives insufficient_data for that parent. not_applicable for a missing or empty table.

    check: {kind: code_hierarchy, table: revenue_summary, total: total}
"""

from __future__ import annotations

from budgetlint.checks.compare import head_vs_items, not_decided
from budgetlint.checks.refs import Strict, Unresolved, data_table, require_columns, rows_by_code, the_row
from budgetlint.model import Disclosure, Evaluation, TableRow


class Params(Strict):
    table: str
    columns: list[str] | None = None
    total: str | None = "total"


def _children(code: str | None, by_code: dict[str, list[TableRow]]) -> list[str]:
    """Codes one level below `code` (None: the 类 codes)."""
    if code is None:
        return [c for c in by_code if len(c) == 3]
    return [c for c in by_code if len(c) == len(code) + 2 and c.startswith(code)]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    try:
        table = data_table(disclosure, p.table)
        require_columns(table, p.columns)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    by_code = rows_by_code(table)
    columns = p.columns or list(table.columns)
    parents: list[tuple[str | None, list[TableRow]]] = []
    if p.total:
        try:
            parents.append((None, [the_row(table, p.total)]))
        except Unresolved as u:
            return [not_decided(rule.id, u.outcome, u.reason)]
    parents += [(code, rows) for code, rows in by_code.items() if len(code) < 7]
    out = []
    for code, rows in parents:
        children = _children(code, by_code)
        if not children:
            continue
        subject_rows = [rows] + [by_code[c] for c in children]
        if any(len({tuple(f.text for f in r.cells.values()) for r in group}) > 1 for group in subject_rows):
            out.append(
                not_decided(
                    rule.id, "insufficient_data", f"编码 {code or '合计'} 或其下级编码出现多次且数值不同，不予猜测"
                )
            )
            continue
        out += head_vs_items(rule.id, table, rows[0], [by_code[c][0] for c in children], columns)
    return out
