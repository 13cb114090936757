"""The cells of a 绩效自评表 as Facts, for the self-evaluation kinds (execution_rate,
self_eval_funding_sum, execution_score, completion_rate, indicator_score, weight_total,
score_total, deviation_reason, deviation_direction, full_marks_missed, met_ceiling_rate,
exceeded_score).

A table is named by its title and its project (many share one title). Amounts of the 资金 rows
are Facts in the table's unit; rates, weights and scores are Facts of the neutral unit
(performance_facts.points), read to at least `min_decimals` (documents print whole scores as 20
next to 9.82). A column is named as the table prints its header, or by the vocabulary's name for
its role when the header was not read.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from budgetlint.checks.compare import not_decided
from budgetlint.checks.performance_facts import points, to_fact
from budgetlint.checks.scoring import Candidate, actual_against_target
from budgetlint.model import Disclosure, Evaluation, Fact
from budgetlint.numbers import interval_of, ratio_interval
from budgetlint.recognize.performance.vocabulary import vocabulary

HUNDRED = Decimal(100)
AMOUNT_ROLES = ("initial_budget", "full_year_budget", "executed")


def each_table(rule, disclosure: Disclosure, check: Callable[[object], list[Evaluation]]) -> list[Evaluation]:
    """`check` over every 绩效自评表; not_applicable when there is none, or none prints what it needs."""
    if not disclosure.self_evaluations:
        return [not_decided(rule.id, "not_applicable", "文件中没有绩效自评表")]
    out = [e for evaluation in disclosure.self_evaluations for e in check(evaluation)]
    return out or [not_decided(rule.id, "not_applicable", "绩效自评表没有印出本规则所需的栏目")]


def table_name(evaluation) -> str:
    name = evaluation.name.text if evaluation.name else f"第{evaluation.line}行"
    return f"{evaluation.title}（{name}）"


def funding_header(evaluation, role: str) -> str:
    return evaluation.funding_headers.get(role) or vocabulary().role_names.get(role, role)


def indicator_header(evaluation, role: str) -> str:
    return evaluation.indicator_headers.get(role) or vocabulary().role_names.get(role, role)


def funding_cell(disclosure: Disclosure, evaluation, row, role: str, min_decimals: int = 0) -> Fact:
    """One cell of a 资金 row as a Fact (amounts in the table's unit, rates and scores neutral)."""
    number = getattr(row, role)
    kwargs = {
        "table": table_name(evaluation),
        "row": row.label,
        "column": funding_header(evaluation, role),
        "line": row.cell_lines.get(role, row.line),
    }
    if role in AMOUNT_ROLES:
        return to_fact(disclosure, number, unit=evaluation.unit or "万元", **kwargs)
    return points(disclosure, number, min_decimals=min_decimals, **kwargs)


def rate_inputs(disclosure: Disclosure, evaluation, row) -> tuple[Fact, Fact] | None:
    """全年执行数 and 全年预算数 of a 资金 row, when both are printed."""
    if row.executed is None or row.full_year_budget is None:
        return None
    return (
        funding_cell(disclosure, evaluation, row, "executed"),
        funding_cell(disclosure, evaluation, row, "full_year_budget"),
    )


def execution_rate_of(executed: Fact, budget: Fact) -> Candidate | None:
    """执行数 ÷ 预算数 as an interval; None when the budget is zero (no rate)."""
    ratio = ratio_interval(interval_of(executed.value, executed.decimals), interval_of(budget.value, budget.decimals))
    if ratio is None:
        return None
    return Candidate(f"{executed.location.column} {executed.text} ÷ {budget.location.column} {budget.text}", ratio)


def funding_rows(evaluation, role: str) -> list:
    """The 资金 rows that print `role` (分值, 执行率得分)."""
    return [r for r in evaluation.funding if getattr(r, role) is not None]


def addends(disclosure: Disclosure, evaluation, role: str, min_decimals: int, *, funding: bool) -> list[Fact]:
    """What the 总分 row's 权重 or 得分 (`role`: weight / score) adds up: every indicator's cell,
    after the 资金 rows' 分值 / 执行率得分 when `funding`."""
    cells = [indicator_cell(disclosure, evaluation, i, role, min_decimals) for i in evaluation.indicators]
    if not funding:
        return cells
    return [funding_cell(disclosure, evaluation, r, role, min_decimals) for r in funding_rows(evaluation, role)] + cells


def indicator_cell(disclosure: Disclosure, evaluation, indicator, role: str, min_decimals: int = 0) -> Fact:
    """A number cell of an indicator row (权重, 完成率, 得分) as a neutral Fact."""
    number = getattr(indicator, role)
    return points(
        disclosure,
        number,
        table=table_name(evaluation),
        row=indicator.level3,
        column=indicator_header(evaluation, role),
        line=indicator.cell_lines[role] if number else indicator.line,
        min_decimals=min_decimals,
    )


def value_cell(disclosure: Disclosure, evaluation, indicator, role: str) -> Fact:
    """目标值 / 业绩值 as a Fact: for its location and text (a date or words are not numbers)."""
    value = getattr(indicator, role)
    return to_fact(
        disclosure,
        None,
        table=table_name(evaluation),
        row=indicator.level3,
        column=indicator_header(evaluation, role),
        line=indicator.cell_lines.get(role, indicator.line),
        text=value.text,
    )


def indicator_subject(evaluation, indicator, role: str) -> str:
    return f"{table_name(evaluation)}「{indicator.level3}」{indicator_header(evaluation, role)}"


def indicators_beyond(disclosure: Disclosure, operators: tuple[str, ...], direction: int):
    """(table, indicator) of every row whose 目标值 uses one of `operators` and whose 业绩值 lies on
    side `direction` of it (1 above, -1 below) beyond rounding, in comparable units."""
    for evaluation in disclosure.self_evaluations:
        for indicator in evaluation.indicators:
            if indicator.target.operator in operators and actual_against_target(indicator) == direction:
                yield evaluation, indicator


def row_cell(disclosure: Disclosure, evaluation, indicator, role: str) -> Fact:
    """完成率 / 得分 / 权重 of an indicator row as a Fact, located at its cell (at its row when empty)."""
    number = getattr(indicator, role)
    return to_fact(
        disclosure,
        number,
        table=table_name(evaluation),
        row=indicator.level3,
        column=indicator_header(evaluation, role),
        line=indicator.cell_lines[role] if number else indicator.line,
    )


def total_cell(disclosure: Disclosure, evaluation, field: str, min_decimals: int = 0) -> Fact:
    """The 总分 row's printed 权重 or 得分 (`field`: total_weight / total_score) as a neutral Fact,
    located at its cell."""
    return points(
        disclosure,
        getattr(evaluation, field),
        table=table_name(evaluation),
        row="总分",
        column=None,
        line=evaluation.total_lines[field],
        min_decimals=min_decimals,
    )


def row_values(evaluation, indicator, column: str) -> dict[str, str]:
    """The message placeholders {table}, {row} and {column} of an indicator row's finding."""
    return {"table": table_name(evaluation), "row": indicator.level3, "column": indicator_header(evaluation, column)}
