"""deviation_reason: in each 绩效自评表, an indicator scored below its weight has a 偏差原因分析
(or 改进措施) that is not a placeholder.

No parameters; the placeholders (无, /, —) are data (rules/vocabulary/performance.yaml). Indicators
whose 权重 or 得分 is not read are not evaluated. not_applicable when the document has no
绩效自评表 or no table prints a 偏差原因 or 改进措施 column.

    check: {kind: deviation_reason}
"""

from __future__ import annotations

from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import each_table, indicator_cell, indicator_header, indicator_subject
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.recognize.performance.vocabulary import vocabulary


class Params(Strict):
    pass


def _has_reason(indicator) -> bool:
    placeholders = vocabulary().values.placeholders
    return any(squeeze(t) and squeeze(t) not in placeholders for t in (indicator.deviation, indicator.improvement))


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    def check(evaluation) -> list[Evaluation]:
        if not {"deviation", "improvement"} & set(evaluation.indicator_headers):
            return []
        out = []
        for indicator in evaluation.indicators:
            if indicator.score is None or indicator.weight is None:
                continue
            subject = indicator_subject(evaluation, indicator, "score")
            cells = (
                indicator_cell(disclosure, evaluation, indicator, "score"),
                indicator_cell(disclosure, evaluation, indicator, "weight"),
            )
            below = indicator.score.value < indicator.weight.value
            ok = not below or _has_reason(indicator)
            loc = cells[0].location
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.PASS if ok else Outcome.FAIL,
                    subject=subject,
                    expected=indicator.weight.text,
                    actual=indicator.score.text,
                    unit="分",
                    detail=(
                        f"得分 {indicator.score.text} 低于权重 {indicator.weight.text}"
                        + ("" if ok else "，偏差原因分析为空")
                    ),
                    locations=tuple(c.location for c in cells),
                    values={
                        "table": loc.table or "",
                        "row": loc.row or "",
                        "column": indicator_header(evaluation, "deviation"),
                    },
                )
            )
        return out

    return each_table(rule, disclosure, check)
