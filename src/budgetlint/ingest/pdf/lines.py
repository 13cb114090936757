"""Characters -> lines of text, by position (docs/pdf.md, "Lines").

Lines are rebuilt from character positions, not from the order the page draws them in, because
some generators set numbers (in a Latin font) about 40% of the font size below the Chinese text
around them; the drawing order then puts every number on a line of its own (the 情况说明 of the
财政局 2024 决算).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from budgetlint.ingest.pdf.geometry import Box, Char, rounded, union

LINE_OVERLAP = 0.5  # a character joins a line when it overlaps the line's band by this share
LATIN_SPACE_GAP = 0.2  # gap (× font size) that means a space between Latin letters/digits
CJK_SPACE_GAP = 1.0  # gap (× font size) that means a space next to a Chinese character
GAP_NOISE = 0.01  # points: positions are single-precision floats, so a gap of exactly one em
# (a full-width space) may come out a hair wider; it is not a wider gap


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x3000 <= o <= 0x303F
        or 0x2010 <= o <= 0x206F
    )


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join(left: str, right: str) -> str:
    """Join two pieces of one text split by a line break: a space only between Latin/digits."""
    if left and right and _is_latin(left[-1]) and _is_latin(right[0]):
        return f"{left} {right}"
    return left + right


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    band_top: float  # the band of the line's first character: its main text, not shifted numbers
    band_bottom: float
    size: float
    page: int = 0


def cluster(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines by vertical overlap (at least LINE_OVERLAP of the smaller
    height) with each line's first character; characters in (top, x0) order."""
    chars = sorted(chars, key=lambda c: (c.top, c.x0))
    lines: list[list] = []  # [band_top, band_bottom, chars]
    open_lines: list[list] = []
    for c in chars:
        top, bottom = c.top, c.bottom
        height = max(bottom - top, 0.1)
        open_lines = [ln for ln in open_lines if ln[1] > top]
        best, best_share = None, 0.0
        for ln in open_lines:
            overlap = min(bottom, ln[1]) - max(top, ln[0])
            share = overlap / min(height, max(ln[1] - ln[0], 0.1))
            if share > best_share:
                best, best_share = ln, share
        if best is not None and best_share >= LINE_OVERLAP:
            best[2].append(c)
        else:
            ln = [top, bottom, [c]]
            lines.append(ln)
            open_lines.append(ln)
    return [ln[2] for ln in lines]


def line_text(chars: list[Char]) -> str:
    """Characters of one line, left to right, with spaces only where the gap shows one: more than
    a fifth of the font size between Latin letters or digits, more than a full character where a
    Chinese character or punctuation mark is involved (justified Chinese text is spread with
    smaller gaps)."""
    parts: list[str] = []
    prev = None
    for c in chars:
        text = c.text
        if prev is not None:
            gap = c.x0 - prev.x1
            size = max(min(c.size, prev.size), 1.0)
            cjk = is_cjk(prev.text[-1]) or is_cjk(text[0])
            if gap > (CJK_SPACE_GAP if cjk else LATIN_SPACE_GAP) * size + GAP_NOISE:
                parts.append(" ")
        parts.append(text)
        prev = c
    return "".join(parts)


def make_lines(chars: list[Char], page: int) -> list[Line]:
    """The page's free characters as lines, top to bottom."""
    out = []
    for group in cluster(chars):
        first = group[0]
        group.sort(key=lambda c: c.x0)
        sizes = Counter(round(c.size, 1) for c in group)
        x0, top, x1, bottom = chars_box(group)
        out.append(
            Line(
                text=line_text(group),
                x0=x0,
                top=top,
                x1=x1,
                bottom=bottom,
                band_top=first.top,
                band_bottom=first.bottom,
                size=sizes.most_common(1)[0][0],
                page=page,
            )
        )
    out.sort(key=lambda ln: (ln.band_top, ln.x0))
    return out


def cell_text(chars: list[Char]) -> str:
    """A table cell's text: its lines joined (join), so a wrapped header reads as one word."""
    text = ""
    for group in cluster(chars):
        group.sort(key=lambda c: c.x0)
        text = join(text, line_text(group))
    return text.strip()


def chars_box(chars: list[Char]) -> Box:
    return (min(c.x0 for c in chars), min(c.top for c in chars), max(c.x1 for c in chars), max(c.bottom for c in chars))


def lines_box(lines: list[Line]) -> Box:
    """The box of a paragraph's lines on its first page."""
    page = lines[0].page
    return rounded(union([(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines if ln.page == page]))
