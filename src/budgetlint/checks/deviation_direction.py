"""deviation_direction: an indicator's 偏差原因分析 goes the way its numbers go.

Params:
  identity:  direction  — the reason says the 业绩值 fell short (words in `less`: 少于, 减少 …) while it
                          is above the 目标值, or says it went beyond (words in `more`: 超过, 超出 …)
                          while it is below; the numbers must be comparable (same unit) and apart
                          beyond rounding; a reason with words of both kinds is not judged;
             full_marks — the indicator is scored its full weight while its own reason says the
                          target was not achieved (words in `missed`: 尚未, 未完成 …).
  less, more, missed: the words, as data (rule parameters)
  stop:      words after which the text is an improvement plan, not the reason (改进措施, 下一步 …):
             the text is read up to the first of them

Only indicators with a 偏差原因 are evaluated; not_applicable when none has one.

    check: {kind: deviation_direction, identity: direction, less: [少于], more: [超过], missed: [], stop: []}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import by_column, not_decided
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.prose import sides
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import actual_against_target
from budgetlint.checks.self_eval_cells import indicator_header, table_name
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Outcome


class Params(Strict):
    identity: Literal["direction", "full_marks"]
    less: tuple[str, ...] = ()
    more: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()


def _reason(indicator, stop: tuple[str, ...]) -> str:
    text = squeeze(indicator.deviation)
    cut = min((text.find(w) for w in stop if w in text), default=len(text))
    return text[:cut]


def _said(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w in text]


def _text(indicator, role: str) -> str:
    value = getattr(indicator, role)
    return value if isinstance(value, str) else value.text if value is not None else ""


def _evaluation(rule, disclosure, evaluation, indicator, ok: bool, detail: str, roles: tuple[str, ...]) -> Evaluation:
    name = table_name(evaluation)
    facts = [to_fact(disclosure, None, table=name, row=indicator.level3, column=indicator_header(evaluation, role),
                     line=indicator.cell_lines.get(role, indicator.line), text=_text(indicator, role))
             for role in roles]
    reason = indicator.deviation.strip()
    shown = {"expected": indicator.target.text, "actual": indicator.actual.text}
    return Evaluation(rule=rule.id, outcome=Outcome.PASS if ok else Outcome.FAIL,
                      subject=f"{name}「{indicator.level3}」",
                      **shown, detail=detail, locations=tuple(f.location for f in facts),
                      values={"table": name, "row": indicator.level3,
                              "column": indicator_header(evaluation, "deviation"), "quote": reason},
                      **({} if ok else sides(facts[:1], facts[1:], unit=None, name=by_column, **shown)))


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    out = []
    for evaluation in disclosure.self_evaluations:
        for indicator in evaluation.indicators:
            text = _reason(indicator, p.stop)
            if not text:
                continue
            if p.identity == "direction":
                less, more, side = _said(text, p.less), _said(text, p.more), actual_against_target(indicator)
                if side is None or bool(less) == bool(more):
                    continue
                ok = (side > 0) == bool(more)
                said = "、".join(more or less)
                where = "高于" if side > 0 else "低于"
                detail = (f"业绩值{where}目标值，偏差原因却写“{said}”" if not ok
                          else f"偏差原因写“{said}”，与业绩值{where}目标值相符")
                out.append(_evaluation(rule, disclosure, evaluation, indicator, ok, detail,
                                       ("deviation", "actual", "target")))
            else:
                missed = _said(text, p.missed)
                if not missed or indicator.score is None or indicator.weight is None:
                    continue
                full = indicator.score.value >= indicator.weight.value
                said = "、".join(missed)
                detail = (f"得分 {indicator.score.text} 等于权重 {indicator.weight.text}，偏差原因却写“{said}”"
                          if full else f"偏差原因写“{said}”，得分 {indicator.score.text} 低于权重")
                out.append(_evaluation(rule, disclosure, evaluation, indicator, not full, detail,
                                       ("deviation", "score")))
    return out or [not_decided(rule.id, "not_applicable", "没有可判断方向的偏差原因分析")]
