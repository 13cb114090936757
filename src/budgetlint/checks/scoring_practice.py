"""scoring_practice: a 决算 scores met and exceeded indicators the way its own other rows do.

Params:
  identity: ceiling  — a ≤ target (a cost ceiling) met with room to spare whose printed 完成率 is
                       not 100%, while other rows of the same document print 100% for a met ceiling:
                       the document treats the same case two ways (the finding cites the rows scored
                       100%). When no row prints 100% for a met ceiling, the rows are consistent and pass.
            exceeded — a ≥ target exceeded whose 得分 is below its weight: the document deducts for
                       doing more than planned (accepted by SE005 as w × (2 − r), so reported at the
                       rule's severity, info, naming the row's own 赋分规则 where it prints one).
  cite:     how many rows of the other treatment a finding names (default 3)

Only rows whose 目标值 and 业绩值 are numbers in comparable units and apart beyond rounding count
(an 业绩值 equal to its ceiling prints 100% by every method). not_applicable when no row qualifies.

    check: {kind: scoring_practice, identity: ceiling}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from budgetlint.checks.compare import by_column, by_row, not_decided
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.prose import sides
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import actual_against_target
from budgetlint.checks.self_eval_cells import indicator_header, table_name
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome

HUNDRED = Decimal(100)


class Params(Strict):
    identity: Literal["ceiling", "exceeded"]
    cite: int = 3


def _cell(disclosure, evaluation, indicator, role: str) -> Fact:
    """完成率 / 得分 / 权重 of an indicator row as a Fact (located at its cell)."""
    return to_fact(disclosure, getattr(indicator, role), table=table_name(evaluation), row=indicator.level3,
                   column=indicator_header(evaluation, role), line=indicator.line)


def _rows(disclosure: Disclosure, operators: tuple[str, ...], direction: int):
    for evaluation in disclosure.self_evaluations:
        for indicator in evaluation.indicators:
            if indicator.target.operator in operators and actual_against_target(indicator) == direction:
                yield evaluation, indicator


def _values(evaluation, indicator, column: str) -> dict[str, str]:
    return {"table": table_name(evaluation), "row": indicator.level3, "column": indicator_header(evaluation, column)}


def _ceiling(rule, disclosure: Disclosure, p: Params) -> list[Evaluation]:
    rows = [(e, i) for e, i in _rows(disclosure, ("≤", "<"), -1) if i.completion_rate is not None]
    full = [(e, i) for e, i in rows if i.completion_rate.value == HUNDRED]
    cited = "；".join(f"第{i.completion_rate.line}行「{i.level3}」{i.target.text} / {i.actual.text} 记 "
                     f"{i.completion_rate.text}" for _, i in full[:p.cite])
    out = []
    for evaluation, indicator in rows:
        rate = indicator.completion_rate
        ok = rate.value == HUNDRED or not full
        detail = (f"成本指标未超支，完成率记 {rate.text}；"
                  f"本文件另有 {len(full)} 行同样未超支的成本指标记 100%（{cited}）"
                  if not ok else f"完成率 {rate.text}")
        facts = [_cell(disclosure, e, i, "completion_rate") for e, i in [(evaluation, indicator), *full[:p.cite]]]
        out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS if ok else Outcome.FAIL,
                              subject=f"{table_name(evaluation)}「{indicator.level3}」", expected="100%",
                              actual=rate.text, detail=detail, locations=tuple(f.location for f in facts),
                              values=_values(evaluation, indicator, "completion_rate"),
                              **({} if ok else sides(facts[:1], facts[1:], actual=rate.text, expected="100%",
                                                     unit="%", name=by_row))))
    return out


def _exceeded(rule, disclosure: Disclosure, p: Params) -> list[Evaluation]:
    out = []
    for evaluation, indicator in _rows(disclosure, ("≥", ">"), 1):
        if indicator.score is None or indicator.weight is None:
            continue
        ok = indicator.score.value >= indicator.weight.value
        declared = f"，本行赋分规则为“{indicator.scoring_rule}”" if indicator.scoring_rule else ""
        detail = (f"目标值 {indicator.target.text}，业绩值 {indicator.actual.text}，"
                  f"超额完成却得 {indicator.score.text} 分"
                  f"（权重 {indicator.weight.text}）{declared}")
        facts = [_cell(disclosure, evaluation, indicator, role) for role in ("score", "weight")]
        shown = {"expected": indicator.weight.text, "actual": indicator.score.text}
        out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS if ok else Outcome.FAIL,
                              subject=f"{table_name(evaluation)}「{indicator.level3}」", **shown, detail=detail,
                              locations=tuple(f.location for f in facts),
                              values=_values(evaluation, indicator, "score"),
                              **({} if ok else sides(facts[:1], facts[1:], unit="分", name=by_column, **shown))))
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    out = (_ceiling if p.identity == "ceiling" else _exceeded)(rule, disclosure, p)
    return out or [not_decided(rule.id, "not_applicable", "没有可比较赋分做法的指标行")]
