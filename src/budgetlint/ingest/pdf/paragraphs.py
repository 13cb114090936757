"""Lines -> paragraphs: page layout measured from the lines, and when a line continues the
paragraph above it (docs/pdf.md, "Paragraphs").

Margins are measured per page, line spacing and body font size per page width. A line continues
the paragraph above it when it has the same font size and is not further below than the usual line
spacing (plus half a character), and either
* it starts with closing punctuation (a lone "。" wrapped onto the next line), or
* both lines are centred and the first does not end a sentence (a title printed over two lines),
  or
* it starts at the left margin, is not a heading (一、 （一） 1、 1. 第X部分 注： …), and: in
  documents that mark paragraphs by a first-line indent, the line above reaches the right margin
  (within four characters) or does not end a sentence (。！？); in documents without indents, the
  line above reaches the right margin and does not end a sentence -- unless the page sets
  paragraphs apart by extra space and this line follows closely.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from budgetlint.ingest.pages import PAGE_NUMBER, normalise_title
from budgetlint.ingest.pdf.lines import Line
from budgetlint.ingest.pdf.pages import Page

PARA_GAP = 0.5  # a line further below the previous one than the usual line pitch plus this
# share of the font size starts a paragraph
FULL_LINE = 4.0  # a line within this many characters of the right margin is full (Chinese line
# breaking moves up to three characters, and lines mixing fonts are not always justified)
MARGIN_EDGE = 0.12  # page-number lines are looked for in this share of the page at top/bottom

_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*$")
_CLOSING_START = re.compile(r"^[。，、；：！？）)」』”’%％]")
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+部分"
    r"|[一二三四五六七八九十百]+[、．.]"
    r"|[（(](?:[一二三四五六七八九十百]+|\d{1,2})[）)]"
    r"|\d{1,3}\s*[、．]"
    r"|\d{1,3}\.(?!\d)"
    r"|[①-⑳]"
    r"|附件|附表|注[:：])"
)


def _lines(page: Page) -> list[Line]:
    return [it for it in page.items if isinstance(it, Line)]


def _pitches(lines: list[Line]) -> list[tuple[float, Line]]:
    """Distances between the tops of consecutive lines of one size that share some width."""
    return [
        (b.band_top - a.band_top, b)
        for a, b in pairwise(lines)
        if abs(a.size - b.size) <= 0.6 and a.x0 < b.x1 and b.x0 < a.x1 and 0 < b.band_top - a.band_top < 3 * b.size
    ]


def drop_page_numbers(page: Page) -> None:
    """Drop bare page numbers ("3", "- 3 -", "第3页") printed as the first or last line in the top
    or bottom MARGIN_EDGE of the page."""
    lines = [(i, it) for i, it in enumerate(page.items) if isinstance(it, Line)]
    if not lines:
        return
    drop = set()
    for i, line in (lines[0], lines[-1]):
        near_edge = line.bottom <= page.height * MARGIN_EDGE or line.top >= page.height * (1 - MARGIN_EDGE)
        if near_edge and PAGE_NUMBER.match(line.text):
            drop.add(i)
    if drop:
        page.items = [it for i, it in enumerate(page.items) if i not in drop]


@dataclass(slots=True)
class Layout:
    """Body font size and line pitch per page width; margins per page; paragraph indents.

    Margins are measured per page (some generators shift the text block from page to page): the
    left margin is the leftmost start shared by two body lines, the right margin the rightmost
    end shared by two body lines (to 2 points); a page without such lines uses the most common
    values of pages of its width.
    """

    width: dict[int, float]  # page -> width
    left: dict[int, float]  # page -> left margin
    right: dict[int, float]  # page -> right margin
    body: dict[float, float]  # width -> body font size
    pitch: dict[float, float]  # width -> usual distance between the tops of consecutive body lines
    indented: bool

    @classmethod
    def measure(cls, pages: list[Page]) -> Layout:
        by_width: dict[float, list[Line]] = {}
        pitches: dict[float, Counter] = {}
        for page in pages:
            lines = _lines(page)
            by_width.setdefault(round(page.width), []).extend(lines)
            pitches.setdefault(round(page.width), Counter()).update(round(p) for p, _ in _pitches(lines))
        body, pitch = {}, {}
        for width, lines in by_width.items():
            if pitches[width]:
                pitch[width] = pitches[width].most_common(1)[0][0]
            sizes: Counter = Counter()
            for ln in lines:
                sizes[ln.size] += len(ln.text)
            if sizes:
                body[width] = sizes.most_common(1)[0][0]

        widths: dict[int, float] = {}
        left: dict[int, float] = {}
        right: dict[int, float] = {}
        fallback_left: dict[float, Counter] = {}
        fallback_right: dict[float, Counter] = {}
        for page in pages:
            w = round(page.width)
            widths[page.number] = page.width
            lines = [it for it in page.items if isinstance(it, Line) and abs(it.size - body.get(w, it.size)) <= 0.6]
            starts = Counter(round(ln.x0) for ln in lines)
            ends = Counter(2 * round(ln.x1 / 2) for ln in lines)
            shared_starts = [x for x, n in starts.items() if n >= 2]
            shared_ends = [x for x, n in ends.items() if n >= 2]
            if shared_starts:
                left[page.number] = min(shared_starts)
                fallback_left.setdefault(w, Counter())[left[page.number]] += 1
            if shared_ends:
                right[page.number] = max(shared_ends)
                fallback_right.setdefault(w, Counter())[right[page.number]] += 1
        for page in pages:
            w = round(page.width)
            if page.number not in left and fallback_left.get(w):
                left[page.number] = fallback_left[w].most_common(1)[0][0]
            if page.number not in right and fallback_right.get(w):
                right[page.number] = fallback_right[w].most_common(1)[0][0]

        indents = body_lines = 0
        for page in pages:
            margin = left.get(page.number)
            if margin is None:
                continue
            for line in _lines(page):
                if abs(line.size - body.get(round(page.width), line.size)) <= 0.6:
                    body_lines += 1
                    if abs(line.x0 - margin - 2 * line.size) <= 0.4 * line.size:
                        indents += 1
        return cls(widths, left, right, body, pitch, indented=indents >= max(3, 0.03 * body_lines))

    def body_size(self, line: Line) -> float:
        return self.body.get(round(self.width[line.page]), line.size)

    def far_below(self, prev: Line, line: Line) -> bool:
        """Is `line` set apart from `prev` by more than the usual line spacing?"""
        usual = self.pitch.get(round(self.width[line.page]))
        if usual is None or abs(line.size - self.body_size(line)) > 0.6:
            usual = 1.5 * line.size  # titles: their own size sets the spacing
        return line.band_top - prev.band_top > usual + PARA_GAP * line.size

    def spaced(self, page: Page) -> bool:
        """Does the page set paragraphs apart by extra space (at least twice), besides tight lines?"""
        pairs = _pitches(_lines(page))
        usual = self.pitch.get(round(page.width))
        if usual is None:
            return False
        wide = sum(1 for p, ln in pairs if p > usual + PARA_GAP * ln.size)
        tight = sum(1 for p, ln in pairs if p <= usual + 0.25 * ln.size)
        return wide >= 2 and tight >= 2

    def starts_at_margin(self, line: Line) -> bool:
        return abs(line.x0 - self.left.get(line.page, line.x0)) <= 0.6 * line.size

    def is_full(self, line: Line) -> bool:
        return line.x1 >= self.right.get(line.page, line.x1) - FULL_LINE * line.size

    def is_centred(self, line: Line, *, short: bool) -> bool:
        """Centred on the page; `short`: also narrower than 70% of the text block."""
        width = self.width[line.page]
        if abs((line.x0 + line.x1) / 2 - width / 2) > 1.5 * line.size:
            return False
        text_width = self.right.get(line.page, width) - self.left.get(line.page, 0)
        return not short or (line.x1 - line.x0) < 0.7 * max(text_width, 1.0)


def continues(prev: Line, line: Line, layout: Layout, spaced: bool) -> bool:
    """Does `line` continue the paragraph whose last line is `prev`? (module docstring)"""
    same_page = prev.page == line.page
    if abs(prev.size - line.size) > 0.6:
        return False
    if same_page and layout.far_below(prev, line):
        return False
    if _CLOSING_START.match(line.text):
        return True
    # a title over two lines: the first may be as wide as the page (a larger font) or short
    if (
        same_page
        and not _SENTENCE_END.search(prev.text)
        and not _HEADING.match(line.text)
        and layout.is_centred(line, short=True)
        and layout.is_centred(prev, short=prev.size <= layout.body_size(prev) + 1)
    ):
        return True
    if _HEADING.match(line.text) or not layout.starts_at_margin(line):
        return False
    if layout.indented:  # a paragraph starts with an indent; a short line ends one only after 。
        return layout.is_full(prev) or not _SENTENCE_END.search(prev.text)
    if not layout.is_full(prev):
        return False
    # without indents, a full line ending a sentence ends the paragraph, unless the page sets
    # paragraphs apart by space and this line follows closely
    tight = same_page and spaced and not layout.far_below(prev, line)
    return tight or not _SENTENCE_END.search(prev.text)


def looks_like_toc_page(page: Page, first_title: str | None) -> bool:
    """Does a page after the 目录's still continue it: only short lines without sentences, no
    tables, and not starting with the 目录's first title (the body's first heading)?"""
    lines = _lines(page)
    if not lines or len(lines) != len(page.items):
        return False
    if first_title and normalise_title(lines[0].text) == first_title:
        return False
    return all(len(ln.text) <= 60 and not re.search(r"[。；，]", ln.text) for ln in lines)
