"""Every number with a unit in a piece of prose, as a `ProseNumber` (model/prose.py).

The narrative reader (reader.py) reads amounts, shares, changes and counts of the 情况说明 with the
grammar of those sentences; prose cells state other things as well -- rates (学生证书获取率达到96.3%),
standards (每生每年600元, 20元/生·月), counts of anything (伙食补助发放次数8次, 现有88个实训室) -- so this
reader takes any number followed by a unit of the prose vocabulary (rules/vocabulary/prose.yaml),
with what it is counted per, a bound (不低于96%, 85%以上) or an approximation (约50万元, 60多份) around
it, and the words before it in its phrase (its subject) and after it (the noun of 88个实训室).

Offsets are those of the text as printed (`normalise` keeps lengths); the line of a number is the
text's line plus the line breaks before it (a cell of the one-cell-per-line layout runs over lines).
Phrase bounds are found once per text, so reading is linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache, lru_cache

from budgetlint.labels import is_han
from budgetlint.model.claims import Span
from budgetlint.model.location import Location, PageBasis
from budgetlint.model.prose import ProseNumber, ProseSource
from budgetlint.recognize.narrative.grammar import (
    NOT_IN_NUMBER,
    NUM,
    VERB,
    decimal_and_places,
    normalise,
)
from budgetlint.recognize.narrative.prose_vocabulary import (
    Bound,
    ProseVocabulary,
    alternation,
    prose_vocabulary,
)

# where a phrase ends, for a number's subject and the noun after it: punctuation, brackets, quotes and
# line breaks (an ASCII comma only when it is not a thousands separator)
_BOUNDARY = re.compile(r"[，、：:；;。！？!?（）()【】《》“”\"\n\t]|(?<!\d),|,(?!\d)")
_WORD_AFTER_MAX = 20  # the noun after a count (88个实训室无法…) is read this far at most
_LOOK_BEFORE = 6  # a bound or approximation word stands right before the number
_LOOK_AFTER = 3  # and 以上 / 左右 right after the unit
# the number of a listed item: 1、 / 2. / （三） / 四、
NUMBERING = r"(?:\d{1,2}\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
_ENUMERATION = re.compile(rf"^\s*{NUMBERING}")

_DIGIT = re.compile(r"[0-9０-９]")
_CODE = re.compile(r"0\d")  # 01, 02: printed with a leading zero, a code
_DIFFERENCE = re.compile(rf"(?:{VERB})了?\s*$")
PageAt = Callable[[int | None], tuple[int | None, PageBasis]]


@cache
def _number_pattern() -> re.Pattern[str]:
    v = prose_vocabulary()
    per = alternation(v.per)
    return re.compile(
        rf"(?:(?P<pre>(?:每(?:{per}))+)\s*(?:为|是)?\s*)?"  # 每生每年600元
        rf"{NOT_IN_NUMBER}(?<!第)(?P<num>{NUM})\s*(?P<approx>{alternation(v.approximate_between)})?\s*"
        rf"(?P<unit>{alternation(v.units)})"
        rf"(?P<per>(?:\s*(?:[/／·]\s*每?|每)\s*(?:{per}))*)"
    )  # 元/生/年, 元每生每年, 元/生/每月


# where a match of _number_pattern can start: 每 of 每生, or a digit that is not inside a number
_MATCH_START = re.compile(r"每|(?<![\d.])\d")


def _number_matches(norm: str) -> Iterator[re.Match[str]]:
    """_number_pattern().finditer(norm), found faster: the pattern opens with an optional group, so
    re tries it at every character; a match starts at 每 or at a digit not preceded by a digit or a
    point (NOT_IN_NUMBER), so it is tried only where one stands (every such place from where the
    last match ended, in order: the same leftmost, non-overlapping matches; `match` at a position
    sees the text before it, as the look-behinds need)."""
    pattern, end = _number_pattern(), 0
    for start in _MATCH_START.finditer(norm):
        if start.start() >= end and (m := pattern.match(norm, start.start())):
            end = m.end()
            yield m


@cache
def _after_count() -> re.Pattern[str]:
    """A count ends the text (电脑20台): a number with a unit that counts things, not money or percent."""
    v = prose_vocabulary()
    return re.compile(rf"\d\s*(?:{alternation(u for u, (m, _) in v.units.items() if m in v.measure_words)})$")


@cache
def _per_word() -> re.Pattern[str]:
    return re.compile(alternation(prose_vocabulary().per))


@lru_cache(maxsize=256)
def _per_of(text: str) -> tuple[str, ...]:
    """What a number is counted per (每生每年, /生/年) as the vocabulary's words, sorted; kept per
    text (lru: most numbers have none, and a document repeats the few it has)."""
    words = prose_vocabulary().per
    return tuple(sorted(words[m.group()] for m in _per_word().finditer(text)))


@cache
def _unit_at_start() -> re.Pattern[str]:
    v = prose_vocabulary()
    per = alternation(v.per)
    return re.compile(rf"(?P<unit>{alternation(v.units)})(?P<per>(?:\s*(?:[/／·]\s*每?|每)\s*(?:{per}))*)$")


@lru_cache(maxsize=1024)
def unit_measure(unit: str | None) -> tuple[str, Decimal, tuple[str, ...]] | None:
    """(measure, factor, per) of a unit as a table prints it (人, 万元/生/年, 台/套); None when the
    prose vocabulary does not know it."""
    m = _unit_at_start().match(normalise(unit or "").replace(" ", ""))
    if m is None:
        return None
    measure, factor = prose_vocabulary().units[m.group("unit")]
    return measure, factor, _per_of(m.group("per"))


def ends_with_word(lead: str, words, *, glued_after: list[str] | None = None, after_count: bool = False) -> str | None:
    """The word of `words` the text before a number ends with, allowing a total link (约, 为 …) between them
    (共计约50万元, 合计为…); None when it ends with none. With `glued_after`, the word must start the
    phrase or follow one of those words (…暖气维修等共计; not 支出总计, a noun); with `after_count` as
    well, it may follow a count (电脑20台共计15万元). That total is what the counted things cost, never
    a sum of the items before it: only a caller that knows nothing else is priced may take it."""
    head = lead.rstrip()
    # which word it ends with is looked for only when it ends with one (one C call: most do not)
    links = prose_vocabulary().total_links_longest_first
    link = next(w for w in links if head.endswith(w)) if head.endswith(links) else ""
    head = head[: len(head) - len(link)].rstrip()
    candidates = tuple(words)
    word = None
    if head.endswith(candidates):
        word = next(w for w in sorted(candidates, key=len, reverse=True) if head.endswith(w))
    if word is None or glued_after is None:
        return word
    before = head[: -len(word)].rstrip()
    free = not before or not is_han(before[-1]) or (after_count and _after_count().search(before) is not None)
    return word if free or any(before.endswith(w) for w in glued_after) else None


def is_difference(q: ProseNumber) -> bool:
    """比上年增加A万元 / 在职人员增加23人: the number states a change, not an amount or a count."""
    return bool(_DIFFERENCE.search(q.lead))


def subject_of(text: str, v: ProseVocabulary | None = None) -> str | None:
    """The words before a number (in its phrase), without numbering and link words (达到, 为 …)."""
    s = _ENUMERATION.sub("", text).strip()
    words = (v or prose_vocabulary()).words_before_number
    while s.endswith(words):  # one C call in the common case: no link word
        word = next(w for w in words if s.endswith(w))
        s = s[: -len(word)].rstrip()
    return s or None


def _after(text: str, v: ProseVocabulary) -> str | None:
    s = text.strip()
    words = v.words_after_number
    word = next(w for w in words if s.startswith(w)) if s.startswith(words) else ""
    return s[len(word) :][:_WORD_AFTER_MAX] or None


def _bound(before: str, tail: str, v: ProseVocabulary) -> Bound | None:
    words_before, words_after = v.bound_words
    if before.endswith(words_before):
        return next(op for word, op in v.bounds_before_longest_first if before.endswith(word))
    if tail.startswith(words_after):
        return next(op for word, op in v.bounds_after.items() if tail.startswith(word))
    return None


class _Phrases:
    """Phrase bounds of one text, found once."""

    def __init__(self, norm: str) -> None:
        self.bounds = [m.start() for m in _BOUNDARY.finditer(norm)]
        self.length = len(norm)

    def start(self, pos: int) -> int:
        k = bisect_left(self.bounds, pos) - 1
        return self.bounds[k] + 1 if k >= 0 else 0

    def end(self, pos: int) -> int:
        k = bisect_left(self.bounds, pos)
        return self.bounds[k] if k < len(self.bounds) else self.length


def read_numbers(
    text: str,
    *,
    location: Location,
    source: ProseSource,
    key_prefix: str,
    page_at: PageAt | None = None,
    cell: int | None = None,
) -> list[ProseNumber]:
    """The numbers with a unit in `text`, in order. `location` is the text's (its line is the
    text's first line); `key_prefix` + the number's offset is each number's key."""
    if not _DIGIT.search(text):
        return []  # most cells state no number at all
    v = prose_vocabulary()
    norm = normalise(text)
    phrases: _Phrases | None = None
    found: list[ProseNumber] = []
    counted, breaks = 0, 0  # line breaks before `counted`: counted on from the last number, not from 0
    for m in _number_matches(norm):
        unit = m.group("unit")
        if any(norm.startswith(word, m.end()) for word in v.continuations.get(unit, ())):
            continue  # 12个月, 3个百分点: the unit is part of a longer word
        start = m.start("num")
        enclosed = start > 0 and norm[start - 1] in "（(" and norm[m.end() : m.end() + 1] in ("）", ")")
        if _CODE.match(m.group("num")) or enclosed:
            continue  # 行政单位医疗（01项） / （11项）: a code of the classification, not a count
        read = decimal_and_places(m.group("num"))
        if read is None:
            continue  # more digits than an amount can have: text, not a number
        phrases = phrases or _Phrases(norm)  # start: the number's key; its span starts at 每生每年 where printed
        lead = m.start("pre") if m.group("pre") else start
        before = norm[max(0, lead - _LOOK_BEFORE) : lead].rstrip()
        tail = norm[m.end() : m.end() + _LOOK_AFTER]
        approximate = (
            bool(m.group("approx")) or before.endswith(v.approximate_before) or tail.startswith(v.approximate_after)
        )
        measure, factor = v.units[unit]
        value, decimals = read
        lead_text = text[phrases.start(lead) : lead]
        breaks += text.count("\n", counted, start)
        counted = start
        found.append(
            ProseNumber(
                value=value,
                decimals=decimals,
                text=m.group("num"),
                unit=unit,
                measure=measure,
                factor=factor,
                per=_per_of((m.group("pre") or "") + m.group("per")),
                operator=_bound(before, tail, v),
                approximate=approximate,
                lead=lead_text,
                subject=subject_of(lead_text, v),
                after=_after(text[m.end() : phrases.end(m.end())], v),
                span=Span(start=lead, end=m.end(), text=text[lead : m.end()]),
                location=_located(location, breaks, page_at),
                key=f"{key_prefix}{start}",
                source=source,
                cell=cell,
            )
        )
    return found


def _located(location: Location, breaks: int, page_at: PageAt | None) -> Location:
    """The text's location, moved down `breaks` lines (a cell running over lines), on its page."""
    if location.line is None or not breaks:
        return location  # the text's own line: its location already names the page
    line = location.line + breaks
    update: dict = {"line": line}
    if page_at is not None:
        update["page"], update["page_basis"] = page_at(line)
    return replace(location, **update)
