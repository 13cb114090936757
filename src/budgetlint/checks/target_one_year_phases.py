"""target_one_year_phases: a one-year project's 项目支出绩效目标表 prints the same funding for
实施期 and 年度: the totals and every source.

Params:
  one_year:   regular expressions on the printed 项目期 and 项目属性 that mark a one-year project
  multi_year: regular expressions that mark a longer project

A table is compared only when the one_year patterns match and the multi_year ones do not; when
neither matches (no 项目期 read) or both do, that table is insufficient_data, and so is one whose
实施期 or 年度 funding was not read. Amounts are compared in the table's own unit as rounding
intervals. not_applicable when the document has no 绩效目标表 or no table is a one-year project.

    check: {kind: target_one_year_phases, one_year: ['^1年$', '1年结束'],
            multi_year: ['^([2-9]|\\d\\d+)年$', '阶段开展', '长期开展']}
"""

from __future__ import annotations

import re
from functools import lru_cache

from budgetlint.checks.compare import balance, not_decided
from budgetlint.checks.refs import Regex, Strict
from budgetlint.checks.target_cells import label, line_fact, phase_label, project_name
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    one_year: list[Regex]
    multi_year: list[Regex] = []


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _matches(patterns: list[str], texts: list[str]) -> bool:
    """Whether any pattern is found in any text (compiled once: asked of every target table)."""
    return any(rx.search(t) for rx in _compiled(tuple(patterns)) for t in texts)


def one_year(target, p: Params) -> bool | None:
    """True / False when the printed 项目期 and 项目属性 say so; None when they say nothing or disagree."""
    texts = [squeeze(c.text) for c in (target.period, target.attribute) if c is not None]
    one, multi = _matches(p.one_year, texts), _matches(p.multi_year, texts)
    return None if one == multi else one


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.targets:
        return [not_decided(rule.id, "not_applicable", "文件中没有项目支出绩效目标表")]
    out = []
    for target in disclosure.targets:
        name = project_name(target)
        kind = one_year(target, p)
        if kind is False:
            continue
        if kind is None:
            shown = "、".join(c.text for c in (target.period, target.attribute) if c is not None) or "未读到"
            out.append(not_decided(rule.id, "insufficient_data", f"项目期无法判断（{shown}）", name))
            continue
        first, second = target.implementation_funding, target.annual_funding
        if first is None or second is None or first.total is None or second.total is None or target.unit is None:
            out.append(not_decided(rule.id, "insufficient_data", "实施期或年度资金没有读到", name))
            continue
        left, right = phase_label(first, "implementation"), phase_label(second, "annual")
        pairs = [(first.total, second.total)]
        for source in first.sources:
            other = second.source(source.key) if source.key else None
            if other is not None:
                pairs.append((source, other))
        for a, b in pairs:
            fa = line_fact(disclosure, target, a, left)
            fb = line_fact(disclosure, target, b, right)
            if fa.value is None and fb.value is None and fa.parsed and fb.parsed:
                continue
            out.append(
                balance(rule.id, f"{name}「{label(a.label)}」", [fa], [fb], name=lambda f: f"{f.location.column}")
            )
    return out or [not_decided(rule.id, "not_applicable", "没有一年期项目的绩效目标表")]
