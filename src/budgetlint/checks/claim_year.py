"""claim_year: a comparison in the narrative names the previous year.

A budget or final account of year Y compares with Y − 1 (比2023年预算数 in a 2024 budget). A
comparison naming Y itself (a 2026 budget "比2026年预算增加") or any other year is a finding.
A year-end as-of date (截至YYYY年12月31日) must be the year the figures stand at: Y in a final
account, Y − 1 in a budget (its year has not ended). Other dates (截至2025年3月27日 in a budget)
and years outside comparisons are not checked.

Params: none.

    check: {kind: claim_year}
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.checks.claims import claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation

_YEAR_END = re.compile(r"截[至止](20\d\d)年12月31日")


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    if disclosure.year is None:
        return [not_decided(rule.id, "insufficient_data", "未识别出文件年度")]
    expected = disclosure.year - 1
    year_end = disclosure.year if disclosure.kind == "final_account" else disclosure.year - 1
    out = []
    for mention in claims_of(disclosure, "year"):
        if mention.is_date and (year_end_match := _YEAR_END.search(mention.clause)):
            stated = int(year_end_match.group(1))
            if stated != mention.year:
                continue
            fact = fact_of_claim(mention, Decimal(mention.year), 0, "年", mention.span.text, row="截至日期")
            out.append(
                narrative_evaluation(
                    rule.id,
                    mention.year == year_end,
                    mention,
                    subject=f"截至{mention.year}年12月31日",
                    facts=[fact],
                    claims=[mention],
                    expected=str(year_end),
                    actual=str(mention.year),
                    unit="年",
                    detail=f"{disclosure.year}年度{'决算' if disclosure.kind == 'final_account' else '预算'}"
                    f"的年末数据应截至{year_end}年12月31日",
                )
            )
            continue
        if not mention.comparison or mention.is_date:
            continue
        fact = fact_of_claim(mention, Decimal(mention.year), 0, "年", mention.span.text, row="比较年度")
        out.append(
            narrative_evaluation(
                rule.id,
                mention.year == expected,
                mention,
                subject=mention.span.text,
                facts=[fact],
                claims=[mention],
                expected=str(expected),
                actual=str(mention.year),
                unit="年",
                detail=f"{disclosure.year}年度的文件应与{expected}年比较",
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有写明年份的比较")]
