"""claim_parts: a stated total equals the sum of the parts listed after it (其中 a、b、c).

E.g. 政府采购预算总额216.17万元。其中：货物45.92万元、工程0万元、服务170.25万元. Compared under
rounding intervals. A list whose items may overlap (a sub-item listed beside its parent) gives
insufficient_data.

Params: none.

    check: {kind: claim_parts}
"""

from __future__ import annotations

from budgetlint.checks.claims import amount_fact, claim_balance, claims_of
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact


class Params(Strict):
    pass


def _name(fact: Fact) -> str:
    return fact.location.row or ""


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    out = []
    for claim in claims_of(disclosure, "parts"):
        subject = claim.subject or claim.total.subject or claim.total.span.text
        if claim.overlap_suspected:
            out.append(not_decided(rule.id, "insufficient_data", f"“{subject}”的分项可能互相包含，不予相加", subject))
            continue
        out.append(
            claim_balance(
                rule.id,
                f"正文“{subject}”",
                [amount_fact(claim.total)],
                [amount_fact(p) for p in claim.items],
                name=_name,
                row=subject,
                quote=claim.total.span.text,
                claims=[claim, claim.total, *claim.items],
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有“总额 + 其中分项”的列举")]
