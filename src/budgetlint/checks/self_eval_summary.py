"""self_eval_summary: the narrative's 预算绩效 paragraph against the self-evaluation tables.

A final account's narrative sums up its 绩效自评表 (…整体支出绩效自评表1个，全年预算总额A万元，实际
执行总额B万元；预算绩效评价项目N个，全年预算数C万元，全年执行数D万元). Each statement names a
narrative subject (optionally a clause pattern that tells apart two uses of one word) and the
measure it states:
  unit_budget / unit_executed       the 单位整体支出绩效自评表's 年度资金总额 全年预算数 / 全年执行数
  projects_budget / projects_executed  Σ over every 项目支出绩效自评表 of the same
  projects_count                    how many 项目支出绩效自评表 there are
Amounts are compared under rounding intervals (every table a separate addend, each with its line);
counts exactly. not_applicable when the document has no self-evaluation table or states none.

Params:
  statements: list of {subject, clause (regex, optional), measure}

    check:
      kind: self_eval_summary
      statements:
        - {subject: 全年预算总额, measure: unit_budget}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.claims import amount_fact, by_line, claim_balance, claims_of, count_against, states
from budgetlint.checks.compare import not_decided
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact

# Looks over the whole document for what it compares (unread.py):
# the 绩效自评表 a stated total is made of may be on a page that was not read
READS_WHOLE_DOCUMENT = True

Measure = Literal["unit_budget", "unit_executed", "projects_budget", "projects_executed", "projects_count"]


class Statement(Strict):
    subject: str
    clause: str | None = None
    measure: Measure


class Params(Strict):
    statements: list[Statement]


def _total_facts(disclosure: Disclosure, kind: str, field: str) -> list[Fact] | None:
    """The 年度资金总额 cell of `field` in every self-evaluation table of `kind`; None if one lacks it."""
    facts = []
    for table in (t for t in disclosure.self_evaluations if t.kind == kind):
        total = next((f for f in table.funding if f.key == "total"), None)
        number = getattr(total, field, None) if total else None
        if total is None or number is None:
            return None
        name = table.name.text if table.name else table.title
        line = total.cell_lines[field]
        facts.append(
            to_fact(disclosure, number, table=table.title, row=name, column=field, line=line, unit=table.unit or "万元")
        )
    return facts


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.self_evaluations:
        return [not_decided(rule.id, "not_applicable", "文件中没有绩效自评表")]
    projects = [t for t in disclosure.self_evaluations if t.kind == "project"]
    out = []
    for statement in p.statements:
        if statement.measure == "projects_count":
            out += [
                count_against(rule.id, claim, len(projects), f"文件中有 {len(projects)} 张项目支出绩效自评表")
                for claim in claims_of(disclosure, "count")
                if states(claim, statement.subject, statement.clause)
            ]
            continue
        kind = "unit" if statement.measure.startswith("unit") else "project"
        field = "full_year_budget" if statement.measure.endswith("budget") else "executed"
        for claim in claims_of(disclosure, "amount"):
            if not states(claim, statement.subject, statement.clause):
                continue
            facts = _total_facts(disclosure, kind, field)
            if not facts:
                out.append(not_decided(rule.id, "insufficient_data", "绩效自评表缺少年度资金总额", claim.span.text))
                continue
            out.append(
                claim_balance(
                    rule.id,
                    f"正文“{claim.span.text}”",
                    [amount_fact(claim)],
                    facts,
                    name=by_line,
                    row=claim.subject or "",
                    quote=claim.span.text,
                    claims=[claim],
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "正文没有汇总绩效自评表的表述")]
