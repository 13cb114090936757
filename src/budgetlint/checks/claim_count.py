"""claim_count: a stated count equals the sum of its breakdown (N个，其中 a个…，b个…).

Params: none.

    check: {kind: claim_count}
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.checks.claims import claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation

# Looks over the whole document for what it compares (unread.py):
# the tables a stated count is made of may be on a page that was not read
READS_WHOLE_DOCUMENT = True


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    out = []
    for claim in claims_of(disclosure, "count"):
        if not claim.items:
            continue
        total = sum(p.value for p in claim.items)
        facts = [
            fact_of_claim(c, Decimal(c.value), 0, c.classifier, c.span.text, row=c.subject)
            for c in (claim, *claim.items)
        ]
        out.append(
            narrative_evaluation(
                rule.id,
                total == claim.value,
                claim,
                subject=claim.subject or claim.span.text,
                facts=facts,
                claims=[claim, *claim.items],
                expected=str(total),
                actual=str(claim.value),
                difference=str(claim.value - total),
                unit=claim.classifier,
                detail=" + ".join(p.span.text for p in claim.items),
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有带分项的计数")]
