"""claim_execution: what a final account says of budget B and final F agrees with B and F.

  预决算差异率 R% must print (F − B) / B × 100 (the sign is not required: documents print the
  size of the gap); 完成年初预算的 R% must print F / B × 100; 决算数大于/小于/等于预算数 must
  agree with F against B (beyond rounding); 比上年预算执行数增加/减少 R% must print (F − B) / B with
  the direction word matching its sign. A zero budget makes a rate meaningless unless F is
  zero too and the rate is 0; a rate of a negative budget is not checked (insufficient_data).
  Rounding and truncation are both accepted, under rounding intervals.

Params: none.

    check: {kind: claim_execution}
"""

from __future__ import annotations

from budgetlint.checks.claims import amounts_within, claims_of, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation
from budgetlint.numbers import Interval, format_amount, interval_of, percent_accepts, ratio_percent

WORD_OF = {1: "大于", -1: "小于", 0: "等于"}


class Params(Strict):
    pass


def _evaluate(rule_id: str, claim, inside: list) -> list[Evaluation]:
    b, f = claim.budget, claim.final
    budget = fact_of_claim(claim, b.value, b.decimals, "万元", b.text, row="预算数")
    final = fact_of_claim(claim, f.value, f.decimals, "万元", f.text, row="决算数")
    b_int, f_int = interval_of(b.value, b.decimals), interval_of(f.value, f.decimals)
    out = []

    def verdict(ok: bool, expected: str, actual: str, detail: str | None, extra=(), formula=None) -> Evaluation:
        return narrative_evaluation(
            rule_id,
            ok,
            claim,
            subject=claim.span.text,
            facts=[budget, final, *extra],
            claims=[claim, *inside],
            expected=expected,
            actual=actual,
            detail=detail,
            formula=formula,
        )

    if claim.rate is not None:
        r = claim.rate
        rate = fact_of_claim(claim, r.value, r.decimals, "%", f"{r.text}%", row="比率")
        if b.value == 0:
            ok = f.value == 0 and r.value == 0
            out.append(
                verdict(
                    ok,
                    "（预算为零，不应给出比率）" if not ok else "0",
                    f"{r.text}%",
                    "预算数为零时比率无意义",
                    extra=[rate],
                )
            )
        else:
            changed = claim.form in ("year_on_year", "variance")
            ratio = ratio_percent(Interval(f_int.low - b_int.high, f_int.high - b_int.low) if changed else f_int, b_int)
            if ratio is None:  # a negative budget: no rate of it means anything
                out.append(
                    not_decided(rule_id, "insufficient_data", f"预算数为负（{b.text}），比率无法核对", claim.span.text)
                )
            elif claim.form == "year_on_year":
                computed = (f.value - b.value) / b.value * 100
                ok = percent_accepts(r.value * claim.direction, r.decimals, ratio)
                formula = f"({f.text} − {b.text}) ÷ {b.text} × 100%"
                stated = ("增加" if claim.direction > 0 else "减少") + r.text
                out.append(
                    verdict(
                        ok,
                        ("增加" if computed >= 0 else "减少") + format_amount(abs(computed), r.decimals),
                        stated,
                        None,
                        extra=[rate],
                        formula=f"{formula} = {format_amount(computed, 4)}%",
                    )
                )
                return out
            else:
                if claim.form == "variance":
                    computed = (f.value - b.value) / b.value * 100
                    ok = percent_accepts(r.value, r.decimals, ratio) or percent_accepts(-r.value, r.decimals, ratio)
                    formula = f"({f.text} − {b.text}) ÷ {b.text} × 100%"
                else:
                    computed = f.value / b.value * 100
                    ok = percent_accepts(r.value, r.decimals, ratio)
                    formula = f"{f.text} ÷ {b.text} × 100%"
                out.append(
                    verdict(
                        ok,
                        format_amount(computed, r.decimals),
                        r.text,
                        None,
                        extra=[rate],
                        formula=f"{formula} = {format_amount(computed, 4)}%",
                    )
                )
    if claim.word is not None:
        if f_int.low > b_int.high:
            truth = 1
        elif f_int.high < b_int.low:
            truth = -1
        else:
            truth = 0
        ok = WORD_OF[truth] == claim.word
        out.append(
            verdict(
                ok,
                f"决算数{WORD_OF[truth]}预算数",
                f"决算数{claim.word}预算数",
                f"决算数 {f.text} 万元，预算数 {b.text} 万元",
            )
        )
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    out = [
        e
        for claim in claims_of(disclosure, "execution")
        for e in _evaluate(rule.id, claim, amounts_within(disclosure, claim))
    ]
    return out or [not_decided(rule.id, "not_applicable", "正文中没有“预算数、决算数”及其比率或比较的表述")]
