"""formula_value: a worksheet formula's stored value is the value its formula gives.

A workbook stores, beside each formula, the value last computed; readers and PDF exports show
that value. When it was computed from other figures than the cells hold now (a template filled
by a script, calculation set to manual, a referenced cell typed over), the 合计 shows one number
and its formula says another. The XLSX reader recomputes every formula with a numeric result
from the stored values of the cells it refers to (ingest/xlsx_formulas.py); this kind compares
the two at the decimals the cell prints, so a float tail (0.30000000000000004) is never a finding.

One evaluation per formula cell: pass when the two print alike, fail when they differ (expected:
the recomputed value, actual: the stored one), insufficient_data when the formula cannot be
recomputed (a function budgetlint does not evaluate, a text cell in arithmetic: the reason is
given), not_applicable when the file stored no value (the cell is read as its recomputed value)
and, once, when the document has no formula (any input other than a workbook with formulas).

No parameters.

    check: {kind: formula_value}
"""

from __future__ import annotations

from typing import Any

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.model.document import FormulaCell
from budgetlint.numbers import format_amount


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    formulas = disclosure.source.formulas if disclosure.source is not None else ()
    if not formulas:
        return [not_decided(rule.id, "not_applicable", "文件中没有公式")]
    return [_evaluate(rule.id, cell) for cell in formulas]


def _evaluate(rule_id: str, cell: FormulaCell) -> Evaluation:
    """The stored value against the recomputed one; said out loud when either is missing."""

    def at(outcome: Outcome, **sides: Any) -> Evaluation:
        return Evaluation(
            rule=rule_id,
            outcome=outcome,
            subject=f"{cell.location.sheet}!{cell.location.cell}",
            values={"quote": cell.formula},
            locations=(cell.location,),
            **sides,
        )

    if cell.cached is None:
        return at(Outcome.NOT_APPLICABLE, detail="文件没有保存公式的计算结果，按重算值读取")
    if cell.recomputed is None:
        return at(Outcome.INSUFFICIENT_DATA, detail=f"公式无法重算：{cell.reason}")
    same = cell.cached == cell.recomputed
    return at(
        Outcome.PASS if same else Outcome.FAIL,
        expected=format_amount(cell.recomputed, cell.decimals),
        actual=format_amount(cell.cached, cell.decimals),
        difference=None if same else format_amount(cell.cached - cell.recomputed, cell.decimals),
    )
