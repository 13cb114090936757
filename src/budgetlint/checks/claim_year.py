"""claim_year: a comparison in the narrative names the previous year.

A budget or final account of year Y compares with Y − 1 (比2023年预算数 in a 2024 budget). A
comparison naming Y itself (a 2026 budget "比2026年预算增加") or any other year is a finding.
Dates (截至2024年12月31日) and years outside comparisons are not checked.

Params: none.

    check: {kind: claim_year}
"""

from __future__ import annotations

from budgetlint.checks.claims import claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    if disclosure.year is None:
        return [not_decided(rule.id, "insufficient_data", "未识别出文件年度")]
    expected = disclosure.year - 1
    out = []
    for mention in claims_of(disclosure, "year"):
        if not mention.comparison or mention.is_date:
            continue
        fact = fact_of_claim(mention, mention.year, 0, "年", mention.span.text, row="比较年度")
        out.append(narrative_evaluation(
            rule.id, mention.year == expected, mention, subject=mention.span.text, facts=[fact], claims=[mention],
            expected=str(expected), actual=str(mention.year), unit="年",
            detail=f"{disclosure.year}年度的文件应与{expected}年比较"))
    return out or [not_decided(rule.id, "not_applicable", "正文中没有写明年份的比较")]
