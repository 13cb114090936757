"""exceeded_score: a ≥ target exceeded is scored its full weight.

An exceeded ≥ target whose 得分 is below its weight: the document deducts for doing more than
planned. SE005 accepts that as w × (2 − r), so its rule reports at severity info, naming the row's
own 赋分规则 where it prints one.

No parameters. Only rows whose 目标值 and 业绩值 are numbers in comparable units and apart beyond
rounding, with a read 得分 and 权重, count. not_applicable when no row qualifies.

    check: {kind: exceeded_score}
"""

from __future__ import annotations

from budgetlint.checks.compare import by_column, not_decided
from budgetlint.checks.prose import sides
from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import indicators_beyond, row_cell, row_values, table_name
from budgetlint.model import Disclosure, Evaluation, Outcome


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    out = []
    for evaluation, indicator in indicators_beyond(disclosure, ("≥", ">"), 1):
        if indicator.score is None or indicator.weight is None:
            continue
        ok = indicator.score.value >= indicator.weight.value
        declared = f"，本行赋分规则为“{indicator.scoring_rule}”" if indicator.scoring_rule else ""
        detail = (
            f"目标值 {indicator.target.text}，业绩值 {indicator.actual.text}，"
            f"超额完成却得 {indicator.score.text} 分"
            f"（权重 {indicator.weight.text}）{declared}"
        )
        facts = [row_cell(disclosure, evaluation, indicator, role) for role in ("score", "weight")]
        shown = {"expected": indicator.weight.text, "actual": indicator.score.text}
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.PASS if ok else Outcome.FAIL,
                subject=f"{table_name(evaluation)}「{indicator.level3}」",
                **shown,
                detail=detail,
                locations=tuple(f.location for f in facts),
                values=row_values(evaluation, indicator, "score"),
                **({} if ok else sides(facts[:1], facts[1:], unit="分", name=by_column, **shown)),
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "没有可比较赋分做法的指标行")]
