"""indicator_score: the indicator part of each 绩效自评表 — 完成率, 得分, weights, 总分, 偏差原因.

Params:
  identity:    completion_rate — the printed 完成率 is a rate that 目标值 vs 业绩值 allow;
               score      — the printed 得分 follows an accepted formula from 权重 and 完成率 (the
                            printed one, or the one 目标值 vs 业绩值 allow when none is printed or
                            when the printed one is itself wrong): a met target scored below its
                            weight, or a missed one at full weight, matches no formula;
               weights    — Σ 权重 (+ the 分值 of the 资金 rows) = weight_total, and the 总分 row's
                            printed weight = that sum;
               total      — the printed 总分 = Σ 得分 (+ the 执行率得分 of the 资金 rows);
               deviation  — an indicator scored below its weight has a 偏差原因分析 (or 改进措施).
  rates:       how a 完成率 follows from 目标值 and 业绩值, per target operator (checks/scoring/
               RateMethods: ratio, capped, met_full, inverse)
  qualitative: {met: [...], missed: [...]} 业绩值 texts that state a qualitative target met or missed
               (a 业绩值 equal to its 目标值 is met as well)
  formulas:    score: the accepted scoring formulas (checks/scoring/)
  weight_total: weights: what the weights add up to (100)
  include_funding: weights/total: count the 资金 rows' 分值 and 执行率得分 (default true)
  score_decimals: a printed 得分 / 权重 is read to at least this many decimals (default 1: whole
               scores print as 15, so a 15 for 14.59 is a finding, a 6 for 6.004 is not; in sums a
               printed 20 stands for [19.95, 20.05])

Targets compare as ≥ (at least), ≤ (at most, costs), = or no operator; dates as deadlines
(2024年12月10日前: met when done on or before; a month or year stands for all its days, so
2025年5月 misses 2024年12月10日 and 2024年12月 cannot be decided). Units must agree (万 and 万元 do;
次 and % do not).

not_applicable when the document has no 绩效自评表, or no table prints the columns the identity
needs (a unit table without 完成率 column, a table without 总分 row or 偏差 column).
insufficient_data for an indicator whose values cannot be compared (unreadable cells, different
units, a qualitative 业绩值 not in the lists, a date that cannot be placed) or whose cells are empty.

    check:
      kind: indicator_score
      identity: score
      formulas:
        - {name: 按完成比例, rate: [0, 1], score: 'w * r'}
        - {name: 完成计满分, rate: [1, null], met: true, score: 'w'}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from budgetlint.checks.compare import balance, not_decided
from budgetlint.checks.performance_facts import constant, points, relabel, to_fact
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import (
    Formula,
    Implied,
    QualitativeValues,
    RateMethods,
    derived,
    implied_rate,
    printed_rate,
    scores,
)
from budgetlint.checks.self_eval_funding import cell, table_name
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome
from budgetlint.recognize.performance.vocabulary import vocabulary

HUNDRED = Decimal(100)


class Params(Strict):
    identity: Literal["completion_rate", "score", "weights", "total", "deviation"]
    rates: RateMethods = RateMethods()
    qualitative: QualitativeValues = QualitativeValues()
    formulas: list[Formula] = []
    weight_total: Decimal = Decimal(100)
    include_funding: bool = True
    score_decimals: int = 1

    @model_validator(mode="after")
    def _needs(self) -> Params:
        if self.identity == "score" and not self.formulas:
            raise ValueError("score needs formulas")
        return self


def header(evaluation, role: str) -> str:
    return evaluation.indicator_headers.get(role) or vocabulary().role_names.get(role, role)


def _cell(disclosure: Disclosure, evaluation, indicator, role: str, min_decimals: int = 0) -> Fact:
    """A number cell of an indicator row (权重, 完成率, 得分) as a neutral Fact."""
    number = getattr(indicator, role)
    return points(disclosure, number, table=table_name(evaluation), row=indicator.level3,
                  column=header(evaluation, role), line=number.line if number else indicator.line,
                  min_decimals=min_decimals)


def _value_cell(disclosure: Disclosure, evaluation, indicator, role: str) -> Fact:
    """目标值 / 业绩值 as a Fact: for its location and text (a date or words are not numbers)."""
    value = getattr(indicator, role)
    return to_fact(disclosure, None, table=table_name(evaluation), row=indicator.level3,
                   column=header(evaluation, role), line=value.line, text=value.text)


def _subject(evaluation, indicator, role: str) -> str:
    return f"{table_name(evaluation)}「{indicator.level3}」{header(evaluation, role)}"


def _implied(indicator, p: Params) -> Implied:
    return implied_rate(indicator.target, indicator.actual, p.rates, p.qualitative)


def _completion_rate(rule, disclosure, evaluation, p: Params) -> list[Evaluation]:
    if "completion_rate" not in evaluation.indicator_headers:
        return []
    out = []
    for indicator in evaluation.indicators:
        subject = _subject(evaluation, indicator, "completion_rate")
        inputs = [_value_cell(disclosure, evaluation, indicator, r) for r in ("actual", "target")]
        if indicator.completion_rate is None:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.INSUFFICIENT_DATA, subject=subject,
                                  detail="完成率为空或不是数字", locations=tuple(f.location for f in inputs)))
            continue
        implied = _implied(indicator, p)
        printed = _cell(disclosure, evaluation, indicator, "completion_rate")
        if not implied.known:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.INSUFFICIENT_DATA, subject=subject,
                                  detail=f"无法由目标值和业绩值推出完成率（{implied.basis}）",
                                  locations=(printed.location, *(f.location for f in inputs))))
            continue
        out.append(derived(rule.id, subject, printed, list(implied.rates), inputs, unit="%", scale=HUNDRED,
                           note=implied.basis))
    return out


def _score(rule, disclosure, evaluation, p: Params) -> list[Evaluation]:
    out = []
    for indicator in evaluation.indicators:
        subject = _subject(evaluation, indicator, "score")
        if indicator.score is None or indicator.weight is None:
            out.append(not_decided(rule.id, "insufficient_data", "权重或得分没有读到", subject))
            continue
        implied = _implied(indicator, p)
        rates, inputs = [], [_cell(disclosure, evaluation, indicator, "weight")]
        if indicator.completion_rate is not None:
            rate = _cell(disclosure, evaluation, indicator, "completion_rate")
            rates.append(printed_rate(rate))
            inputs.append(rate)
        rates += list(implied.rates)
        inputs += [_value_cell(disclosure, evaluation, indicator, r) for r in ("actual", "target")]
        if not rates:
            out.append(not_decided(rule.id, "insufficient_data",
                                   f"完成率没有印出，也无法由目标值和业绩值推出（{implied.basis}）", subject))
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
        printed = _cell(disclosure, evaluation, indicator, "score")
        out.append(derived(rule.id, subject, printed, candidates, inputs, unit="分", note=note,
                           min_decimals=p.score_decimals))
    return out


def _funding_rows(evaluation, role: str) -> list:
    return [r for r in evaluation.funding if getattr(r, role) is not None]


def _funding_cell(disclosure, evaluation, row, role: str, min_decimals: int = 0) -> Fact:
    fact = cell(disclosure, evaluation, row, role)
    if fact.value is not None and fact.decimals < min_decimals:
        fact = fact.model_copy(update={"decimals": min_decimals})
    return fact


def _weights(rule, disclosure, evaluation, p: Params) -> list[Evaluation]:
    name = table_name(evaluation)
    if not evaluation.indicators:
        return []
    if any(i.weight is None for i in evaluation.indicators):
        return [not_decided(rule.id, "insufficient_data", "有指标的权重没有读到", name)]
    facts = [_cell(disclosure, evaluation, i, "weight", p.score_decimals) for i in evaluation.indicators]
    if p.include_funding:
        facts = [_funding_cell(disclosure, evaluation, r, "weight", p.score_decimals)
                 for r in _funding_rows(evaluation, "weight")] + facts
    by_row = lambda f: str(f.location.row)  # noqa: E731
    if evaluation.total_weight is None:  # Σ weights against the rule's total
        anchor = facts[0].location.line
        total = constant(disclosure, p.weight_total, line=anchor, table=name, row="权重合计", column=None)
        return [relabel(balance(rule.id, f"{name} 权重合计", facts, [total], name=by_row), "分")]
    # the 总分 row prints the weight total: it must be Σ weights, and then the rule's total
    printed = points(disclosure, evaluation.total_weight, table=name, row="总分", column=None,
                     min_decimals=p.score_decimals)
    first = relabel(balance(rule.id, f"{name} 总分行的权重", [printed], facts, name=by_row), "分")
    if first.outcome != Outcome.PASS:
        return [first]
    total = constant(disclosure, p.weight_total, line=printed.location.line, table=name, row="总分", column=None)
    stated = balance(rule.id, f"{name} 总分行的权重", [printed], [total], name=lambda f: "规定总分")
    return [first, relabel(stated, "分")]


def _total(rule, disclosure, evaluation, p: Params) -> list[Evaluation]:
    if evaluation.total_score is None:
        return []
    name = table_name(evaluation)
    if any(i.score is None for i in evaluation.indicators) or not evaluation.indicators:
        return [not_decided(rule.id, "insufficient_data", "有指标的得分没有读到", name)]
    facts = [_cell(disclosure, evaluation, i, "score", p.score_decimals) for i in evaluation.indicators]
    if p.include_funding:
        facts = [_funding_cell(disclosure, evaluation, r, "score", p.score_decimals)
                 for r in _funding_rows(evaluation, "score")] + facts
    printed = points(disclosure, evaluation.total_score, table=name, row="总分", column=None,
                     min_decimals=p.score_decimals)
    return [relabel(balance(rule.id, f"{name} 总分", [printed], facts, name=lambda f: str(f.location.row)), "分")]


def _has_reason(indicator) -> bool:
    placeholders = vocabulary().values.placeholders
    return any(squeeze(t) and squeeze(t) not in placeholders for t in (indicator.deviation, indicator.improvement))


def _deviation(rule, disclosure, evaluation, p: Params) -> list[Evaluation]:
    if not {"deviation", "improvement"} & set(evaluation.indicator_headers):
        return []
    out = []
    for indicator in evaluation.indicators:
        if indicator.score is None or indicator.weight is None:
            continue
        subject = _subject(evaluation, indicator, "score")
        cells = (_cell(disclosure, evaluation, indicator, "score"), _cell(disclosure, evaluation, indicator, "weight"))
        below = indicator.score.value < indicator.weight.value
        ok = not below or _has_reason(indicator)
        loc = cells[0].location
        out.append(Evaluation(
            rule=rule.id, outcome=Outcome.PASS if ok else Outcome.FAIL, subject=subject,
            expected=indicator.weight.text, actual=indicator.score.text, unit="分",
            detail=f"得分 {indicator.score.text} 低于权重 {indicator.weight.text}" + ("" if ok else "，偏差原因分析为空"),
            locations=tuple(c.location for c in cells),
            values={"table": loc.table or "", "row": loc.row or "", "column": header(evaluation, "deviation")}))
    return out


IDENTITIES = {"completion_rate": _completion_rate, "score": _score, "weights": _weights, "total": _total,
              "deviation": _deviation}


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.self_evaluations:
        return [not_decided(rule.id, "not_applicable", "文件中没有绩效自评表")]
    out = []
    for evaluation in disclosure.self_evaluations:
        out += IDENTITIES[p.identity](rule, disclosure, evaluation, p)
    if not out:
        return [not_decided(rule.id, "not_applicable", "绩效自评表没有印出本规则所需的栏目")]
    return out
