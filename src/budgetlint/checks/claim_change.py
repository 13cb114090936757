"""claim_change: a stated change (比上年增加A万元，增长B%) is consistent with itself.

For the amount C the change is stated for, an increase A means last year was C − A and a
decrease C + A, so B must print as A / (C ∓ A) × 100 (rounded or truncated, all under rounding
intervals). The direction words must agree (增加 … 下降 is a contradiction); 持平 / 与上年相同
contradicts a non-zero A or B, in the same claim or in the same clause; and when last year was zero
(C − A ≈ 0) a growth rate is meaningless, so stating one is a finding (a zero change stated as 0.00%
is not). Changes without C, A or B are checked only as far as the words go; a change whose text
names no amount or rate is not evaluated. The rate may follow the amount as a verb or as the rate's
name (减少A万元，降幅B%). A change stated from one amount to another (由B万元增加到C万元，增长r%) is
recomputed from B and C: the direction, A where stated, and r = (C − B) / B.

Params: none.

    check: {kind: claim_change}
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetlint.checks.claims import amount_fact, claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import interval_in, not_decided, value_in
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation
from budgetlint.numbers import Interval, format_amount, percent_accepts, ratio_percent

WORDS = {1: "增加", -1: "减少", 0: "持平"}


class Params(Strict):
    pass


def _evaluate_one(rule_id: str, change) -> Evaluation | None:
    facts = []
    amount = rate = None
    if change.amount is not None:
        amount = fact_of_claim(
            change, change.amount, change.amount_decimals or 0, change.unit, str(change.amount), row=change.subject
        )
        facts.append(amount)
    if change.rate is not None:
        rate = fact_of_claim(change, change.rate, change.rate_decimals or 0, "%", f"{change.rate}%", row=change.subject)
        facts.append(rate)
    if not facts:
        return None
    subject = change.subject or change.span.text

    def verdict(ok: bool, expected: str, actual: str, detail: str | None, extra=(), formula=None) -> Evaluation:
        return narrative_evaluation(
            rule_id,
            ok,
            change,
            subject=subject,
            facts=[*facts, *extra],
            claims=[change, *([change.current] if change.current else [])],
            expected=expected,
            actual=actual,
            detail=detail,
            formula=formula,
        )

    if change.rate_direction is not None and change.rate_direction != change.direction:
        return verdict(
            False,
            WORDS[change.direction],
            WORDS[change.rate_direction],
            f"“{change.span.text}”中金额与比率的增减方向相反",
        )
    if change.direction == 0:
        nonzero = [f.text for f in facts if f.amount != 0]
        return verdict(
            not nonzero,
            "0",
            "、".join(nonzero) or "0",
            "写明“持平/相同”却给出了非零的变化" if nonzero else "持平且无变化",
        )
    if amount is None or rate is None or change.current is None:
        return None
    current = amount_fact(change.current)
    unit = current.unit
    delta = interval_in(amount, unit)
    now = interval_in(current, unit)
    base = now - delta if change.direction > 0 else now + delta
    computed_base = current.amount - amount.amount * change.direction
    ratio = ratio_percent(delta, base)
    if ratio is None:  # the base may be zero
        if change.rate == 0 and amount.amount == 0:  # "增加0.00万元，增长0.00%": nothing changed, nothing misleading
            return verdict(True, "0", "0", "上年与本年均为零")
        return verdict(
            False,
            "（上年为零，不应给出增长率）",
            f"{change.rate}%",
            f"上年数 = {current.text} − {amount.text} = {format_amount(computed_base)}，为零时增长率无意义",
            extra=[current],
        )
    computed = amount.amount / computed_base * 100
    ok = percent_accepts(change.rate, change.rate_decimals or 0, ratio)
    sign = "−" if change.direction > 0 else "+"
    decimals = change.rate_decimals or 0
    return verdict(
        ok,
        format_amount(computed, decimals),
        format_amount(change.rate, decimals),
        None,
        extra=[current],
        formula=f"{amount.text} ÷ ({current.text} {sign} {amount.text}) × 100% = {format_amount(computed, 4)}%",
    )


def _from_stated_base(rule_id: str, change) -> Evaluation:
    """由B增加到C（，增加A）（，增长r%）: the direction, A and r recomputed from the two printed amounts."""
    base, current = amount_fact(change.base_amount), amount_fact(change.current)
    unit = current.unit
    low, high = interval_in(base, unit), interval_in(current, unit)
    delta = high - low  # every difference the printed amounts allow
    moved = value_in(current, unit) - value_in(base, unit)
    ends = sorted((abs(delta.low), abs(delta.high)))
    size = Interval(ends[0] if delta.low * delta.high > 0 else Decimal(0), ends[1])  # |C − B|
    subject = change.subject or change.span.text
    facts = [current, base]
    shown = f"{current.text} − {base.text} = {format_amount(moved)}"

    def verdict(ok: bool, expected: str, actual: str, detail: str) -> Evaluation:
        return narrative_evaluation(
            rule_id,
            ok,
            change,
            subject=subject,
            facts=facts,
            claims=[change, change.current, change.base_amount],
            expected=expected,
            actual=actual,
            detail=detail,
        )

    if (delta.low > 0 and change.direction < 0) or (delta.high < 0 and change.direction > 0):
        return verdict(False, WORDS[1 if delta.low > 0 else -1], WORDS[change.direction], f"{shown}，方向与文字相反")
    if change.amount is not None:
        stated = fact_of_claim(
            change, change.amount, change.amount_decimals or 0, change.unit, str(change.amount), row=subject
        )
        facts.append(stated)
        if not interval_in(stated, unit).overlaps(size):
            return verdict(False, format_amount(abs(moved)), stated.text, shown)
    if change.rate is None:
        return verdict(True, format_amount(abs(moved)), format_amount(abs(moved)), shown)
    facts.append(fact_of_claim(change, change.rate, change.rate_decimals or 0, "%", f"{change.rate}%", row=subject))
    ratio = ratio_percent(size, low)
    if ratio is None:
        return verdict(False, "（基数为零，不应给出增长率）", f"{change.rate}%", f"基数 {base.text} 为零时增长率无意义")
    computed = abs(moved) / value_in(base, unit) * 100
    decimals = change.rate_decimals or 0
    return verdict(
        percent_accepts(change.rate, decimals, ratio),
        format_amount(computed, decimals),
        format_amount(change.rate, decimals),
        f"({shown}) ÷ {base.text} × 100% = {format_amount(computed, 4)}%",
    )


def _flat_contradicted(rule_id: str, flat, changes: Sequence) -> Evaluation | None:
    """持平 stated in the same clause as a non-zero increase or decrease of the same subject (a total
    that fell while one of its items, named after 其中, stayed 持平 is no contradiction)."""
    moved = [
        c
        for c in changes
        if c is not flat
        and c.direction != 0
        and c.location.line == flat.location.line
        and c.clause == flat.clause
        and ((c.amount or 0) != 0 or (c.rate or 0) != 0)
        and (c.subject is None or flat.subject is None or c.subject == flat.subject)
    ]
    if not moved:
        return None
    other = moved[0]
    facts = [
        fact_of_claim(
            other,
            other.amount if other.amount is not None else other.rate,
            (other.amount_decimals if other.amount is not None else other.rate_decimals) or 0,
            other.unit if other.amount is not None else "%",
            other.span.text,
            row=other.subject,
        )
    ]
    return narrative_evaluation(
        rule_id,
        False,
        flat,
        subject=flat.subject or flat.span.text,
        facts=facts,
        claims=[flat, other],
        expected="持平（无变化）",
        actual=other.span.text,
        detail=f"同一句中既写“{flat.span.text}”又写“{other.span.text}”",
    )


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    changes = claims_of(disclosure, "change")
    out = []
    for change in changes:
        result = _flat_contradicted(rule.id, change, changes) if change.direction == 0 else None
        if result is None and change.base_amount is not None and change.current is not None:
            result = _from_stated_base(rule.id, change)
        result = result or _evaluate_one(rule.id, change)
        if result is not None:
            out.append(result)
    return out or [not_decided(rule.id, "not_applicable", "正文中没有可核对的增减变化")]
