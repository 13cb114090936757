"""target_funding_sum: in each 项目支出绩效目标表, per phase, 资金总额 = Σ funding sources
(中央、省级、市县、自筹、其他).

Params:
  phases: the phases checked (default both: implementation, annual)

Amounts are compared in the table's own unit (元, as printed after 项目资金) as rounding
intervals. A phase whose block is not printed is not evaluated; a phase with sources but no
readable 资金总额, or an amount cell holding text, is insufficient_data. not_applicable when the
document has no 绩效目标表, or when every funding block is empty.

    check: {kind: target_funding_sum}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import balance, by_row, not_decided
from budgetlint.checks.refs import Strict
from budgetlint.checks.target_cells import line_fact, phase_label, project_name
from budgetlint.model import Disclosure, Evaluation

Phase = Literal["implementation", "annual"]


class Params(Strict):
    phases: list[Phase] = ["implementation", "annual"]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.targets:
        return [not_decided(rule.id, "not_applicable", "文件中没有项目支出绩效目标表")]
    out = []
    for target in disclosure.targets:
        for phase in p.phases:
            funding = getattr(target, f"{phase}_funding")
            if funding is None:
                continue
            column = phase_label(funding, phase)
            subject = f"{project_name(target)} {column}"
            if target.unit is None:
                out.append(not_decided(rule.id, "insufficient_data", "项目资金没有标明单位", subject))
                continue
            if funding.total is None:
                out.append(not_decided(rule.id, "insufficient_data", "没有读到资金总额", subject))
                continue
            total = line_fact(disclosure, target, funding.total, column)
            parts = [line_fact(disclosure, target, s, column) for s in funding.sources]
            if not parts or all(f.value is None and f.parsed for f in [total, *parts]):
                continue
            out.append(balance(rule.id, subject, [total], parts, name=by_row))
    return out or [not_decided(rule.id, "not_applicable", "绩效目标表的资金栏均为空")]
