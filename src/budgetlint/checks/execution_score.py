"""execution_score: in the 资金 part of each 绩效自评表, 执行率得分 follows one of the accepted
formulas from 分值 and 执行率.

Params:
  formulas:       the accepted scoring formulas (checks/scoring/), applied to the printed 执行率
                  and to the rate the amounts give
  score_decimals: a printed 得分 is read to at least this many decimals (default 1)

A score is a derived value: accepted when some formula, over some rate the printed numbers allow,
prints as it. A row whose 分值, or both its 执行率 and its amounts, are not read is
insufficient_data. not_applicable when the document has no 绩效自评表 or none prints a 执行率得分.

    check: {kind: execution_score, formulas: [{name: 按执行率计分, rate: [0, 1], score: 'w * r'}]}
"""

from __future__ import annotations

from pydantic import Field

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import Formula, derived, printed_rate, scores
from budgetlint.checks.self_eval_cells import (
    each_table,
    execution_rate_of,
    funding_cell,
    funding_header,
    rate_inputs,
    table_name,
)
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    formulas: list[Formula] = Field(min_length=1)
    score_decimals: int = 1


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params

    def check(evaluation) -> list[Evaluation]:
        out = []
        for row in evaluation.funding:
            if row.score is None:
                continue
            subject = f"{table_name(evaluation)}「{row.label}」{funding_header(evaluation, 'score')}"
            if row.weight is None:
                out.append(not_decided(rule.id, "insufficient_data", "分值没有读到", subject))
                continue
            rates, inputs = [], [funding_cell(disclosure, evaluation, row, "weight")]
            if row.execution_rate is not None:
                rate = funding_cell(disclosure, evaluation, row, "execution_rate")
                rates.append(printed_rate(rate))
                inputs.append(rate)
            amounts = rate_inputs(disclosure, evaluation, row)
            if amounts is not None and (implied := execution_rate_of(*amounts)) is not None:
                rates.append(implied)
                inputs += list(amounts)
            if not rates:
                out.append(not_decided(rule.id, "insufficient_data", "执行率没有读到", subject))
                continue
            candidates = scores(row.weight.value, rates, p.formulas)
            printed = funding_cell(disclosure, evaluation, row, "score")
            out.append(derived(rule.id, subject, printed, candidates, inputs, unit="分", min_decimals=p.score_decimals))
        return out

    return each_table(rule, disclosure, check)
