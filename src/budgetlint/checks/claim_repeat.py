"""claim_repeat: the same subject stated twice in one paragraph with different amounts.

(项目经费 208.8万元 at the start of an item and 201.50万元 later.) Amounts inside a 主要原因
explanation and subjects listed in `ignore_subjects` (generic words such as 涉及金额 that name
different things each time) are left out. Two printings at different precision agree when their
rounding intervals overlap.

Params:
  ignore_subjects: subjects too generic to compare (after normalisation)

    check: {kind: claim_repeat, ignore_subjects: [涉及金额]}
"""

from __future__ import annotations

from budgetlint.checks.claims import amount_fact, claim_balance, claims_of
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.labels import normalise_subject
from budgetlint.model import Disclosure, Evaluation, Fact


class Params(Strict):
    ignore_subjects: list[str] = []


def _name(fact: Fact) -> str:
    return f"第{fact.location.line}行“{fact.location.row}”"


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    ignored = {normalise_subject(s) for s in p.ignore_subjects}
    groups: dict[tuple, list] = {}
    for claim in claims_of(disclosure, "amount"):
        subject = normalise_subject(claim.subject)
        if claim.in_reason or not subject or subject in ignored:
            continue
        groups.setdefault((claim.location.line, subject), []).append(claim)
    out = []
    for (_, subject), claims in groups.items():
        first = amount_fact(claims[0])
        for other in claims[1:]:
            out.append(claim_balance(rule.id, f"正文“{subject}”", [amount_fact(other)], [first], name=_name,
                                     row=subject, quote=other.span.text))
    return out or [not_decided(rule.id, "not_applicable", "没有在同一段中重复出现的金额")]
