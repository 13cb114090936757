"""target_funding: the 项目资金 block of each 项目支出绩效目标表 adds up, and agrees between phases.

Params:
  identity:   sources_sum — per phase, 资金总额 = Σ funding sources (中央、省级、市县、自筹、其他);
              one_year_phases — for a one-year project, 实施期 = 年度: the totals and every source.
  phases:     the phases sources_sum checks (default both: implementation, annual)
  one_year:   regular expressions on the printed 项目期 and 项目属性 that mark a one-year project
  multi_year: regular expressions that mark a longer project

Amounts are compared in the table's own unit (元, as printed after 项目资金). A phase whose
block is not printed is not evaluated; a phase with sources but no readable 资金总额, or an amount
cell holding text, is insufficient_data. not_applicable when the document has no 绩效目标表.
one_year_phases: a table is compared only when the one_year patterns match and the multi_year
ones do not; when neither matches (no 项目期 read) or both do, that table is insufficient_data;
when no table is a one-year project the rule is not_applicable.

    check: {kind: target_funding, identity: sources_sum}
    check: {kind: target_funding, identity: one_year_phases, one_year: ['^1年$', '1年结束'],
            multi_year: ['^([2-9]|\\d\\d+)年$', '阶段开展', '长期开展']}
"""

from __future__ import annotations

import re
from typing import Literal

from budgetlint.checks.compare import balance, not_decided
from budgetlint.checks.performance_facts import to_fact
from budgetlint.checks.refs import Regex, Strict
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome

Phase = Literal["implementation", "annual"]


class Params(Strict):
    identity: Literal["sources_sum", "one_year_phases"]
    phases: list[Phase] = ["implementation", "annual"]
    one_year: list[Regex] = []
    multi_year: list[Regex] = []


def table_name(target) -> str:
    """The target table as findings name it: its title and the project (many share one title)."""
    name = target.project_name.text if target.project_name else f"第{target.title_line}行"
    return f"{target.title}（{name}）"


def project_name(target) -> str:
    return target.project_name.text if target.project_name else f"第{target.title_line}行的绩效目标表"


def _label(text: str) -> str:
    return text.strip().rstrip(":：").strip()


def phase_label(funding, fallback: str) -> str:
    return _label(funding.total.label) if funding is not None and funding.total is not None else fallback


def line_fact(disclosure: Disclosure, target, line, column: str) -> Fact:
    """A FundingLine of `target` as a Fact (amounts in the table's unit)."""
    return to_fact(disclosure, line.amount, table=table_name(target), row=_label(line.label), column=column,
                   line=line.line, text=line.text, unit=target.unit)


def _by_row(fact: Fact) -> str:
    return fact.location.row or ""


def _sources_sum(rule, disclosure: Disclosure, p: Params) -> list[Evaluation]:
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
            out.append(balance(rule.id, subject, [total], parts, name=_by_row))
    return out


def _matches(patterns: list[str], texts: list[str]) -> bool:
    return any(re.search(p, t) for p in patterns for t in texts)


def one_year(target, p: Params) -> bool | None:
    """True / False when the printed 项目期 and 项目属性 say so; None when they say nothing or disagree."""
    texts = [squeeze(c.text) for c in (target.period, target.attribute) if c is not None]
    one, multi = _matches(p.one_year, texts), _matches(p.multi_year, texts)
    return None if one == multi else one


def _phases_equal(rule, disclosure: Disclosure, p: Params) -> list[Evaluation]:
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
            out.append(balance(rule.id, f"{name}「{_label(a.label)}」", [fa], [fb],
                               name=lambda f: f"{f.location.column}"))
    if not out:
        return [not_decided(rule.id, "not_applicable", "没有一年期项目的绩效目标表")]
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.targets:
        return [not_decided(rule.id, "not_applicable", "文件中没有项目支出绩效目标表")]
    out = _sources_sum(rule, disclosure, p) if p.identity == "sources_sum" else _phases_equal(rule, disclosure, p)
    if not out:
        return [Evaluation(rule=rule.id, outcome=Outcome.NOT_APPLICABLE, detail="绩效目标表的资金栏均为空")]
    return out
