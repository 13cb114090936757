"""full_marks_missed: an indicator scored its full weight has no 偏差原因分析 saying it was not achieved.

The reason says the target was missed (words in `missed`: 尚未, 未完成 …) while the 得分 equals the
权重: the table says done, the text says not done.

Params:
  missed: the words, as data (rule parameters)
  stop:   words after which the text is an improvement plan, not the reason (改进措施, 下一步 …):
          the text is read up to the first of them (checks/deviation_text.py)

Only indicators with a 偏差原因 using a `missed` word and a read 得分 and 权重 are evaluated;
not_applicable when none has one.

    check: {kind: full_marks_missed, missed: [尚未, 未完成], stop: [改进措施]}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.deviation_text import deviation_evaluation, reason, said
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    missed: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    out = []
    for evaluation in disclosure.self_evaluations:
        for indicator in evaluation.indicators:
            missed = said(reason(indicator, p.stop), p.missed)
            if not missed or indicator.score is None or indicator.weight is None:
                continue
            full = indicator.score.value >= indicator.weight.value
            words = "、".join(missed)
            detail = (
                f"得分 {indicator.score.text} 等于权重 {indicator.weight.text}，偏差原因却写“{words}”"
                if full
                else f"偏差原因写“{words}”，得分 {indicator.score.text} 低于权重"
            )
            out.append(
                deviation_evaluation(rule, disclosure, evaluation, indicator, not full, detail, ("deviation", "score"))
            )
    return out or [not_decided(rule.id, "not_applicable", "没有可判断方向的偏差原因分析")]
