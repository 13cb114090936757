"""self_eval_funding_sum: in the 资金 part of each 绩效自评表, 年度资金总额 (合计) = Σ source rows,
in each amount column.

Params:
  total:   key of the total row (default total: 年度资金总额 / 合计)
  addends: alternatives, each a list of row keys that add up to the total (e.g. [[fiscal,
           carryover, other], [superior, local, other]]); the alternative that covers most of the
           printed rows is used
  columns: the amount columns (default initial_budget, full_year_budget, executed)

Amounts are compared as rounding intervals (balance). A funding row whose label the reader does
not know is insufficient_data (it cannot tell whether the row is a source). not_applicable when
the document has no 绩效自评表, or none prints a total row and a source row.

    check: {kind: self_eval_funding_sum, addends: [[fiscal, carryover, other], [superior, local, other]]}
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from budgetlint.checks.compare import balance, by_row, not_decided
from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import each_table, funding_cell, funding_header, table_name
from budgetlint.model import Disclosure, Evaluation

AmountColumn = Literal["initial_budget", "full_year_budget", "executed"]


class Params(Strict):
    total: str = "total"
    addends: list[list[str]] = Field(min_length=1)
    columns: list[AmountColumn] = ["initial_budget", "full_year_budget", "executed"]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params

    def check(evaluation) -> list[Evaluation]:
        name = table_name(evaluation)
        totals = [r for r in evaluation.funding if r.key == p.total]
        others = [r for r in evaluation.funding if r.key != p.total]
        if not totals or not others:
            return []
        unknown = [r.label for r in others if r.key is None]
        if unknown:
            return [not_decided(rule.id, "insufficient_data", "无法识别的资金行：" + "、".join(unknown), name)]
        keys = {r.key for r in others}
        addends = max(p.addends, key=lambda alt: len(keys & set(alt)))
        rows = [r for r in others if r.key in addends]
        out = []
        for column in p.columns if rows else []:
            total = funding_cell(disclosure, evaluation, totals[0], column)
            facts = [funding_cell(disclosure, evaluation, r, column) for r in rows]
            if all(f.value is None and f.parsed for f in [total, *facts]):
                continue
            out.append(balance(rule.id, f"{name} {funding_header(evaluation, column)}", [total], facts, name=by_row))
        return out

    return each_table(rule, disclosure, check)
