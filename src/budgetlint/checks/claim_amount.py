"""claim_amount: an amount stated in the narrative equals the table cell(s) its subject names.

Bindings come from the template's narrative vocabulary (recognize/narrative/binding.py): only a
claim whose subject, section, year and unit all agree is bound; the rest are counted as unbound
and never compared. A narrative amount printed with fewer decimals (8261万元) stands for its
rounding interval; the same precision must match exactly (a last-digit difference is info). A
narrative amount in 万元 stated for a table in 元 is a conversion, which documents round or
truncate (87,708 元 as 8.77 or 8.76 万元): both are accepted. When an amount bound to a 款 or 项 row
differs from it and is instead the amount of that row's 类 (or 款), the finding says so: the text names
the 项 but gives its 类's amount.

Params: none.

    check: {kind: claim_amount}
"""

from __future__ import annotations

from dataclasses import replace

from budgetlint.checks.claims import claim_balance
from budgetlint.checks.compare import interval_in, not_decided, stated_interval
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome


class Params(Strict):
    pass


def _name(fact: Fact) -> str:
    loc = fact.location
    return f"{loc.table}「{loc.row}」{loc.column or ''}"


def _parent_with_amount(disclosure: Disclosure, binding) -> Fact | None:
    """The 类 (or 款) cell above the bound 项 (or 款) row whose amount the claim states instead."""
    if len(binding.facts) != 1:
        return None
    fact = binding.facts[0]
    for table in disclosure.tables:
        column = next((c for row in table.rows for c, f in row.cells.items() if f is fact and row.code), None)
        if column is None:
            continue
        code = next(row.code for row in table.rows if row.cells.get(column) is fact)
        if not code:
            continue
        parents = {row.code: row.cells.get(column) for row in table.rows if row.code in {code[:3], code[:5]} - {code}}
        said = stated_interval([binding.claim_fact], fact.unit, may_truncate=binding.claim_fact.unit != fact.unit)
        return next(
            (
                f
                for f in parents.values()
                if f is not None and f.value is not None and said.overlaps(interval_in(f, fact.unit))
            ),
            None,
        )
    return None


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    if not disclosure.bindings:
        return [not_decided(rule.id, "not_applicable", "正文中没有能与表格对应的金额")]
    out = []
    for binding in disclosure.bindings:
        converted = any(f.unit != binding.claim_fact.unit for f in binding.facts)
        result = claim_balance(
            rule.id,
            f"正文“{binding.claim.span.text}”",
            [binding.claim_fact],
            list(binding.facts),
            name=_name,
            row=binding.subject,
            quote=binding.claim.span.text,
            claims=[binding.claim],
            reported_may_truncate=converted,
        )
        parent = _parent_with_amount(disclosure, binding) if result.outcome == Outcome.FAIL else None
        if parent is not None:
            result = replace(
                result,
                detail=f"{result.detail}；正文金额是上级科目「{parent.location.row}」的数（{parent.text}）",
                locations=(*result.locations, parent.location),
            )
        out.append(result)
    return out
