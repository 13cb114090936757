"""met_ceiling_rate: a 决算 gives a met cost ceiling the 完成率 its own other rows give one.

A ≤ target (a cost ceiling) met with room to spare whose printed 完成率 is not 100%, while other rows
of the same document print 100% for a met ceiling: the document treats the same case two ways (the
finding cites the rows scored 100%). When no row prints 100% for a met ceiling, the rows are
consistent and pass.

Params:
  cite: how many rows of the other treatment a finding names (default 3)

Only rows whose 目标值 and 业绩值 are numbers in comparable units and apart beyond rounding count
(an 业绩值 equal to its ceiling prints 100% by every method). not_applicable when no row qualifies.

    check: {kind: met_ceiling_rate}
"""

from __future__ import annotations

from budgetlint.checks.compare import by_row, not_decided
from budgetlint.checks.prose import sides
from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import HUNDRED, indicators_beyond, row_cell, row_values, table_name
from budgetlint.model import Disclosure, Evaluation, Outcome


class Params(Strict):
    cite: int = 3


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    rows = [(e, i) for e, i in indicators_beyond(disclosure, ("≤", "<"), -1) if i.completion_rate is not None]
    full = [(e, i) for e, i in rows if i.completion_rate.value == HUNDRED]
    cited = "；".join(
        f"第{i.cell_lines['completion_rate']}行「{i.level3}」{i.target.text} / {i.actual.text} "
        f"记 {i.completion_rate.text}"
        for _, i in full[: p.cite]
    )
    out = []
    for evaluation, indicator in rows:
        rate = indicator.completion_rate
        ok = rate.value == HUNDRED or not full
        detail = (
            f"成本指标未超支，完成率记 {rate.text}；本文件另有 {len(full)} 行同样未超支的成本指标记 100%（{cited}）"
            if not ok
            else f"完成率 {rate.text}"
        )
        facts = [row_cell(disclosure, e, i, "completion_rate") for e, i in [(evaluation, indicator), *full[: p.cite]]]
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.PASS if ok else Outcome.FAIL,
                subject=f"{table_name(evaluation)}「{indicator.level3}」",
                expected="100%",
                actual=rate.text,
                detail=detail,
                locations=tuple(f.location for f in facts),
                values=row_values(evaluation, indicator, "completion_rate"),
                **({} if ok else sides(facts[:1], facts[1:], actual=rate.text, expected="100%", unit="%", name=by_row)),
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "没有可比较赋分做法的指标行")]
