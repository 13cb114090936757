"""scope_parts: a disclosure carries no part that only the other scope has.

A part of the template limited to one scope (`scopes: [department]`, e.g. the list of units a
部门 budget covers) found in a disclosure of the other scope is a finding at that part. One pass per
scoped part not carried.

Params: none.

not_applicable when the document's scope is not told or the template has no scoped part.

    check: {kind: scope_parts}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Outcome

SCOPE_NAMES = {"department": "部门", "unit": "单位"}


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    parts = disclosure.parts
    if parts is None or parts.scope is None:
        return [not_decided(rule.id, "not_applicable", "文件未写明是部门预算还是单位预算")]
    scoped = [s for s in parts.specs if s.scopes]
    if not scoped:
        return [not_decided(rule.id, "not_applicable", "模板中没有只属于部门或单位预算的部分")]
    kind = SCOPE_NAMES[parts.scope]
    out = []
    for spec in scoped:
        found = parts.get(spec.id)
        if found is None or parts.scope in spec.scopes:
            where = (found.location,) if found is not None else ()
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=spec.name, locations=where))
            continue
        owners = "、".join(SCOPE_NAMES[s] for s in spec.scopes)
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=spec.name,
                actual=found.title[:40],
                locations=(found.location,),
                detail=f"这是{kind}预算，第{found.location.line}行却有只属于{owners}预算的“{spec.name}”：{found.title[:40]}",
                values={"table": spec.name, "quote": found.title[:40]},
            )
        )
    return out
