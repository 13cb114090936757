"""Totals of the items listed before them: …；4、教学督导人员17万元。以上共计372.4万元.

A number whose phrase ends with a sum marker of the prose vocabulary (以上共计, 合计, 共计, 共 …) is a
total of the numbers of its measure listed before it in the same cell or paragraph. How far back its
items go is the marker's: 以上… takes every item from the first numbered item (1、…) on, or from the
text's start, after any earlier 以上 total; 共计 / 合计 take the items of their own sentence and of their
own numbered item (1、…35万元；…13万元；共计约50万元；2、…) or, outside numbered items, of their own clause.
A marker glued to a noun (收入总计) is a table total's name, not a sum of what precedes it. An earlier
total stands for the items it summed (it becomes one item of a later total, and is marked `nested`).
Not items: numbers in brackets (parts of the item before them: 13.8万元（含桌椅1.115万元）), differences
(比上年增加A万元), prices (每吨价格为6元) and the head of a list of its own (216.17万元，其中：…). A total
with fewer than two items states no sum.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from budgetlint.model.prose import ProseNumber, ProseSource, SumStatement
from budgetlint.recognize.narrative.grammar import normalise
from budgetlint.recognize.narrative.prose_numbers import (
    NUMBERING,
    ends_with_word,
    is_difference,
)
from budgetlint.recognize.narrative.prose_vocabulary import prose_vocabulary

_OPEN, _CLOSE = re.compile(r"[（(]"), re.compile(r"[）)]")
_PUNCTUATION = "，,：:；; "
_CLAUSE_END = re.compile(r"[。！？!?；;]")
# a numbered item opens at the start or after punctuation
_ITEM = re.compile(rf"(?:^|(?<=[；;。，,：:\s])){NUMBERING}")


class _Text:
    """What the sum reader needs to know about positions in one text, found once."""

    def __init__(self, text: str) -> None:
        self.norm = normalise(text)
        self.opens = [m.start() for m in _OPEN.finditer(self.norm)]
        self.closes = [m.start() for m in _CLOSE.finditer(self.norm)]
        self.clause_ends = [m.end() for m in _CLAUSE_END.finditer(self.norm)]
        self.items = [m.start() for m in _ITEM.finditer(self.norm)]

    def bracketed(self, pos: int) -> bool:
        return bisect_right(self.opens, pos) > bisect_right(self.closes, pos)

    def heads_list(self, end: int, introducers: list[str]) -> bool:
        rest = self.norm[end : end + 8].lstrip(_PUNCTUATION)
        return any(rest.startswith(w) for w in introducers)

    def scope_start(self, pos: int) -> int:
        """Where the items of a clause-scoped total start: its numbered item's start, else its clause's."""
        k = bisect_right(self.items, pos) - 1
        if k >= 0:
            return self.items[k]
        k = bisect_right(self.clause_ends, pos) - 1
        return self.clause_ends[k] if k >= 0 else 0


def read_sums(
    text: str, numbers: list[ProseNumber] | tuple[ProseNumber, ...], *, source: ProseSource, cell: int | None = None
) -> list[SumStatement]:
    """The totals stated in one text, with the items they sum (see the module docstring)."""
    v = prose_vocabulary()
    scopes = v.sum_markers
    if len(numbers) < 3 or not any(marker in text for marker in scopes):
        return []
    t = _Text(text)
    groups: dict[tuple, list[ProseNumber]] = {}
    for q in numbers:
        if (
            t.bracketed(q.span.start)
            or is_difference(q)
            or any(w in q.lead for w in v.price_words)
            or t.heads_list(q.span.end, v.list_introducers)
        ):
            continue
        groups.setdefault((q.measure, q.per), []).append(q)
    found: list[SumStatement] = []
    for group in groups.values():
        stack: list[ProseNumber] = []
        totals: dict[str, int] = {}  # key of a total -> index of its statement in `found`
        all_from = t.items[0] if t.items else 0  # 以上… starts at the first numbered item
        for q in group:
            marker = ends_with_word(q.lead, scopes, glued_after=v.sum_marker_after)
            if marker is None:
                stack.append(q)
                continue
            if scopes[marker] == "all":
                start = all_from
                all_from = q.span.end
            else:
                start = t.scope_start(q.span.start)
            items = [p for p in stack if p.span.start >= start]
            stack = [p for p in stack if p.span.start < start] + [q]
            for p in items:
                if p.key in totals:
                    found[totals[p.key]] = replace(found[totals[p.key]], nested=True)
            if len(items) >= 2:
                totals[q.key] = len(found)
                found.append(SumStatement(total=q, marker=marker, items=tuple(items), source=source, cell=cell))
    return sorted(found, key=lambda s: s.total.span.start)
