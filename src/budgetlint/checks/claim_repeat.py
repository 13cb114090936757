"""claim_repeat: the same thing stated twice with different numbers.

`claims: amount` (the default): the same subject stated twice in one paragraph with different
amounts (项目经费 208.8万元 at the start of an item and 201.50万元 later). Amounts inside a 主要原因
explanation and subjects listed in `ignore_subjects` (generic words such as 涉及金额 that name
different things each time) are left out. Two printings at different precision agree when their
rounding intervals overlap.

`claims: change`: the same change stated twice anywhere in the document (`scope: document`) with a
different amount or rate: two changes are the same when they have the same subject, the same base
(上年 / 2023年, 预算 / 决算), the same class named before them, if any, and are stated for the same
current amount (三公经费12.50万元，比上年增加2.00万元 on one page and 三公经费12.50万元，比上年增加3.00万元
on another). A subject stated for different
current amounts (基本支出 of all funds and of the general budget) names different things and is not
compared.

Params:
  claims:          amount | change (default amount)
  scope:           paragraph | document (default paragraph; changes are compared in the document)
  ignore_subjects: subjects too generic to compare (after normalisation)

    check: {kind: claim_repeat, ignore_subjects: [涉及金额]}
    check: {kind: claim_repeat, claims: change, scope: document}
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from budgetlint.checks.claims import (
    amount_fact,
    claim_balance,
    claims_of,
    fact_of_claim,
)
from budgetlint.checks.compare import not_decided
from budgetlint.checks.performance_facts import NEUTRAL_UNIT
from budgetlint.checks.refs import Strict
from budgetlint.labels import normalise_subject
from budgetlint.model import Disclosure, Evaluation, Fact


class Params(Strict):
    claims: Literal["amount", "change"] = "amount"
    scope: Literal["paragraph", "document"] = "paragraph"
    ignore_subjects: list[str] = []


def _name(fact: Fact) -> str:
    return f"第{fact.location.line}行“{fact.location.row}”"


def _amounts(rule, disclosure: Disclosure, p: Params, ignored: set[str]) -> list[Evaluation]:
    groups: dict[tuple, list] = {}
    for claim in claims_of(disclosure, "amount"):
        subject = normalise_subject(claim.subject)
        if claim.in_reason or not subject or subject in ignored:
            continue
        where = claim.location.line if p.scope == "paragraph" else None
        groups.setdefault((where, subject), []).append(claim)
    out = []
    for (_, subject), claims in groups.items():
        first = amount_fact(claims[0])
        for other in claims[1:]:
            out.append(
                claim_balance(
                    rule.id,
                    f"正文“{subject}”",
                    [amount_fact(other)],
                    [first],
                    name=_name,
                    row=subject,
                    quote=other.span.text,
                )
            )
    return out


def _change_facts(change) -> list[tuple[str, Fact]]:
    """The change's stated numbers as Facts: its amount and its rate."""
    out = []
    if change.amount is not None:
        out.append(
            (
                "amount",
                fact_of_claim(
                    change,
                    change.amount,
                    change.amount_decimals or 0,
                    change.unit,
                    f"{change.amount}{change.unit or ''}",
                    row=change.subject,
                ),
            )
        )
    if change.rate is not None:
        out.append(
            (
                "rate",
                fact_of_claim(
                    change, change.rate, change.rate_decimals or 0, NEUTRAL_UNIT, f"{change.rate}%", row=change.subject
                ),
            )
        )
    return out


def _changes(rule, disclosure: Disclosure, p: Params, ignored: set[str]) -> list[Evaluation]:
    groups: dict[tuple, list] = {}
    for change in claims_of(disclosure, "change"):
        subject = normalise_subject(change.subject)
        if not subject or subject in ignored or change.current is None or change.direction == 0:
            continue
        current = amount_fact(change.current)
        where = change.location.line if p.scope == "paragraph" else None
        named = change.current.class_name.names if change.current.class_name else ()  # 教育支出(类)…(项): 决算数…
        key = (where, subject, named, change.base_year or change.base, change.base_basis, current.amount, current.unit)
        groups.setdefault(key, []).append(change)
    out = []
    for (_, subject, *_), changes in groups.items():
        first = dict(_change_facts(changes[0]))
        for other in changes[1:]:
            if other.location.line == changes[0].location.line and other.span == changes[0].span:
                continue  # one printing read twice
            for what, fact in _change_facts(other):
                if what in first:
                    result = claim_balance(
                        rule.id,
                        f"正文“{subject}”的变化",
                        [fact],
                        [first[what]],
                        name=_name,
                        row=subject,
                        quote=other.span.text,
                        claims=[other, changes[0]],
                    )
                    out.append(replace(result, unit="%") if what == "rate" else result)
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    ignored = {normalise_subject(s) for s in p.ignore_subjects}
    out = (_amounts if p.claims == "amount" else _changes)(rule, disclosure, p, ignored)
    if out:
        return out
    what = "金额" if p.claims == "amount" else "增减变化"
    where = "同一段中" if p.scope == "paragraph" else "文件中"
    return [not_decided(rule.id, "not_applicable", f"没有在{where}重复出现的{what}")]
