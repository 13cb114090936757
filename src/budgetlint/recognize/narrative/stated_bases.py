"""Changes stated from one amount to another: 由600.00万元增加到700.00万元，增长16.67%.

The narrative reader reads both amounts as amount claims; this adds the change between them as a
`ChangeClaim` whose `current` is the second amount and `base_amount` the first, so claim_change can
recompute the rate (and the difference, when one is stated) from the amounts themselves. Nothing
here changes what the reader found: the claims are only added.
"""

from __future__ import annotations

from budgetlint.model.claims import AmountClaim, ChangeClaim, Claim, Span
from budgetlint.model.document import Paragraph
from budgetlint.recognize.narrative.grammar import (
    CLAUSE_END,
    DIRECTIONS,
    FROM_TO,
    PHRASE_BOUNDARY,
    SENTENCE_END,
    decimal_and_places,
    normalise,
)
from budgetlint.recognize.narrative.subjects import clean_subject


def _bounds(pattern, norm: str, start: int, end: int) -> tuple[int, int]:
    ends = [m.end() for m in pattern.finditer(norm)]
    before = max((e for e in ends if e <= start), default=0)
    after = min((e for e in ends if e >= end), default=len(norm))
    return before, after


def read_stated_bases(paragraphs: list[Paragraph], claims: tuple[Claim, ...]) -> list[ChangeClaim]:
    """The 由…到… changes of the narrative's paragraphs, tied to the amount claims the reader found."""
    amounts = {(c.location.line, c.span.start): c for c in claims if isinstance(c, AmountClaim)}
    found: list[ChangeClaim] = []
    for paragraph in paragraphs:
        if "到" not in paragraph.text and "至" not in paragraph.text:
            continue
        norm = normalise(paragraph.text)
        for m in FROM_TO.finditer(norm):
            line = paragraph.location.line
            base, current = amounts.get((line, m.start("base"))), amounts.get((line, m.start("current")))
            if base is None or current is None:
                continue
            amount = decimal_and_places(m.group("amount")) if m.group("amount") else None
            rate = decimal_and_places(m.group("rate2")) if m.group("rate2") else None
            if (m.group("amount") and amount is None) or (m.group("rate2") and rate is None):
                continue  # a number with more digits than an amount can have: no claim is read from it
            fields: dict = {}
            if amount is not None:
                fields.update(amount=amount[0], amount_decimals=amount[1], unit=m.group("amount_unit"))
            if rate is not None:
                fields.update(rate=rate[0], rate_decimals=rate[1], rate_direction=DIRECTIONS[m.group("verb2")])
            s0, s1 = _bounds(SENTENCE_END, norm, m.start(), m.end())
            c0, c1 = _bounds(CLAUSE_END, norm, m.start(), m.end())
            p0 = _bounds(PHRASE_BOUNDARY, norm, m.start(), m.end())[0]
            found.append(
                ChangeClaim(
                    span=Span(start=m.start(), end=m.end(), text=paragraph.text[m.start() : m.end()]),
                    location=current.location,
                    section=current.section,
                    subsection=current.subsection,
                    sentence=paragraph.text[s0:s1].strip(),
                    clause=paragraph.text[c0:c1].strip(),
                    direction=DIRECTIONS[m.group("verb")],
                    subject=clean_subject(paragraph.text[p0 : m.start()]),
                    current=current,
                    base_amount=base,
                    refers_to="same_clause",
                    **fields,
                )
            )
    return found
