"""Budget-execution statements of a final account: budget B, final F, and what is said of them.

Three printed shapes (design.md §1.4, catalog D3/D4):
  …（年初|全年）预算数B万元，决算数F万元，预决算差异率R%          (R should be (F − B) / B)
  …年初预算为B万元，支出决算为F万元，完成年初预算的R%。决算数大于/小于/等于预算数…   (R should be F / B)
  …2025年当年预算执行数为B万元，2026年预算安排F万元，比2025年预算执行数增加/减少R%   (±R = (F − B) / B)
Each match becomes an ExecutionClaim with the printed numbers; checking them is a rule's job.
"""

from __future__ import annotations

import re
from typing import Literal, cast

from budgetlint.model.claims import ExecutionClaim, ExecutionForm, ExecutionWord, Printed, Span
from budgetlint.model.document import Paragraph
from budgetlint.numbers import parse_amount

_NUM = r"\d[\d,]*(?:\.\d+)?"
# 预算数B万元，决算数F万元，预决算差异率R%
_VARIANCE = re.compile(
    rf"预算数为?\s*(?P<b>{_NUM})\s*万元[，,]\s*决算数为?\s*(?P<f>{_NUM})\s*万元[，,]\s*"
    rf"预决算差异率为?\s*(?P<r>-?{_NUM})\s*%"
)
# 年初预算为B万元，支出决算为F万元[，完成年初预算的R%][。决算数大于预算数]
_COMPLETION = re.compile(
    rf"年初预算数?为?\s*(?P<b>{_NUM})\s*万元[，,]\s*(?:支出)?决算数?为?\s*(?P<f>{_NUM})\s*万元"
    rf"(?:[，,]\s*完成年初预算的\s*(?P<r>{_NUM})\s*%)?"
    rf"(?:[。；，,]\s*决算数(?P<w>大于|小于|等于)(?:年初)?预算数)?"
)
# 2025年当年预算执行数为B万元，2026年预算安排F万元，比2025年预算执行数增加R%
_YEAR_ON_YEAR = re.compile(
    rf"20\d\d年(?:当年)?预算执行数为?\s*(?P<b>{_NUM})\s*万元[，,]\s*20\d\d年预算安排为?\s*"
    rf"(?P<f>{_NUM})\s*万元[，,]\s*比(?:20\d\d年)?(?:当年)?预算执行数"
    rf"(?P<d>增加|增长|减少|下降)\s*(?P<r>{_NUM})\s*%"
)
_DIRECTION: dict[str, Literal[-1, 1]] = {"增加": 1, "增长": 1, "减少": -1, "下降": -1}


def _printed(text: str) -> Printed | None:
    """The number as printed; None when it is no amount (1,2345: _NUM takes any commas; or more
    digits than numbers.MAX_AMOUNT_DIGITS)."""
    amount = parse_amount(text)
    return Printed(value=amount.value, decimals=amount.decimals, text=text) if amount is not None else None


def extract_execution(paragraphs: list[Paragraph]) -> list[ExecutionClaim]:
    """The execution statements of the narrative's paragraphs."""
    out: list[ExecutionClaim] = []
    for paragraph in paragraphs:
        taken: list[tuple[int, int]] = []
        for form, pattern in (("variance", _VARIANCE), ("year_on_year", _YEAR_ON_YEAR), ("completion", _COMPLETION)):
            for m in pattern.finditer(paragraph.text):
                rate = m.group("r")
                word = m.groupdict().get("w")
                overlaps = any(m.start() < end and start < m.end() for start, end in taken)
                if overlaps or not (rate or word):  # nothing stated about B and F: nothing to check
                    continue
                budget, final = _printed(m.group("b")), _printed(m.group("f"))
                printed_rate = _printed(rate) if rate else None
                if budget is None or final is None or (rate and printed_rate is None):
                    continue  # a number that is no amount: no claim is read from the statement
                taken.append((m.start(), m.end()))
                out.append(
                    ExecutionClaim(
                        form=cast(ExecutionForm, form),
                        budget=budget,
                        final=final,
                        rate=printed_rate,
                        word=cast(ExecutionWord | None, word),
                        direction=_DIRECTION.get(m.groupdict().get("d") or ""),
                        span=Span(start=m.start(), end=m.end(), text=m.group(0)),
                        location=paragraph.location,
                        sentence=m.group(0),
                        clause=m.group(0),
                    )
                )
    return out
