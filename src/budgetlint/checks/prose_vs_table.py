"""prose_vs_table: a number a performance table's prose states equals the value of the same table it
is bound to.

recognize/narrative/cell_binding.py binds a prose number only through words (see there): to an
indicator whose name the prose gives (学生证书获取率达到96.3% / 业绩值 =96.2%), to the one 成本指标 row
with the same unit (每生每年6000元 / 国家奖学金发放标准 ≤6000元/生/年), or to the 资金总额 (项目概况 …以上共计
372.4万元 / 3,724,000 元). Units are converted (3700元/生/年 = 0.37万元/生/年); money and percentages
compare as rounding intervals, counts exactly. Unbound numbers are not evaluated (they are counted
as unbound in the report).

Params:
  bound_to: which bindings to check: indicator, cost, funding (default all)
  sources:  which tables: target (项目支出绩效目标表), overall (整体支出绩效目标申报表),
            self_evaluation (绩效自评表) (default all)

not_applicable when no prose number of those tables is bound.

    check: {kind: prose_vs_table, sources: [self_evaluation], bound_to: [indicator, cost]}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import not_decided
from budgetlint.checks.prose import cell_of, compare, number_fact, quote, value_fact
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Fact
from budgetlint.model.prose import CellBinding


class Params(Strict):
    bound_to: tuple[Literal["indicator", "cost", "funding"], ...] = ("indicator", "cost", "funding")
    sources: tuple[Literal["target", "overall", "self_evaluation"], ...] = ("target", "overall", "self_evaluation")


def _name(fact: Fact) -> str:
    return f"第{fact.location.line}行「{fact.location.row}」{fact.location.column or ''}"


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    groups: dict[tuple, list[CellBinding]] = {}  # the 实施期 and 年度 sides often print one text: one evaluation
    for b in disclosure.prose_bindings:
        cell = cell_of(disclosure, b.prose_number)
        if cell is not None and b.bound_to in p.bound_to and cell.source in p.sources:
            groups.setdefault((b.prose_number.location.line, b.prose_number.span.start, cell.text, b.via), []).append(b)
    out = []
    for copies in groups.values():
        b, q = copies[0], copies[0].prose_number
        cell = cell_of(disclosure, q)
        assert cell is not None
        table = value_fact(b.value, b.decimals, b.value_factor, q.measure, b.value_text, b.location)
        values = {
            "table": cell.table_name,
            "row": cell.label,
            "column": f"「{b.via}」{b.location.column or ''}“{b.value_text}”",
            "quote": quote(q),
        }
        out.append(
            compare(
                rule.id,
                f"{cell.table_name}「{cell.label}」",
                number_fact(q),
                [table],
                measure=q.measure,
                name=_name,
                values=values,
                keys=tuple(c.prose_number.key for c in copies),
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "绩效表的文字中没有与本表数值绑定的数字")]
