"""deviation_direction: an indicator's 偏差原因分析 goes the way its numbers go.

The reason says the 业绩值 fell short (words in `less`: 少于, 减少 …) while it is above the 目标值, or
says it went beyond (words in `more`: 超过, 超出 …) while it is below. Only rows whose 目标值 and
业绩值 are comparable (same unit) and apart beyond rounding are judged; a reason with words of both
kinds, or of neither, is not judged.

Params:
  less, more: the words, as data (rule parameters)
  stop:       words after which the text is an improvement plan, not the reason (改进措施, 下一步 …):
              the text is read up to the first of them (checks/deviation_text.py)

Only indicators with a 偏差原因 are evaluated; not_applicable when none has one.

    check: {kind: deviation_direction, less: [少于], more: [超过], stop: [改进措施]}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.deviation_text import deviation_evaluation, reason, said
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import actual_against_target
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    less: tuple[str, ...] = ()
    more: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    out = []
    for evaluation in disclosure.self_evaluations:
        for indicator in evaluation.indicators:
            text = reason(indicator, p.stop)
            if not text:
                continue
            less, more, side = said(text, p.less), said(text, p.more), actual_against_target(indicator)
            if side is None or bool(less) == bool(more):
                continue
            ok = (side > 0) == bool(more)
            words = "、".join(more or less)
            where = "高于" if side > 0 else "低于"
            detail = (
                f"业绩值{where}目标值，偏差原因却写“{words}”"
                if not ok
                else f"偏差原因写“{words}”，与业绩值{where}目标值相符"
            )
            out.append(
                deviation_evaluation(
                    rule, disclosure, evaluation, indicator, ok, detail, ("deviation", "actual", "target")
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "没有可判断方向的偏差原因分析")]
