"""claim_amount: an amount stated in the narrative equals the table cell(s) its subject names.

Bindings come from the template's narrative vocabulary (recognize/narrative/binding.py): only a
claim whose subject, section, year and unit all agree is bound; the rest are counted as unbound
and never compared. A narrative amount printed with fewer decimals (8261万元) stands for its
rounding interval; the same precision must match exactly (a last-digit difference is info). A
narrative amount in 万元 stated for a table in 元 is a conversion, which documents round or
truncate (87,708 元 as 8.77 or 8.76 万元): both are accepted.

Params: none.

    check: {kind: claim_amount}
"""

from __future__ import annotations

from budgetlint.checks.claims import claim_balance
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact


class Params(Strict):
    pass


def _name(fact: Fact) -> str:
    loc = fact.location
    return f"{loc.table}「{loc.row}」{loc.column or ''}"


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    if not disclosure.bindings:
        return [not_decided(rule.id, "not_applicable", "正文中没有能与表格对应的金额")]
    out = []
    for binding in disclosure.bindings:
        converted = any(f.unit != binding.claim_fact.unit for f in binding.facts)
        out.append(claim_balance(rule.id, f"正文“{binding.claim.span.text}”", [binding.claim_fact],
                                 list(binding.facts), name=_name, row=binding.subject, quote=binding.claim.span.text,
                                 claims=[binding.claim], reported_may_truncate=converted))
    return out
