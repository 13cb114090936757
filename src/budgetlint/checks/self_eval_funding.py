"""self_eval_funding: the 资金 part of each 绩效自评表 — 执行率, the funding rows, 执行率得分.

Params:
  identity:  execution_rate  — 执行率 = 全年执行数 / 全年预算数, in every row that prints one;
             sources_sum     — 年度资金总额 (合计) = Σ source rows, in each amount column;
             execution_score — 执行率得分 follows one of the accepted formulas from 分值 and 执行率.
  total:     key of the total row (total: 年度资金总额 / 合计)
  addends:   sources_sum: alternatives, each a list of row keys that add up to the total
             (e.g. [[fiscal, carryover, other], [superior, local, other]]); the alternative that
             covers most of the printed rows is used
  columns:   sources_sum: the amount columns (initial_budget, full_year_budget, executed)
  formulas:  execution_score: the accepted scoring formulas (see checks/scoring/), applied to the
             printed 执行率 and to the rate the amounts give
  score_decimals: execution_score: a printed 得分 is read to at least this many decimals (default 1)

Rates and scores are derived values: a printed 99.96% is accepted when some quotient of the
amounts' rounding intervals prints as it, rounded or truncated. Amounts are compared as rounding
intervals (balance).

not_applicable when the document has no 绩效自评表 or none prints what the identity needs (a
row whose 全年预算数 is zero has no 执行率). insufficient_data when a needed cell is empty or not a
number, or a funding row has a label the parser does not know (sources_sum cannot tell whether it
is a source).

    check: {kind: self_eval_funding, identity: execution_rate}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from budgetlint.checks.compare import balance, not_decided
from budgetlint.checks.performance_facts import points, to_fact
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import Candidate, Formula, derived, printed_rate, scores
from budgetlint.model import Disclosure, Evaluation, Fact
from budgetlint.numbers import interval_of, ratio_interval
from budgetlint.recognize.performance.vocabulary import vocabulary

HUNDRED = Decimal(100)
AmountColumn = Literal["initial_budget", "full_year_budget", "executed"]


class Params(Strict):
    identity: Literal["execution_rate", "sources_sum", "execution_score"]
    total: str = "total"
    addends: list[list[str]] = []
    columns: list[AmountColumn] = ["initial_budget", "full_year_budget", "executed"]
    formulas: list[Formula] = []
    score_decimals: int = 1

    @model_validator(mode="after")
    def _needs(self) -> Params:
        if self.identity == "sources_sum" and not self.addends:
            raise ValueError("sources_sum needs addends")
        if self.identity == "execution_score" and not self.formulas:
            raise ValueError("execution_score needs formulas")
        return self


def table_name(evaluation) -> str:
    name = evaluation.name.text if evaluation.name else f"第{evaluation.line}行"
    return f"{evaluation.title}（{name}）"


def header(evaluation, role: str) -> str:
    return evaluation.funding_headers.get(role) or vocabulary().role_names.get(role, role)


def cell(disclosure: Disclosure, evaluation, row, role: str) -> Fact:
    """One cell of a funding row as a Fact (amounts in the table's unit, rates and scores neutral)."""
    number = getattr(row, role)
    kwargs = dict(table=table_name(evaluation), row=row.label, column=header(evaluation, role), line=row.line)
    if role in ("initial_budget", "full_year_budget", "executed"):
        return to_fact(disclosure, number, unit=evaluation.unit or "万元", **kwargs)
    return points(disclosure, number, **kwargs)


def _rate_inputs(disclosure, evaluation, row) -> tuple[Fact, Fact] | None:
    if row.executed is None or row.full_year_budget is None:
        return None
    return cell(disclosure, evaluation, row, "executed"), cell(disclosure, evaluation, row, "full_year_budget")


def _implied(executed: Fact, budget: Fact) -> Candidate | None:
    ratio = ratio_interval(interval_of(executed.value, executed.decimals), interval_of(budget.value, budget.decimals))
    if ratio is None:
        return None
    return Candidate(f"{executed.location.column} {executed.text} ÷ {budget.location.column} {budget.text}", ratio)


def _execution_rate(rule, disclosure: Disclosure, evaluation) -> list[Evaluation]:
    out = []
    for row in evaluation.funding:
        if row.execution_rate is None:
            continue
        subject = f"{table_name(evaluation)}「{row.label}」{header(evaluation, 'execution_rate')}"
        inputs = _rate_inputs(disclosure, evaluation, row)
        if inputs is None:
            out.append(not_decided(rule.id, "insufficient_data", "全年执行数或全年预算数没有读到", subject))
            continue
        implied = _implied(*inputs)
        if implied is None:
            continue  # 全年预算数 zero: no rate
        printed = cell(disclosure, evaluation, row, "execution_rate")
        out.append(derived(rule.id, subject, printed, [implied], list(inputs), unit="%", scale=HUNDRED))
    return out


def _execution_score(rule, disclosure: Disclosure, evaluation, p: Params) -> list[Evaluation]:
    out = []
    for row in evaluation.funding:
        if row.score is None:
            continue
        subject = f"{table_name(evaluation)}「{row.label}」{header(evaluation, 'score')}"
        if row.weight is None:
            out.append(not_decided(rule.id, "insufficient_data", "分值没有读到", subject))
            continue
        rates, inputs = [], [cell(disclosure, evaluation, row, "weight")]
        if row.execution_rate is not None:
            rate = cell(disclosure, evaluation, row, "execution_rate")
            rates.append(printed_rate(rate))
            inputs.append(rate)
        amounts = _rate_inputs(disclosure, evaluation, row)
        if amounts is not None and (implied := _implied(*amounts)) is not None:
            rates.append(implied)
            inputs += list(amounts)
        if not rates:
            out.append(not_decided(rule.id, "insufficient_data", "执行率没有读到", subject))
            continue
        candidates = scores(row.weight.value, rates, p.formulas)
        printed = cell(disclosure, evaluation, row, "score")
        out.append(derived(rule.id, subject, printed, candidates, inputs, unit="分", min_decimals=p.score_decimals))
    return out


def _sources_sum(rule, disclosure: Disclosure, evaluation, p: Params) -> list[Evaluation]:
    name = table_name(evaluation)
    totals = [r for r in evaluation.funding if r.key == p.total]
    others = [r for r in evaluation.funding if r.key != p.total]
    if not totals or not others:
        return []
    unknown = [r.label for r in others if r.key is None]
    if unknown:
        return [not_decided(rule.id, "insufficient_data", "无法识别的资金行：" + "、".join(unknown), name)]
    keys = {r.key for r in others}
    addends = max(p.addends, key=lambda alt: len(keys & set(alt)))
    rows = [r for r in others if r.key in addends]
    if not rows:
        return []
    out = []
    for column in p.columns:
        total = cell(disclosure, evaluation, totals[0], column)
        facts = [cell(disclosure, evaluation, r, column) for r in rows]
        if all(f.value is None and f.parsed for f in [total, *facts]):
            continue
        out.append(balance(rule.id, f"{name} {header(evaluation, column)}", [total], facts,
                           name=lambda f: f.location.row or ""))
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.self_evaluations:
        return [not_decided(rule.id, "not_applicable", "文件中没有绩效自评表")]
    out = []
    for evaluation in disclosure.self_evaluations:
        if p.identity == "execution_rate":
            out += _execution_rate(rule, disclosure, evaluation)
        elif p.identity == "execution_score":
            out += _execution_score(rule, disclosure, evaluation, p)
        else:
            out += _sources_sum(rule, disclosure, evaluation, p)
    if not out:
        return [not_decided(rule.id, "not_applicable", "绩效自评表没有印出本规则所需的栏目")]
    return out
