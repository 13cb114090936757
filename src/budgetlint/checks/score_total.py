"""score_total: in each 绩效自评表, the printed 总分 = Σ 得分 (+ the 执行率得分 of the 资金 rows).

Params:
  include_funding: count the 资金 rows' 执行率得分 (default true)
  score_decimals:  a printed 得分 is read to at least this many decimals (default 1)

insufficient_data when an indicator's 得分 is not read. not_applicable when the document has no
绩效自评表 or no table prints a 总分 row.

    check: {kind: score_total}
"""

from __future__ import annotations

from budgetlint.checks.compare import balance, by_row, not_decided
from budgetlint.checks.performance_facts import relabel
from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import addends, each_table, table_name, total_cell
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    include_funding: bool = True
    score_decimals: int = 1


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params

    def check(evaluation) -> list[Evaluation]:
        if evaluation.total_score is None:
            return []
        name = table_name(evaluation)
        if any(i.score is None for i in evaluation.indicators) or not evaluation.indicators:
            return [not_decided(rule.id, "insufficient_data", "有指标的得分没有读到", name)]
        facts = addends(disclosure, evaluation, "score", p.score_decimals, funding=p.include_funding)
        printed = total_cell(disclosure, evaluation, "total_score", p.score_decimals)
        return [relabel(balance(rule.id, f"{name} 总分", [printed], facts, name=by_row), "分")]

    return each_table(rule, disclosure, check)
