"""weight_total: in each 绩效自评表, Σ 权重 (+ the 分值 of the 资金 rows) = weight_total, and the
总分 row's printed weight = that sum.

Params:
  weight_total:    what the weights add up to (default 100)
  include_funding: count the 资金 rows' 分值 (default true)
  score_decimals:  a printed 权重 is read to at least this many decimals (default 1: in sums a
                   printed 20 stands for [19.95, 20.05])

When the 总分 row prints a weight, it is first compared with Σ weights, and only when they agree
with weight_total. insufficient_data when an indicator's 权重 is not read. not_applicable when the
document has no 绩效自评表 or no table lists indicators.

    check: {kind: weight_total, weight_total: 100}
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.checks.compare import balance, by_row, not_decided
from budgetlint.checks.performance_facts import constant, relabel
from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import addends, each_table, table_name, total_cell
from budgetlint.model import Disclosure, Evaluation, Outcome


class Params(Strict):
    weight_total: Decimal = Decimal(100)
    include_funding: bool = True
    score_decimals: int = 1


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params

    def check(evaluation) -> list[Evaluation]:
        name = table_name(evaluation)
        if not evaluation.indicators:
            return []
        if any(i.weight is None for i in evaluation.indicators):
            return [not_decided(rule.id, "insufficient_data", "有指标的权重没有读到", name)]
        facts = addends(disclosure, evaluation, "weight", p.score_decimals, funding=p.include_funding)
        if evaluation.total_weight is None:  # Σ weights against the rule's total
            anchor = facts[0].location.line
            total = constant(disclosure, p.weight_total, line=anchor, table=name, row="权重合计", column=None)
            return [relabel(balance(rule.id, f"{name} 权重合计", facts, [total], name=by_row), "分")]
        # the 总分 row prints the weight total: it must be Σ weights, and then the rule's total
        printed = total_cell(disclosure, evaluation, "total_weight", p.score_decimals)
        first = relabel(balance(rule.id, f"{name} 总分行的权重", [printed], facts, name=by_row), "分")
        if first.outcome != Outcome.PASS:
            return [first]
        total = constant(disclosure, p.weight_total, line=printed.location.line, table=name, row="总分", column=None)
        stated = balance(rule.id, f"{name} 总分行的权重", [printed], [total], name=lambda f: "规定总分")
        return [first, relabel(stated, "分")]

    return each_table(rule, disclosure, check)
