"""hidden_content: nothing in a workbook is hidden that holds text or numbers.

A hidden sheet, row or column is neither shown nor printed, so the published disclosure (a PDF
exported from the workbook, or the workbook as readers open it) leaves it out while its figures
may still be counted in a 合计 beside them. The XLSX reader reads what prints and records what
is hidden (SourceDocument.hidden); each hidden part with content is a finding naming the first
hidden cell, what it holds and how many filled cells are hidden.

pass when a workbook hides nothing that holds content; not_applicable for other inputs.

No parameters.

    check: {kind: hidden_content}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Location, Outcome

KIND_WORDS = {"sheet": "工作表", "row": "行", "column": "列"}


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    source = disclosure.source
    if source is None or "xlsx" not in source.layouts:
        return [not_decided(rule.id, "not_applicable", "只有 Excel 工作簿有隐藏的工作表、行或列")]
    out = []
    for hidden in source.hidden:
        where = hidden.location
        cell = where.cell or ""
        if hidden.kind == "sheet":
            what = f"工作表“{where.sheet}”被隐藏"
        elif hidden.kind == "row":
            what = f"工作表“{where.sheet}”的第{cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}行被隐藏"
        else:
            what = f"工作表“{where.sheet}”的{cell.rstrip('0123456789')}列被隐藏"
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=what,
                locations=(where,),
                detail=f"{what}，其中有 {hidden.cells} 个单元格有内容（“{hidden.text}”）",
                values={"kind": KIND_WORDS[hidden.kind], "quote": hidden.text},
            )
        )
    if not out:
        out.append(
            Evaluation(
                rule=rule.id, outcome=Outcome.PASS, subject="全部工作表", locations=(Location(file=disclosure.path),)
            )
        )
    return out
