"""equal: named cells (or sums of cells) agree, inside a table or across tables.

Params:
  pairs: list of {left, right, relation}; left/right are one reference or a list of references
         that are added up; a reference is {table, row (role), column (role), sum_rows}.
         relation "=" (default) or "<=" (containment: left may not exceed right).
  only_if_zero, only_if_title, unless_title: when the identity holds at all (checks/preconditions.py;
         e.g. 支出总表 = 一般公共预算表 only when the unit has no other money).

One printing against one printing at the same precision must match exactly (a last-digit
difference is reported as info); sums are compared as rounding intervals.

    check:
      kind: equal
      pairs:
        - left: {table: budget_summary, row: current_year_revenue_total, column: amount}
          right: {table: revenue_summary, row: total, column: total}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import compare_sides, not_decided
from budgetlint.checks.preconditions import Preconditions, unmet
from budgetlint.checks.refs import FactRef, Strict, Unresolved, resolve
from budgetlint.model import Disclosure, Evaluation, Fact


class Pair(Strict):
    left: FactRef | list[FactRef]
    right: FactRef | list[FactRef]
    relation: Literal["=", "<="] = "="


class Params(Preconditions):
    pairs: list[Pair]


def _refs(side: FactRef | list[FactRef]) -> list[FactRef]:
    return side if isinstance(side, list) else [side]


def _facts(refs: list[FactRef], disclosure: Disclosure) -> list[Fact]:
    return [f for ref in refs for f in resolve(ref, disclosure)]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    blocked = unmet(p, disclosure)
    if blocked:
        return [not_decided(rule.id, *blocked)]
    out = []
    for pair in p.pairs:
        try:
            left = _facts(_refs(pair.left), disclosure)
            right = _facts(_refs(pair.right), disclosure)
        except Unresolved as u:
            out.append(not_decided(rule.id, u.outcome, u.reason))
            continue
        if not left:  # sum_rows over rows that are not printed: nothing to compare
            continue
        result = compare_sides(rule.id, left, right, relation=pair.relation, missing="引用的行不存在")
        if result is not None:
            out.append(result)
    if not out:
        return [not_decided(rule.id, "not_applicable", "所比较的单元格均为空")]
    return out
