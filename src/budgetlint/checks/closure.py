"""What a total closes: the rows (column_sum) or columns (row_sum) an identity adds up must be all
of them, or the identity is not decided on this layout.

A rule names roles and runs wherever recognition found them. Provinces print the national tables
with their own row and column sets, so a total may hold parts the rule does not name (a 支出总表
with a 上缴上级支出 column, a 收支总表 that lists 财政拨款收入 above its three kinds of 拨款) or parts
recognition left without a role (a row label no vocabulary knows). Adding only the named parts
would report a difference that is not in the document. So before a sum is compared, what the total
closes is walked, and whatever in it the rule does not account for stops the check -- never a
finding:

* rows (column_sum): from the total row towards its item rows (up when the items are printed above
  it, down when below), on the total's side, until a row whose role is a `bound` (included when it
  is an item itself: 本年收入合计 both closes the income items and is an item of 收入总计) or the
  side's edge. Every row walked that carries an amount must be an item, `within` (a breakdown of
  an item printed under it: 1. 2. 3. under 一、财政拨款收入) or printed under an item's 科目编码
  (30101 under 301; an uncoded line between two such rows); empty rows and rows holding only zeros
  do not matter. A row without role holding an amount gives insufficient_data (it may be an item
  recognition missed); a row with another role gives not_applicable (this layout closes the total
  over other rows, and the rule written for that layout checks it: TB003 and TB004 where the
  Shanghai TB039 does not fit). No item row, item rows beyond the bound, or items on both sides of
  the total: insufficient_data.
* columns (row_sum), for a sum whose parts vary by layout (the rule gives `besides`, the columns
  known to lie outside it: 上年结转 beside 本年收入合计): a value column of the row that is neither
  the total, an addend nor `besides` and that holds a non-zero amount makes that row
  insufficient_data (no other rule checks that row's total with its extra part); a value column
  whose header named no role makes the whole check so. A sum closed by definition (三公 = 出国 +
  接待 + 公务用车) gives no `besides`: other columns (机关运行经费 beside the 三公) do not matter.

Real printed case: the 收支总表 of the Shanxi budgets closes 本年收入合计 over 一、一般公共预算 …
五、单位资金, and 收入总计 over 本年收入合计 and 上年结转; the Shanghai 财务收支预算总表 closes 收入总计
over 一、财政拨款收入 (with 1.一般公共预算 2.政府性基金预算 3.国有资本经营预算 under it) … 四、其他收入.
TB037 (收入总计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入) walked on the Shanxi table
meets 上年结转 before any of its items: not_applicable, not a difference of 13 901.07.
"""

from __future__ import annotations

from budgetlint.checks.refs import Unresolved, missing
from budgetlint.model import Table, TableRow


def carries_amount(row: TableRow, columns: list[str] | None = None) -> bool:
    """A cell (of `columns`, default all) holding a non-zero amount or text that is not a number."""
    cells = [row.cells[c] for c in columns if c in row.cells] if columns else list(row.cells.values())
    return any(not f.parsed or (f.value is not None and f.value != 0) for f in cells)


def closed_items(
    table: Table,
    total: TableRow,
    items: list[str],
    within: list[str],
    bounds: list[str],
    columns: list[str] | None = None,
) -> list[TableRow]:
    """The item rows `total` closes (see the module docstring); Unresolved when they cannot be told."""
    rows = [r for r in table.rows if r.side == total.side]
    at = next(i for i, r in enumerate(rows) if r.index == total.index)
    positions = [i for i, r in enumerate(rows) if r.role in items and i != at]
    if not positions:
        raise missing(table, items, "行")
    if min(positions) < at < max(positions):
        raise Unresolved(
            "insufficient_data", f"{table.title} 中 {total.printed_label} 的各项印在其上下两侧，无法确定其所含各项"
        )
    step = -1 if positions[0] < at else 1
    block: list[TableRow] = []
    i = at + step
    while 0 <= i < len(rows):
        row = rows[i]
        if row.role in items or row.role not in bounds:
            block.append(row)
        if row.role in bounds:
            break
        i += step
    block.sort(key=lambda r: r.index)
    walked = [r for r in block if r.role in items]
    under = _under_items(block, [r.code for r in walked if r.code])
    for row in block:
        if row.role not in items and row.role not in within and not under[row.index] and carries_amount(row, columns):
            if row.role is None:
                raise Unresolved(
                    "insufficient_data",
                    f"{table.title}「{row.printed_label}」未能识别却有金额，"
                    f"可能是 {total.printed_label} 的一项，无法核对",
                )
            raise Unresolved(
                "not_applicable",
                f"{table.title} 中 {total.printed_label} 所合计的行另有"
                f"「{row.printed_label}」，本表式不是本规则所述的结构",
            )
    if len(walked) < len(positions):
        raise Unresolved(
            "insufficient_data",
            f"{table.title} 中有 {'、'.join(items)} 行不在 {total.printed_label} 所合计的范围内，无法核对",
        )
    return walked


def _under_items(block: list[TableRow], codes: list[str]) -> dict[int, bool]:
    """Per row (by index): printed under an item's 科目编码 -- coded below it (30101 under 301), or
    without a code between two rows that are (a wrapped or uncoded detail line: 津贴补贴 printed
    without 30102 between 30101 and 30108)."""

    def item_of(code: str | None, child: bool) -> str | None:
        return next((c for c in codes if code and code.startswith(c) and (code != c or not child)), None)

    out = {}
    for k, row in enumerate(block):
        if row.code:
            out[row.index] = item_of(row.code, child=True) is not None
            continue
        above = next((r.code for r in reversed(block[:k]) if r.code), None)
        below = next((r.code for r in block[k + 1 :] if r.code), None)
        parent = item_of(above, child=False)
        out[row.index] = parent is not None and parent == item_of(below, child=True)
    return out


def no_unplaced_columns(table: Table) -> None:
    """A value column whose header named no role might be a part of any sum in the table."""
    if table.unplaced_columns:
        raise Unresolved(
            "insufficient_data",
            f"{table.title} 的 {'、'.join(table.unplaced_columns)} 列未能识别，可能是所加各项之一，无法核对",
        )


def outside_columns(table: Table, row: TableRow, counted: list[str], besides: list[str]) -> list[str]:
    """Headers of the row's value columns that are neither counted nor known to lie outside the sum
    and hold a non-zero amount."""
    return [
        table.column_headers.get(c, c)
        for c, f in row.cells.items()
        if c not in counted and c not in besides and carries_amount(row, [c])
    ]
