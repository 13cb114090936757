"""Where the narrative is, and how it is read: the 情况说明 paragraphs, joined into passages (a
paragraph and the next when it ends in the middle of a sentence, with 万 before 元 or with ，；：、),
with their section and subsection headings, and each passage's sentence, clause and phrase
boundaries (。！？ / ；, and 。 followed by ；, a template artefact: "…增加。；本年…" / ，、：)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from budgetlint.model.claims import Span
from budgetlint.model.document import Paragraph, RawTable, SourceDocument
from budgetlint.model.location import Location
from budgetlint.recognize.narrative.grammar import (
    AMOUNT,
    CLAUSE_END,
    HEADING_MAX,
    NARRATIVE_START,
    PART_HEADING,
    PERFORMANCE_TITLE,
    PHRASE_BOUNDARY,
    RUNS_ON,
    SECTION_HEADING,
    SENTENCE_END,
    SUBSECTION_HEADING,
    normalise,
)

SPLIT_HEADING_TAIL = 6  # the second line of a part heading printed over two: 情况说明


def narrative_paragraphs(source: SourceDocument) -> tuple[list[Paragraph], bool]:
    """Paragraphs of the 情况说明 part(s), and whether such a part was found.

    A part opens at a heading 第二/三部分…情况说明 or …编制说明 (also printed over two lines:
    第三部分…2024年度部门决算 / 情况说明) and closes at the next 第X部分 heading or a performance
    table title. Without such a heading every paragraph is read.
    """
    selected: list[Paragraph] = []
    found = inside = False
    blocks = source.blocks
    for k, block in enumerate(blocks):
        if isinstance(block, RawTable):
            if inside and _is_performance_table(block):
                inside = False
            continue
        text = block.text.strip()
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        if _is_narrative_start(text) or (
            PART_HEADING.match(text)
            and isinstance(after, Paragraph)
            and len(after.text.strip()) <= SPLIT_HEADING_TAIL
            and _is_narrative_start(text + after.text.strip())
        ):
            found = inside = True
        elif inside and is_heading_like(text) and (PART_HEADING.match(text) or PERFORMANCE_TITLE.search(text)):
            inside = False
        if inside:
            selected.append(block)
    if not found:
        selected = [b for b in source.blocks if isinstance(b, Paragraph)]
    return selected, found


def is_heading_like(text: str) -> bool:
    return 0 < len(text) <= HEADING_MAX and "。" not in text and not AMOUNT.search(normalise(text))


def _is_narrative_start(text: str) -> bool:
    return is_heading_like(text) and bool(NARRATIVE_START.search(text))


def _is_performance_table(table: RawTable) -> bool:
    first = table.rows[0].cells if table.rows else ()
    return any(PERFORMANCE_TITLE.search(c.strip()) for c in first[:2] if c)


def heading_level(text: str) -> int:
    """1 for 二、…, 2 for （一）… / 1、…, 0 for body text."""
    if not is_heading_like(text) or RUNS_ON.search(text):
        return 0
    if SECTION_HEADING.match(text):
        return 1
    if SUBSECTION_HEADING.match(text):
        return 2
    return 0


@dataclass(eq=False)
class Passage:
    """Paragraphs read as one text (a sentence broken over paragraphs), with their offsets."""

    text: str
    paragraphs: list[Paragraph]
    offsets: list[int]  # start of each paragraph in text
    section: str | None
    subsection: str | None
    starts_section: bool  # a heading precedes it directly: no sentence carries over into it
    norm: str = ""

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)

    def cut(self, limit: int) -> Passage:
        """The passage up to its last clause end within `limit` characters (up to `limit` when it
        has none): what the reader reads of a passage too long to be a real one."""
        end = max(self.norm.rfind(mark, 0, limit) for mark in "。；;！？!?") + 1 or limit
        kept = [k for k, offset in enumerate(self.offsets) if offset < end]
        return Passage(
            self.text[:end],
            [self.paragraphs[k] for k in kept],
            [self.offsets[k] for k in kept],
            self.section,
            self.subsection,
            self.starts_section,
        )

    def place(self, start: int, end: int) -> tuple[Location, Span, int | None]:
        i = bisect_right(self.offsets, start) - 1
        j = bisect_right(self.offsets, max(end - 1, start)) - 1
        base = self.offsets[i]
        span = Span(start=start - base, end=end - base, text=self.text[start:end])
        end_line = self.paragraphs[j].location.line if j != i else None
        return self.paragraphs[i].location, span, end_line


def _joins_next(text: str, following: str) -> bool:
    """A paragraph runs on into the next one: 283.20万 + 元…, or it stops at ，；：、."""
    if text.endswith("万") and following.startswith("元"):
        return True
    return bool(RUNS_ON.search(text)) and heading_level(following) == 0


def passages_of(paragraphs: list[Paragraph]) -> list[Passage]:
    passages: list[Passage] = []
    section = subsection = None
    after_heading = True
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i].text.strip()
        level = heading_level(text)
        if level == 1:
            section, subsection = text, None
        elif _is_narrative_start(text):
            section = subsection = None
        elif level == 2:
            subsection = text
        group = [paragraphs[i]]
        while i + 1 < len(paragraphs) and _joins_next(group[-1].text.strip(), paragraphs[i + 1].text.strip()):
            i += 1
            group.append(paragraphs[i])
        offsets, parts, pos = [], [], 0
        for p in group:
            offsets.append(pos)
            parts.append(p.text)
            pos += len(p.text)
        passages.append(Passage("".join(parts), group, offsets, section, subsection, starts_section=after_heading))
        after_heading = level > 0
        i += 1
    return passages


class Segments:
    """Sentence, clause and phrase boundaries of a passage, for position look-ups."""

    def __init__(self, norm: str) -> None:
        n = len(norm)
        self.sentence_ends = self._ends(SENTENCE_END, norm, n)
        self.clause_ends = self._ends(CLAUSE_END, norm, n)
        bounds = list(PHRASE_BOUNDARY.finditer(norm))
        self.phrase_bound_starts = [m.start() for m in bounds]
        self.phrase_bound_ends = [m.end() for m in bounds]

    @staticmethod
    def _ends(pattern: re.Pattern, norm: str, n: int) -> list[int]:
        ends = [m.end() for m in pattern.finditer(norm)]
        if not ends or ends[-1] != n:
            ends.append(n)
        return ends

    def sentence_of(self, pos: int) -> int:
        return min(bisect_right(self.sentence_ends, pos), len(self.sentence_ends) - 1)

    def clause_of(self, pos: int) -> int:
        return min(bisect_right(self.clause_ends, pos), len(self.clause_ends) - 1)

    def sentence_span(self, index: int) -> tuple[int, int]:
        return (self.sentence_ends[index - 1] if index else 0), self.sentence_ends[index]

    def clause_span(self, index: int) -> tuple[int, int]:
        return (self.clause_ends[index - 1] if index else 0), self.clause_ends[index]

    def phrase_start(self, pos: int) -> int:
        """Start of the phrase holding pos: just after the last boundary ending at or before pos."""
        k = bisect_right(self.phrase_bound_ends, pos) - 1
        return self.phrase_bound_ends[k] if k >= 0 else 0


def segments_of(passage: Passage) -> Segments:
    cached = getattr(passage, "_segments", None)
    if cached is None:
        cached = Segments(passage.norm)
        passage._segments = cached  # type: ignore[attr-defined]
    return cached
