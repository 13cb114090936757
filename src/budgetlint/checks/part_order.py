"""part_order: the parts of a group (the tables, the 情况说明 sections) stand in the template's order.

The found parts of each group are read in document order; the longest run that keeps the template's
order is taken as right, and every other part is a finding that says after which part the template
puts it and after which part the document prints it. One pass per group in order.

Params:
  groups: the part groups to check, e.g. [tables, narrative] (`group:` in the template's parts)

not_applicable for a group with fewer than two parts found (or a template without parts).

    check: {kind: part_order, groups: [tables, narrative]}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.model.parts import FoundPart

# Looks over the whole document for what it compares (unread.py):
# a part out of order may only seem so when another is on a page that was not read
READS_WHOLE_DOCUMENT = True


class Params(Strict):
    groups: list[str]


def _kept(ranks: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence of `ranks` (the parts taken as in place)."""
    best: list[list[int]] = []
    for i, rank in enumerate(ranks):
        chain = max((c for c in best if ranks[c[-1]] < rank), key=len, default=[])
        best.append([*chain, i])
    longest: list[int] = max(best, key=len, default=[])
    return set(longest)


def _group(rule, group: str, found: list[FoundPart], order: dict[str, int]) -> list[Evaluation]:
    if len(found) < 2:
        return [not_decided(rule.id, "not_applicable", f"{group} 组找到的部分少于两个", subject=group)]
    ranks = [order[f.spec.id] for f in found]
    kept = _kept(ranks)
    out = []
    for i, part in enumerate(found):
        if i in kept:
            continue
        before = [f for f in found if order[f.spec.id] < order[part.spec.id]]
        should = f"“{max(before, key=lambda f: order[f.spec.id]).spec.name}”之后" if before else "本组最前"
        printed = f"“{found[i - 1].spec.name}”之后" if i else "本组最前"
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=part.spec.name,
                expected=should,
                actual=printed,
                detail=f"“{part.title}”（第{part.location.line}行）按模板应在{should}，文件中在{printed}",
                locations=(part.location,),
                values={"table": part.spec.name},
            )
        )
    return out or [Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=group)]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    parts = disclosure.parts
    if parts is None or not parts.specs:
        return [not_decided(rule.id, "not_applicable", "模板未列出必备部分")]
    order = {spec.id: i for i, spec in enumerate(parts.specs)}
    out = []
    for group in p.groups:
        found = [f for f in parts.found if f.spec.group == group]  # parts.found is in line order
        out += _group(rule, group, found, order)
    return out
