"""stated_fact: a standing fact of the unit is given the same number wherever the document states it.

recognize/narrative/register.py keeps the document's register of facts: a count or measure whose
words name a standing fact (现有实训室88个, 我院共需实训室175个, 在校生…) in any prose -- the 情况说明 and
every performance table's prose cells -- under its name (marker + noun, with a year the sentence
names) and measure. Only statements naming a fact the same way are compared (precision first). The
number most statements give is the reference (the first stated on a tie); every statement giving
another is a finding, located at its own line and at the reference statements.

Params: none.

not_applicable when no standing fact is stated twice.

    check: {kind: stated_fact}
"""

from __future__ import annotations

from collections import Counter

from budgetlint.checks.compare import not_decided
from budgetlint.checks.prose import cell_of, number_fact, quote, sides
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.model.prose import ProseNumber
from budgetlint.numbers import format_amount


class Params(Strict):
    pass


def _place(disclosure: Disclosure, q: ProseNumber) -> tuple[str, str]:
    cell = cell_of(disclosure, q)
    return (cell.table_name, cell.label) if cell else (q.location.table or "", "")


def _named(fact) -> str:
    return f"第{fact.location.line}行"


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    out = []
    for fact in disclosure.stated_facts:
        counts = Counter(q.in_base_unit for q in fact.statements)
        top = max(counts.values())
        reference = next(q.in_base_unit for q in fact.statements if counts[q.in_base_unit] == top)
        agreeing = [q for q in fact.statements if q.in_base_unit == reference]
        unit = fact.statements[0].unit
        if len(counts) == 1:
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.PASS,
                    subject=fact.subject,
                    claims=tuple(q.key for q in fact.statements),
                )
            )
            continue
        lines = "、".join(str(q.location.line) for q in agreeing)
        for q in fact.statements:
            if q.in_base_unit == reference:
                continue
            table, row = _place(disclosure, q)
            decimals = max(q.decimals, agreeing[0].decimals)
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.FAIL,
                    subject=fact.subject,
                    expected=agreeing[0].text,
                    actual=q.text,
                    difference=format_amount((q.in_base_unit - reference) / q.factor, decimals),
                    unit=unit,
                    detail=f"第{lines}行写 {agreeing[0].text}{unit}（共 {len(agreeing)} 处）",
                    locations=(q.location, *(a.location for a in agreeing)),
                    values={"table": table, "row": row, "column": "", "quote": quote(q)},
                    claims=(q.key, *(a.key for a in agreeing)),
                    **sides(
                        [number_fact(q)],
                        [number_fact(a) for a in agreeing],
                        actual=q.text,
                        expected=agreeing[0].text,
                        unit=unit,
                        name=_named,
                    ),
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "没有在文件中写了两次以上的同一事实")]
