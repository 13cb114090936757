"""claim_list_class: a list of 类 in the narrative names each 类 as the table does.

A list after 主要用于/其中 (教育支出300.00万元，占…；科学技术支出…) whose parts bind, at least two of them,
to 类 rows of the section's table (the narrative vocabulary's `classes`) is a list of that table's
类. A part of such a list that binds to nothing, whose name is no 类 of the table, and whose amount
is that of exactly one 类 row no other part names, is that 类 under a wrong name: 004's
“一般公共预算支出15.55万元” for 201 一般公共服务支出 15.55. A part whose amount matches no single
类 (其他支出 standing for the rest) is left alone. One pass per part bound to a 类 row.

Params: none.

    check: {kind: claim_list_class}
"""

from __future__ import annotations

from budgetlint.checks.claims import claim_key, claims_of, class_rows, narrative_evaluation
from budgetlint.checks.compare import interval_in, not_decided, stated_interval
from budgetlint.checks.refs import Strict
from budgetlint.labels import normalise_subject
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome
from budgetlint.recognize.narrative.binding import amount_fact, class_rows_of

# Looks over the whole document for what it compares (unread.py):
# the 类 a listed amount is looked up in may be on a page that was not read
READS_WHOLE_DOCUMENT = True

MIN_BOUND = 2  # parts bound to 类 rows before a list counts as a list of 类


class Params(Strict):
    pass


def _same_amount(said: Fact, cell: Fact) -> bool:
    """The narrative amount may be the cell's: within rounding, and, converted from 元 to 万元,
    truncated as documents do (claim_amount accepts the same)."""
    unit = said.unit or "万元"
    return stated_interval([said], unit, may_truncate=said.unit != cell.unit).overlaps(interval_in(cell, unit))


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    bound = {claim_key(b.claim): b for b in disclosure.bindings}
    out = []
    for listing in claims_of(disclosure, "parts"):
        rows = class_rows_of(disclosure, listing, class_rows(disclosure))
        if not rows:
            continue
        class_cells = {id(f) for cells in rows.values() for f in cells}
        in_list = [bound.get(claim_key(p)) for p in listing.items]
        named = [b for b in in_list if b is not None and any(id(f) in class_cells for f in b.facts)]
        if len(named) < MIN_BOUND:
            continue
        taken = {id(f) for b in named for f in b.facts}
        out += [
            Evaluation(
                rule=rule.id,
                outcome=Outcome.PASS,
                subject=b.subject,
                claims=(claim_key(b.claim),),
                locations=(b.claim_fact.location, *(f.location for f in b.facts)),
            )
            for b in named
        ]
        for part, binding in zip(listing.items, in_list):
            name = normalise_subject(part.subject)
            if binding is not None or not name or name in rows:
                continue
            said = amount_fact(part)
            same = [
                (label, f)
                for label, cells in rows.items()
                for f in cells[:1]
                if id(f) not in taken and f.value is not None and _same_amount(said, f)
            ]
            if len(same) != 1:
                continue
            label, fact = same[0]
            out.append(
                narrative_evaluation(
                    rule.id,
                    False,
                    part,
                    subject=part.subject,
                    facts=[amount_fact(part), fact],
                    claims=[part],
                    expected=label,
                    actual=part.subject,
                    detail=(
                        f"列举的是{fact.location.table}的类，“{part.subject}”不是表中的类名；"
                        f"与它金额相同（{fact.text}）、未被列举的类是“{fact.location.row}”"
                    ),
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有按类列举的金额")]
