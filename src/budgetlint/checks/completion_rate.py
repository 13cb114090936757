"""completion_rate: in the indicator part of each 绩效自评表, the printed 完成率 is a rate that
目标值 vs 业绩值 allow.

Params:
  rates:       how a 完成率 follows from 目标值 and 业绩值, per target operator (checks/scoring/
               RateMethods: ratio, capped, met_full, inverse)
  qualitative: {met: [...], missed: [...]} 业绩值 texts that state a qualitative target met or missed
               (a 业绩值 equal to its 目标值 is met as well)

Targets compare as ≥ (at least), ≤ (at most, costs), = or no operator; dates as deadlines
(2024年12月10日前: met when done on or before; a month or year stands for all its days, so
2025年5月 misses 2024年12月10日 and 2024年12月 cannot be decided). Units must agree (万 and 万元 do;
次 and % do not).

not_applicable when the document has no 绩效自评表 or no table prints a 完成率 column.
insufficient_data for an indicator whose 完成率 is empty or not a number, or whose values cannot
be compared (unreadable cells, different units, a qualitative 业绩值 not in the lists, a date
that cannot be placed).

    check:
      kind: completion_rate
      rates: {at_least: [ratio, capped], at_most: [met_full, ratio], equal: [ratio, capped]}
      qualitative: {met: [达到预期, 已完成], missed: [未达到, 未完成]}
"""

from __future__ import annotations

from budgetlint.checks.memo import document_memo
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import Implied, QualitativeValues, RateMethods, derived, implied_rate
from budgetlint.checks.self_eval_cells import HUNDRED, each_table, indicator_cell, indicator_subject, value_cell
from budgetlint.model import Disclosure, Evaluation, Outcome


class Params(Strict):
    # the defaults, built without a validator (one built here, at import, was a process's first)
    rates: RateMethods = RateMethods.model_construct()
    qualitative: QualitativeValues = QualitativeValues.model_construct()


def implied(disclosure: Disclosure, indicator, p: Params) -> Implied:
    """The 完成率 (or rates) 目标值 and 业绩值 allow, under the rule's rate methods.

    completion_rate and indicator_score both ask it of every indicator: worked out once per
    document, indicator and methods (checks/memo.py), by identity, the indicator held beside it."""
    made = document_memo(disclosure, "_implied_rates", disclosure.source)
    key = (id(indicator), p.rates.key, p.qualitative.keys)
    held = made.get(key)
    if held is None:
        held = made[key] = (indicator, implied_rate(indicator.target, indicator.actual, p.rates, p.qualitative))
    return held[1]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params

    def check(evaluation) -> list[Evaluation]:
        if "completion_rate" not in evaluation.indicator_headers:
            return []
        out = []
        for indicator in evaluation.indicators:
            subject = indicator_subject(evaluation, indicator, "completion_rate")
            inputs = [value_cell(disclosure, evaluation, indicator, r) for r in ("actual", "target")]
            if indicator.completion_rate is None:
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.INSUFFICIENT_DATA,
                        subject=subject,
                        detail="完成率为空或不是数字",
                        locations=tuple(f.location for f in inputs),
                    )
                )
                continue
            rate = implied(disclosure, indicator, p)
            printed = indicator_cell(disclosure, evaluation, indicator, "completion_rate")
            if not rate.known:
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.INSUFFICIENT_DATA,
                        subject=subject,
                        detail=f"无法由目标值和业绩值推出完成率（{rate.basis}）",
                        locations=(printed.location, *(f.location for f in inputs)),
                    )
                )
                continue
            out.append(
                derived(rule.id, subject, printed, list(rate.rates), inputs, unit="%", scale=HUNDRED, note=rate.basis)
            )
        return out

    return each_table(rule, disclosure, check)
