"""indicator_unit: an indicator's 目标值 and 业绩值 are stated in units that measure the same thing.

Units are read with the prose vocabulary (rules/vocabulary/prose.yaml): 人 and 名 count people, 台 and
套 count sets, 万元 is 10,000 元. A 目标值 counted in 次 with a 业绩值 in % (举办国赛 =1次 / =1%) cannot be
compared at all; money in 万元 against money in 元 is fine when the values agree after conversion
(25.66万元 / 256,600元) and a finding when only the printed numbers are close and the conversion puts
them a factor of `factor_gap` or more apart (25.66万元 / 24.38元): one of the units is wrong.

Params:
  factor_gap: how far apart converted money values must be, while the printed numbers are within it
              of each other, for the units to be called wrong (default 100)

Units the vocabulary does not know (万, 分) and values that are no numbers are not evaluated.
not_applicable when the document has no 绩效自评表 indicator with a number and a unit on both sides.

    check: {kind: indicator_unit}
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.checks.compare import by_column, not_decided
from budgetlint.checks.prose import sides
from budgetlint.checks.refs import Strict
from budgetlint.checks.self_eval_cells import indicator_header, table_name, value_cell
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.recognize.narrative.prose_numbers import unit_measure


class Params(Strict):
    factor_gap: Decimal = Decimal(100)


def _within(a: Decimal, b: Decimal, gap: Decimal) -> bool:
    return a > 0 and b > 0 and max(a, b) / min(a, b) < gap


def _judge(target, actual, gap: Decimal) -> tuple[bool, str] | None:
    """(units agree, why) or None when the units cannot be judged."""
    t, a = unit_measure(target.unit), unit_measure(actual.unit)
    if t is None or a is None:
        return None
    if (t[0], t[2]) != (a[0], a[2]):
        return False, f"目标值以“{target.unit}”计，业绩值以“{actual.unit}”计，计量的不是同一种东西"
    if t[1] == a[1]:
        return True, "单位相同"
    tv, av = target.number.value, actual.number.value
    if _within(tv, av, gap) and not _within(tv * t[1], av * a[1], gap):
        return False, (
            f"目标值 {target.text} 与业绩值 {actual.text} 数字相近，按单位换算却相差 {t[1] / a[1]:g} 倍，单位有误"
        )
    return True, "换算后可比"


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    out = []
    for evaluation in disclosure.self_evaluations:
        name = table_name(evaluation)
        for indicator in evaluation.indicators:
            target, actual = indicator.target, indicator.actual
            if target.number is None or actual.number is None or not target.unit or not actual.unit:
                continue
            judged = _judge(target, actual, p.factor_gap)
            if judged is None:
                continue
            ok, why = judged
            facts = (
                []
                if ok
                else [  # a pass needs no place: thousands of rows agree
                    value_cell(disclosure, evaluation, indicator, role) for role in ("actual", "target")
                ]
            )
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.PASS if ok else Outcome.FAIL,
                    subject=f"{name}「{indicator.level3}」",
                    expected=target.text,
                    actual=actual.text,
                    detail=why,
                    locations=tuple(f.location for f in facts),
                    values={"table": name, "row": indicator.level3, "column": indicator_header(evaluation, "actual")},
                    **(
                        {}
                        if ok
                        else sides(
                            facts[:1], facts[1:], actual=actual.text, expected=target.text, unit=None, name=by_column
                        )
                    ),
                )
            )
    return out or [not_decided(rule.id, "not_applicable", "绩效自评表中没有两侧都带单位的数值指标")]
