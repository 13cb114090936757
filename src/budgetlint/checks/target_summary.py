"""target_summary: the narrative's 绩效管理 paragraph against the 项目支出绩效目标表 it publishes.

(公开项目绩效目标N个，涉及项目金额A万元…) N must be the number of 项目支出绩效目标表 in the
document, A the sum of their 年度资金总额 (元 converted to 万元, every table an addend with its
line). Each statement names the narrative subject, optionally a clause pattern, and the measure:
  targets_count    how many 项目支出绩效目标表
  targets_amount   Σ 年度资金总额 of those tables
not_applicable when the document has no target table or states none of these.

Params:
  statements: list of {subject, clause (regex, optional), measure}

    check:
      kind: target_summary
      statements:
        - {subject: 公开项目绩效目标, measure: targets_count}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.claims import amount_fact, by_line, claim_balance, claims_of, count_against, states
from budgetlint.checks.compare import not_decided
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact

# Looks over the whole document for what it compares (unread.py):
# the 绩效目标表 a stated total is made of may be on a page that was not read
READS_WHOLE_DOCUMENT = True


class Statement(Strict):
    subject: str
    clause: str | None = None
    measure: Literal["targets_count", "targets_amount"]


class Params(Strict):
    statements: list[Statement]


def _annual_totals(disclosure: Disclosure) -> list[Fact] | None:
    facts = []
    for table in disclosure.targets:
        line = table.annual_funding.total if table.annual_funding else None
        if line is None or line.amount is None:
            return None
        name = table.project_name.text if table.project_name else table.title
        facts.append(
            to_fact(
                disclosure,
                line.amount,
                table=table.title,
                row=name,
                column="年度资金总额",
                line=line.line,
                unit=table.unit or "元",
            )
        )
    return facts


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.targets:
        return [not_decided(rule.id, "not_applicable", "文件中没有项目支出绩效目标表")]
    out = []
    for statement in p.statements:
        if statement.measure == "targets_count":
            count = len(disclosure.targets)
            out += [
                count_against(rule.id, claim, count, f"文件中有 {count} 张项目支出绩效目标表")
                for claim in claims_of(disclosure, "count")
                if states(claim, statement.subject, statement.clause)
            ]
            continue
        claims = [c for c in claims_of(disclosure, "amount") if states(c, statement.subject, statement.clause)]
        facts = _annual_totals(disclosure) if claims else None  # the same for every claim: read once
        for claim in claims:
            if not facts:
                out.append(not_decided(rule.id, "insufficient_data", "有绩效目标表缺少年度资金总额", claim.span.text))
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
                    reported_may_truncate=True,
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "正文没有汇总项目绩效目标的表述")]
