"""indicator_score: in the indicator part of each 绩效自评表, the printed 得分 follows an accepted
formula from 权重 and 完成率.

Params:
  rates, qualitative: as completion_rate (the 完成率 目标值 vs 业绩值 allow)
  formulas:       the accepted scoring formulas (checks/scoring/)
  score_decimals: a printed 得分 is read to at least this many decimals (default 1: whole scores
                  print as 15, so a 15 for 14.59 is a finding, a 6 for 6.004 is not)

The 完成率 is the printed one, or the one 目标值 vs 业绩值 allow when none is printed or when the
printed one is itself wrong: a met target scored below its weight, or a missed one at full weight,
matches no formula, and the finding says which. insufficient_data for an indicator whose 权重 or
得分 is not read, whose 完成率 is neither printed nor implied, or for which no formula applies.
not_applicable when the document has no 绩效自评表.

    check:
      kind: indicator_score
      formulas:
        - {name: 按完成比例, rate: [0, 1], score: 'w * r'}
        - {name: 完成计满分, rate: [1, null], met: true, score: 'w'}
"""

from __future__ import annotations

from pydantic import Field

from budgetlint.checks import completion_rate
from budgetlint.checks.compare import not_decided
from budgetlint.checks.scoring import Formula, derived, printed_rate, scores
from budgetlint.checks.self_eval_cells import each_table, indicator_cell, indicator_subject, value_cell
from budgetlint.model import Disclosure, Evaluation


class Params(completion_rate.Params):
    formulas: list[Formula] = Field(min_length=1)
    score_decimals: int = 1


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params

    def check(evaluation) -> list[Evaluation]:
        out = []
        for indicator in evaluation.indicators:
            subject = indicator_subject(evaluation, indicator, "score")
            if indicator.score is None or indicator.weight is None:
                out.append(not_decided(rule.id, "insufficient_data", "权重或得分没有读到", subject))
                continue
            implied = completion_rate.implied(disclosure, indicator, p)
            rates, inputs = [], [indicator_cell(disclosure, evaluation, indicator, "weight")]
            if indicator.completion_rate is not None:
                rate = indicator_cell(disclosure, evaluation, indicator, "completion_rate")
                rates.append(printed_rate(rate))
                inputs.append(rate)
            rates += list(implied.rates)
            inputs += [value_cell(disclosure, evaluation, indicator, r) for r in ("actual", "target")]
            if not rates:
                out.append(
                    not_decided(
                        rule.id,
                        "insufficient_data",
                        f"完成率没有印出，也无法由目标值和业绩值推出（{implied.basis}）",
                        subject,
                    )
                )
                continue
            candidates = scores(indicator.weight.value, rates, p.formulas, implied.met)
            if not candidates:
                out.append(not_decided(rule.id, "insufficient_data", "没有适用于该完成率的赋分公式", subject))
                continue
            weight, score = indicator.weight.value, indicator.score.value
            note = implied.basis
            if implied.met is True and score < weight:
                note = f"目标已完成（{implied.basis}），得分却低于权重 {indicator.weight.text}"
            elif implied.met is False and score >= weight:
                note = f"目标未完成（{implied.basis}），却得满分"
            printed = indicator_cell(disclosure, evaluation, indicator, "score")
            out.append(
                derived(
                    rule.id, subject, printed, candidates, inputs, unit="分", note=note, min_decimals=p.score_decimals
                )
            )
        return out

    return each_table(rule, disclosure, check)
