"""overall_target: the 预算情况 of the 整体支出绩效目标申报表 against the tables, and within itself.

Params:
  pairs: list of {left, right, right_items, relation, if_printed, unless_printed}
    left:        one 申报表 item or a list of items that are added up; an item is
                 {side: income | expenditure, key: <normalised key>} (keys as recognize/performance
                 normalises the printed labels: total, general_budget, government_fund,
                 special_account, unit_funds, carryover, basic, project, …)
    right:       table references added up ({table, row, column, sum_rows}, as in `equal`)
    right_items: 申报表 items added up on the right side (an item not printed counts as zero)
    relation:    "=" (default) or "<=" (left may not exceed right)
    if_printed / unless_printed: an item whose printing (a non-zero amount) the pair requires or
                 excludes — the 申报表 of some units covers 上年结转 (and then agrees with 收入总计),
                 of others only the current year (and then agrees with 本年收入合计).

A pair whose left items are not printed is not evaluated. A missing table is not_applicable for
that pair; a missing or repeated row is insufficient_data. The rule is not_applicable when the
document has no 申报表, or when no pair could be evaluated.

    check:
      kind: overall_target
      pairs:
        - left: {side: income, key: general_budget}
          right: {table: revenue_summary, row: total, column: general_budget}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import compare_sides, not_decided
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.refs import FactRef, Strict, Unresolved, resolve
from budgetlint.model import Disclosure, Evaluation, Fact
from budgetlint.model.performance import OverallTargetTable


class Item(Strict):
    side: Literal["income", "expenditure"]
    key: str


class Pair(Strict):
    left: Item | list[Item]
    right: FactRef | list[FactRef] = []
    right_items: list[Item] = []
    relation: Literal["=", "<="] = "="
    if_printed: Item | None = None
    unless_printed: Item | None = None


class Params(Strict):
    pairs: list[Pair]


def _list(value) -> list:
    return value if isinstance(value, list) else [value]


def _label(text: str) -> str:
    return text.strip().rstrip(":：").strip()


def item_facts(disclosure: Disclosure, table: OverallTargetTable, item: Item) -> list[Fact]:
    return [
        to_fact(
            disclosure,
            line.amount,
            table=table.title,
            row=_label(line.label),
            column=None,
            line=line.line,
            text=line.text,
            unit=table.unit,
        )
        for line in getattr(table, item.side)
        if line.key == item.key
    ]


def printed(disclosure: Disclosure, table: OverallTargetTable, item: Item) -> bool:
    return any(f.value not in (None, 0) or not f.parsed for f in item_facts(disclosure, table, item))


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    table = disclosure.overall_target
    if table is None:
        return [not_decided(rule.id, "not_applicable", "文件中没有整体支出绩效目标申报表")]
    if table.unit is None or not (table.income or table.expenditure):
        return [not_decided(rule.id, "insufficient_data", "申报表的预算情况或其金额单位没有读到")]
    out = []
    for pair in p.pairs:
        if pair.if_printed is not None and not printed(disclosure, table, pair.if_printed):
            continue
        if pair.unless_printed is not None and printed(disclosure, table, pair.unless_printed):
            continue
        left = [f for item in _list(pair.left) for f in item_facts(disclosure, table, item)]
        if not left:
            continue
        try:
            right = [f for ref in _list(pair.right) for f in resolve(ref, disclosure)]
        except Unresolved as u:
            out.append(not_decided(rule.id, u.outcome, u.reason))
            continue
        right += [f for item in pair.right_items for f in item_facts(disclosure, table, item)]
        result = compare_sides(rule.id, left, right, relation=pair.relation, missing="比较的另一方没有读到")
        if result is not None:
            out.append(result)
    if not out:
        return [not_decided(rule.id, "not_applicable", "申报表没有印出本规则比较的项目")]
    return out
