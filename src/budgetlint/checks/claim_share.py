"""claim_share: a stated share (占X%) equals part / whole at the printed precision.

The part is the amount the share follows; the whole is the total of the list the part belongs to
(…预算收入13,901.07万元，主要包括A，占x%；B，占y% — 其中/主要包括/主要用于), or, when the share
names its whole (占政府采购支出总额的81.90%), the table cell the vocabulary binds that name to, else
the one amount the same paragraph states for exactly that subject.
A share that names no whole and belongs to no list may have its whole named where the sentence
opens (“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；…): `openers` are regexes
on the sentence whose group `whole` names it, bound as above. A share whose whole cannot be found
this way stays unbound. The check passes when some part and
whole inside their rounding intervals give a percentage that prints as stated, rounded or
truncated; a whole that may be zero makes any share meaningless (insufficient_data).

Params:
  openers: regexes over the share's sentence; group `whole` names the whole of its shares (default none)

    check: {kind: claim_share, openers: ['^(?P<whole>[^，。]{2,30}?)中，']}
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.checks.claims import amount_fact, claims_of, class_rows, fact_of_claim, narrative_evaluation
from budgetlint.checks.compare import interval_in, not_decided
from budgetlint.checks.refs import Regex, Strict
from budgetlint.labels import normalise_subject
from budgetlint.model import Disclosure, Evaluation, Fact
from budgetlint.model.claims import AmountClaim
from budgetlint.numbers import format_amount, percent_accepts, ratio_percent, sum_intervals
from budgetlint.recognize.narrative.binding import bind_subject


class Params(Strict):
    openers: list[Regex] = []


def _named(disclosure: Disclosure, share, name: str) -> list[Fact] | None:
    """The facts a named whole stands for: its vocabulary binding, else the one amount the same
    paragraph states for exactly that subject."""
    wanted = normalise_subject(name)
    vocabulary = disclosure.template_spec.narrative
    bound = vocabulary and bind_subject(disclosure, vocabulary, wanted, share, class_rows(disclosure))
    if bound:
        return list(bound[1])
    # the same paragraph states the named whole's amount (…支出总额4,280.00万元…占支出总额的81.90%)
    stated = [
        a
        for a in disclosure.claims_of("amount", share.location.line)
        if isinstance(a, AmountClaim) and normalise_subject(a.subject) == wanted
    ]
    return [amount_fact(stated[0])] if len({a.value for a in stated}) == 1 else None


def _whole_of(share, disclosure: Disclosure, lists: dict, openers: list[str]) -> list[Fact] | None:
    """The facts standing for the share's whole, or None when the text does not make it clear."""
    if share.whole:
        return _named(disclosure, share, share.whole)
    listing = lists.get((share.amount.location.line, share.amount.span))
    if listing:
        return [amount_fact(listing.total)]
    for opener in openers:
        m = re.search(opener, share.sentence)
        if m and m.end() <= share.sentence.find(share.span.text):
            return _named(disclosure, share, m.group("whole"))
    return None


def _lists_by_item(disclosure: Disclosure) -> dict:
    """(line, span) of each listed amount -> the first list holding it."""
    out: dict = {}
    for listing in claims_of(disclosure, "parts"):
        for item in listing.items:
            out.setdefault((item.location.line, item.span), listing)
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    out = []
    lists = _lists_by_item(disclosure)
    for share in claims_of(disclosure, "share"):
        if share.amount is None:
            continue
        whole = _whole_of(share, disclosure, lists, p.openers)
        if not whole:
            continue
        part = amount_fact(share.amount)
        unit = part.unit
        ratio = ratio_percent(interval_in(part, unit), sum_intervals(interval_in(f, unit) for f in whole))
        share_fact = fact_of_claim(share, share.percent, share.decimals, "%", share.span.text, row=share.subject)
        facts = [share_fact, part, *whole]
        if ratio is None:
            out.append(not_decided(rule.id, "insufficient_data", f"“{share.span.text}”的总额为零，占比无从谈起"))
            continue
        whole_value = sum((f.amount for f in whole), Decimal(0))
        computed = part.amount / whole_value * 100 if whole_value else Decimal(0)
        ok = percent_accepts(share.percent, share.decimals, ratio)
        out.append(
            narrative_evaluation(
                rule.id,
                ok,
                share,
                subject=share.subject or share.span.text,
                facts=facts,
                claims=[share, share.amount],
                expected=format_amount(computed, share.decimals),
                actual=format_amount(share.percent, share.decimals),
                difference=format_amount(share.percent - computed, share.decimals),
                unit="%",
                formula=f"{part.text} ÷ {' + '.join(f.text for f in whole)} × 100% = {format_amount(computed, 4)}%",
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有可核对的占比")]
