"""Drafts: what the reader finds in a passage, mutable while the passage is read (a list total is
set on its parts, a change learns the amount it is stated for), frozen into claims at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel

from budgetlint.model.claims import (
    AmountClaim,
    ChangeClaim,
    Claim,
    ClassNameClaim,
    CountClaim,
    ListClaim,
    ShareClaim,
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


@dataclass
class SentenceMemo:
    """The last sentence read, for a sentence that opens with 其中 / 与上年相比."""

    amount: AmountDraft | None = None
    count: CountDraft | None = None


def freeze(drafts: list[Draft]) -> list[Claim]:
    """The claims of the drafts, in reading order; a draft shared by two (a list's total) freezes once."""
    cache: dict[int, BaseModel] = {}
    claims = [_freeze(d, cache) for d in drafts]
    order = {k: i for i, k in enumerate(("class_name", "year", "amount", "share", "change", "count", "parts"))}
    claims.sort(key=lambda c: (c.location.line or 0, c.span.start, order[c.kind]))
    return claims


def _freeze(draft: Draft, cache: dict[int, BaseModel]) -> BaseModel:
    if id(draft) in cache:
        return cache[id(draft)]
    p = draft.passage
    location, span, end_line = p.place(draft.start, draft.end)
    seg_text = _context(draft)
    common = dict(span=span, location=location, end_line=end_line, section=p.section,
                  subsection=p.subsection, sentence=seg_text[0], clause=seg_text[1])
    f = lambda d: _freeze(d, cache) if d is not None else None  # noqa: E731
    if isinstance(draft, ClassDraft):
        claim = ClassNameClaim(**common, code=draft.code, names=draft.names, levels=draft.levels)
    elif isinstance(draft, AmountDraft):
        claim = AmountClaim(**common, subject=draft.subject, value=draft.value, decimals=draft.decimals,
                            unit=draft.unit, in_reason=draft.in_reason, class_name=f(draft.class_ref))
    elif isinstance(draft, ShareDraft):
        claim = ShareClaim(**common, percent=draft.percent, decimals=draft.decimals, whole=draft.whole,
                           amount=f(draft.amount), subject=draft.subject)
    elif isinstance(draft, ChangeDraft):
        fields = {k: v for k, v in draft.fields.items() if k != "amount_start"}
        claim = ChangeClaim(**common, direction=draft.direction, **fields, subject=draft.subject,
                            current=f(draft.current), refers_to=draft.refers_to)
    elif isinstance(draft, CountDraft):
        claim = CountClaim(**common, value=draft.value, classifier=draft.classifier, subject=draft.subject,
                           in_reason=draft.in_reason, items=tuple(f(c) for c in draft.items))
    elif isinstance(draft, ListDraft):
        items = tuple(f(a) for a in draft.items)
        claim = ListClaim(**common, introducer=draft.introducer, total=f(draft.total), items=items,
                          subject=draft.total.subject, overlap_suspected=_overlapping(items))
    else:
        assert isinstance(draft, YearDraft)
        claim = YearMention(**common, year=draft.year, basis=draft.basis, comparison=draft.comparison,
                            is_date=draft.is_date)
    cache[id(draft)] = claim
    return claim


def _context(draft: Draft) -> tuple[str, str]:
    seg = segments_of(draft.passage)
    s0, s1 = seg.sentence_span(draft.sentence)
    c0, c1 = seg.clause_span(draft.clause)
    text = draft.passage.text
    return text[s0:s1].strip(), text[c0:c1].strip()


def _overlapping(items: tuple[AmountClaim, ...]) -> bool:
    """An item like 公务用车购置及运行费 and another item 公务用车运行维护费 sharing its stem."""
    subjects = [p.subject or "" for p in items]
    for s in subjects:
        if len(s) < 4 or not AND.search(s):
            continue
        if any(t != s and t[:4] == s[:4] for t in subjects):
            return True
    return False
