"""Preconditions of a cross-table identity (equal, row_match): when it holds at all.

Some identities hold only in some documents, and the document says which: 支出总表 equals the
一般公共预算支出表 row by row only when the unit has no other money; a 财政拨款收支总表 whose
一般公共预算 spending includes the carry-over equals the 一般公共预算支出表 plus that carry-over
only when the latter says it leaves the carry-over out (its title: （不含上年结转）). A precondition
is decided from the document, never assumed:

  only_if_zero: references that must all be zero (or empty). A reference the document does not
      print gives insufficient_data -- it cannot be told whether the precondition holds -- unless
      it is `optional`: a source of money a layout may not print at all (a 收入总表 without 事业收入),
      counted as zero when the table has nothing unrecognised that could be it (no value column
      whose header named no role; for a row, no row without role or code that holds an amount).
  only_if_title / unless_title: {table, pattern}: the table's title (squeezed) must / must not
      match. A table the document does not print makes only_if_title not_applicable.

A precondition that does not hold makes the rule not_applicable, with the reason.
"""

from __future__ import annotations

import re

from pydantic import Field

from budgetlint.checks.closure import carries_amount
from budgetlint.checks.compare import by_cell
from budgetlint.checks.refs import (
    FactRef,
    Regex,
    Strict,
    Unresolved,
    resolve,
    the_table,
)
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Fact


class TitleRef(Strict):
    table: str
    pattern: Regex


class Preconditions(Strict):
    """Mixed into the Params of the kinds that take preconditions."""

    only_if_zero: list[FactRef] = Field(default_factory=list)
    only_if_title: list[TitleRef] = Field(default_factory=list)
    unless_title: list[TitleRef] = Field(default_factory=list)


def _zero_facts(ref: FactRef, disclosure: Disclosure) -> list[Fact]:
    """The facts of a reference that must be zero; [] for an optional one the layout does not print."""
    try:
        return resolve(ref, disclosure)
    except Unresolved:
        if not ref.optional:
            raise
    try:
        table = the_table(disclosure, ref.table)
    except Unresolved:
        return []  # a layout without the table has none of its money
    if ref.column not in table.columns and table.unplaced_columns:
        raise Unresolved(
            "insufficient_data", f"{table.title} 中没有 {ref.column} 列，而有未能识别的列，无法确定本规则的前提"
        )
    if not table.rows_with_role(ref.row or "") and any(
        r.role is None and r.code is None and carries_amount(r) for r in table.rows
    ):
        raise Unresolved(
            "insufficient_data", f"{table.title} 中没有 {ref.row} 行，而有未能识别的行，无法确定本规则的前提"
        )
    return []


def unmet(p: Preconditions, disclosure: Disclosure) -> tuple[str, str] | None:
    """None when the rule applies; otherwise (outcome, why not)."""
    for wanted, t in [(True, t) for t in p.only_if_title] + [(False, t) for t in p.unless_title]:
        tables = disclosure.tables_of(t.table)
        if not tables:
            if wanted:
                return "not_applicable", f"文件中没有 {t.table} 表，本规则的前提无从谈起"
            continue
        if bool(re.search(t.pattern, squeeze(tables[0].title))) != wanted:
            verb = "未注明" if wanted else "注明了"
            return "not_applicable", f"{tables[0].title} 的标题{verb}“{t.pattern}”，本规则的前提不成立"
    for ref in p.only_if_zero:
        try:
            facts = _zero_facts(ref, disclosure)
        except Unresolved as u:
            return u.outcome, u.reason
        if any(f.amount != 0 or not f.parsed for f in facts):
            return "not_applicable", f"{by_cell(facts[0])} 不为零，本规则的前提不成立"
    return None
