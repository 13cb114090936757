"""prose_sum: a total stated after the items it sums equals their sum (…；4、教学督导人员17万元。以上共计372.4万元).

recognize/narrative/sums.py reads the totals (以上共计, 合计, 共计, 共 …) and their items: the numbers of
the same measure listed before them in the same cell or paragraph (以上…: every item from the first
numbered item on; 共计 / 合计: those of its own numbered item or clause), an earlier sub-total
standing for its own items, bracketed parts (含…), differences and prices left out. Compared under
rounding intervals, in the total's unit; a number printed as approximate (约50万元, 60多份) may be off
by `approximate` of its value.

Params:
  sources:     where the totals stand: narrative (情况说明), target, overall, self_evaluation
               (the prose cells of those performance tables) (default all)
  approximate: how far an approximate number may be off, as a share of it (default 0.1)

not_applicable when no such total is stated there.

    check: {kind: prose_sum, sources: [target, overall]}
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Literal

from budgetlint.checks.compare import interval_in, not_decided
from budgetlint.checks.prose import compare, number_fact, quote
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact
from budgetlint.model.prose import SumStatement


class Params(Strict):
    sources: tuple[Literal["narrative", "target", "overall", "self_evaluation"], ...] = (
        "narrative",
        "target",
        "overall",
        "self_evaluation",
    )
    approximate: Decimal = Decimal("0.1")


def _name(fact: Fact) -> str:
    return fact.location.row or ""


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    groups: dict[tuple, list[SumStatement]] = {}  # the 实施期 and 年度 sides often print one text: one evaluation
    for statement in disclosure.prose_sums:
        if statement.source in p.sources:
            cell = disclosure.prose_cells[statement.cell] if statement.cell is not None else None
            total = statement.total
            groups.setdefault((total.location.line, total.span.start, cell.text if cell else ""), []).append(statement)
    return [_evaluate(rule.id, disclosure, copies, p) for copies in groups.values()] or [
        not_decided(rule.id, "not_applicable", "没有写在分项之后的合计（以上共计、合计、共计）")
    ]


def _evaluate(rule_id: str, disclosure: Disclosure, copies: list[SumStatement], p: Params) -> Evaluation:
    statement = copies[0]
    total = statement.total
    cell = disclosure.prose_cells[statement.cell] if statement.cell is not None else None
    stated = number_fact(total)
    items = [replace(number_fact(q), location=replace(q.location, row=q.lead.strip())) for q in statement.items]
    approximate = [f for f, q in zip([stated, *items], [total, *statement.items]) if q.approximate]
    tolerance = sum((abs(interval_in(f, stated.unit).mid) * p.approximate for f in approximate), Decimal(0))
    table = cell.table_name if cell else (total.location.table or "")
    values = {"table": table, "row": cell.label if cell else "", "column": "", "quote": quote(total)}
    keys = tuple(q.key for s in copies for q in (s.total, *s.items))
    result = compare(
        rule_id,
        f"{table}{'「' + cell.label + '」' if cell else ''}",
        stated,
        items,
        measure=total.measure,
        name=_name,
        values=values,
        keys=keys,
        floor=tolerance / 2,
    )
    if not approximate:
        return result
    note = f"（{len(approximate)} 个约数按 ±{p.approximate:%} 计）"
    return replace(result, detail=f"{result.detail or ''}{note}")
