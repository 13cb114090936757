"""Drafts: what the reader finds in a passage, mutable while the passage is read (a list total is
set on its parts, a change learns the amount it is stated for), frozen into claims at the end."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar, cast, overload

from budgetlint.model.claims import (
    AmountClaim,
    ChangeClaim,
    Claim,
    ClassNameClaim,
    CountClaim,
    Direction,
    Level,
    ListClaim,
    RefersTo,
    ShareClaim,
    Unit,
    YearBasis,
    YearMention,
)
from budgetlint.recognize.narrative.grammar import AND
from budgetlint.recognize.narrative.passages import Passage, segments_of


@dataclass(eq=False)
class Draft:
    passage: Passage
    start: int
    end: int
    sentence: int
    clause: int


@dataclass(eq=False)
class ClassDraft(Draft):
    code: str | None
    names: tuple[str, ...]
    levels: tuple[str | None, ...]


@dataclass(eq=False)
class AmountDraft(Draft):
    value: Decimal
    decimals: int
    unit: str
    subject: str | None
    in_reason: bool
    class_ref: ClassDraft | None = None
    list_total: AmountDraft | None = None  # set when the amount is a part of a 其中 list


@dataclass(eq=False)
class ShareDraft(Draft):
    percent: Decimal
    decimals: int
    whole: str | None
    amount: AmountDraft | None
    subject: str | None


@dataclass(eq=False)
class ChangeDraft(Draft):
    anchored: bool
    direction: int
    fields: dict
    subject: str | None = None
    current: AmountDraft | None = None
    refers_to: str | None = None


@dataclass(eq=False)
class CountDraft(Draft):
    value: int
    classifier: str
    subject: str | None
    in_reason: bool
    items: list[CountDraft] = field(default_factory=list)
    list_total: CountDraft | None = None


@dataclass(eq=False)
class ListDraft(Draft):
    introducer: str
    total: AmountDraft
    items: list[AmountDraft]


@dataclass(eq=False)
class YearDraft(Draft):
    year: int
    basis: str | None
    comparison: bool
    is_date: bool


_D = TypeVar("_D", bound=Draft)


class InOrder(Generic[_D]):
    """Drafts of one kind in text order, no two overlapping (each comes from one regex's matches),
    so their starts and their ends both rise: what lies before or between positions is found by
    bisection, never by scanning all of them -- a passage may hold hundreds of thousands."""

    def __init__(self, drafts: list[_D]) -> None:
        self.drafts = drafts
        self.starts = [d.start for d in drafts]
        self.ends = [d.end for d in drafts]

    def last_ending_by(self, pos: int, since: int = 0) -> _D | None:
        """The last draft ending at or before `pos`, if it starts at or after `since`."""
        k = bisect_right(self.ends, pos) - 1
        return self.drafts[k] if k >= 0 and self.drafts[k].start >= since else None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a draft shares a character with [start, end)."""
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.ends[k] > start

    def last_starting_before(self, pos: int, since: int = 0) -> _D | None:
        """The last draft starting before `pos`, if it starts at or after `since`."""
        k = bisect_left(self.starts, pos) - 1
        return self.drafts[k] if k >= 0 and self.drafts[k].start >= since else None

    def count_starting_in(self, start: int, end: int) -> int:
        return max(0, bisect_left(self.starts, end) - bisect_left(self.starts, start))

    def starting_in(self, start: int, end: int) -> list[_D]:
        """The drafts that start in [start, end)."""
        return self.drafts[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


class Spans:
    """Text ranges (start, end), possibly overlapping, given in order of their starts: merged, so
    whether a position lies in one takes a bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


@dataclass
class SentenceMemo:
    """The last sentence read, for a sentence that opens with 其中 / 与上年相比."""

    amount: AmountDraft | None = None
    count: CountDraft | None = None


FrozenClaim = ClassNameClaim | AmountClaim | ShareClaim | ChangeClaim | CountClaim | ListClaim | YearMention


def freeze(drafts: list[Draft]) -> list[Claim]:
    """The claims of the drafts, in reading order; a draft shared by two (a list's total) freezes once."""
    freezer = _Freezer()
    claims: list[Claim] = [freezer.claim(d) for d in drafts]
    order = {k: i for i, k in enumerate(("class_name", "year", "amount", "share", "change", "count", "parts"))}
    claims.sort(key=lambda c: (c.location.line or 0, c.span.start, order[c.kind]))
    return claims


class _Freezer:
    """Freezes each draft once, so a draft two others refer to (a list's total, the amount a change
    is stated for) is one claim object wherever it is referred to."""

    def __init__(self) -> None:
        self.cache: dict[int, FrozenClaim] = {}
        self.texts: dict[tuple[int, str, int], str] = {}

    @overload
    def claim(self, draft: AmountDraft) -> AmountClaim: ...
    @overload
    def claim(self, draft: CountDraft) -> CountClaim: ...
    @overload
    def claim(self, draft: ClassDraft) -> ClassNameClaim: ...
    @overload
    def claim(self, draft: Draft) -> FrozenClaim: ...

    def claim(self, draft: Draft) -> FrozenClaim:
        if id(draft) in self.cache:
            return self.cache[id(draft)]
        p = draft.passage
        location, span, end_line = p.place(draft.start, draft.end)
        seg_text = _context(draft, self.texts)
        common: dict[str, Any] = {
            "span": span,
            "location": location,
            "end_line": end_line,
            "section": p.section,
            "subsection": p.subsection,
            "sentence": seg_text[0],
            "clause": seg_text[1],
        }
        claim: FrozenClaim
        if isinstance(draft, ClassDraft):
            claim = ClassNameClaim(
                **common, code=draft.code, names=draft.names, levels=cast(tuple[Level | None, ...], draft.levels)
            )
        elif isinstance(draft, AmountDraft):
            class_name = self.claim(draft.class_ref) if draft.class_ref is not None else None
            claim = AmountClaim(
                **common,
                subject=draft.subject,
                value=draft.value,
                decimals=draft.decimals,
                unit=cast(Unit, draft.unit),
                in_reason=draft.in_reason,
                class_name=class_name,
            )
        elif isinstance(draft, ShareDraft):
            amount = self.claim(draft.amount) if draft.amount is not None else None
            claim = ShareClaim(
                **common,
                percent=draft.percent,
                decimals=draft.decimals,
                whole=draft.whole,
                amount=amount,
                subject=draft.subject,
            )
        elif isinstance(draft, ChangeDraft):
            fields = {k: v for k, v in draft.fields.items() if k != "amount_start"}
            current = self.claim(draft.current) if draft.current is not None else None
            claim = ChangeClaim(
                **common,
                direction=cast(Direction, draft.direction),
                **fields,
                subject=draft.subject,
                current=current,
                refers_to=cast(RefersTo | None, draft.refers_to),
            )
        elif isinstance(draft, CountDraft):
            claim = CountClaim(
                **common,
                value=draft.value,
                classifier=draft.classifier,
                subject=draft.subject,
                in_reason=draft.in_reason,
                items=tuple(self.claim(c) for c in draft.items),
            )
        elif isinstance(draft, ListDraft):
            items = tuple(self.claim(a) for a in draft.items)
            claim = ListClaim(
                **common,
                introducer=draft.introducer,
                total=self.claim(draft.total),
                items=items,
                subject=draft.total.subject,
                overlap_suspected=_overlapping(items),
            )
        else:
            assert isinstance(draft, YearDraft)
            claim = YearMention(
                **common,
                year=draft.year,
                basis=cast(YearBasis | None, draft.basis),
                comparison=draft.comparison,
                is_date=draft.is_date,
            )
        self.cache[id(draft)] = claim
        return claim


def _context(draft: Draft, texts: dict[tuple[int, str, int], str]) -> tuple[str, str]:
    """The draft's sentence and clause, cut once per passage and shared by every claim in them (a
    sentence of a megabyte holding 100,000 claims is one string, not 100,000 copies)."""
    seg = segments_of(draft.passage)
    text = draft.passage.text
    out = []
    for kind, index, span in (("s", draft.sentence, seg.sentence_span), ("c", draft.clause, seg.clause_span)):
        key = (id(draft.passage), kind, index)
        if key not in texts:
            start, end = span(index)
            texts[key] = text[start:end].strip()
        out.append(texts[key])
    return out[0], out[1]


def _overlapping(items: tuple[AmountClaim, ...]) -> bool:
    """An item like 公务用车购置及运行费 and another item 公务用车运行维护费 sharing its stem."""
    subjects = [p.subject or "" for p in items]
    by_stem: dict[str, set[str]] = {}
    for s in subjects:
        by_stem.setdefault(s[:4], set()).add(s)
    return any(len(s) >= 4 and AND.search(s) and len(by_stem[s[:4]]) > 1 for s in subjects)
