"""Page numbers for text inputs: exact from form feeds, else estimated from the 目录.

Estimation: each 目录 entry is matched, in order, to the first later body paragraph with the same
normalised title; that paragraph starts the page the 目录 names. Blank lines inside a table are
page breaks (text extracted from PDF keeps them), so rows after one are a page further on, never
past the next matched entry's page.
"""

from __future__ import annotations

import bisect
import re

from budgetlint.model.document import TocEntry

# a line that is only a page number: "3", "- 3 -", "第3页", "3/20", "第3页 共20页"
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－\s]*$")
_LEADER = re.compile(r"[.．·…。\s]+$")
_TOC_LINE = re.compile(r"^(?P<title>.+?)[.．·…\s]*(?P<page>\d{1,4})$")
# 目录 lines read "表一2024年…": the number is in Chinese numerals, so the year is never cut off;
# a numeral before 般 is the 一 of 一般公共预算 (表四一般公共预算… is 表四)
_TABLE_NO = re.compile(r"^(预算公开|部门公开)?表[一二三四五六七八九十]+(?!般)")


def normalise_title(text: str) -> str:
    """Title as compared between 目录 and body: no spaces or leaders, no 表N prefix."""
    t = re.sub(r"\s+", "", text)
    t = _LEADER.sub("", t.rstrip("."))
    t = t.replace("(", "（").replace(")", "）")
    return _TABLE_NO.sub("", t)


def parse_toc_row(cells: list[str], line: int) -> TocEntry | None:
    """A 目录 row: a title and a page number, as two cells or one."""
    texts = [c.strip() for c in cells if c.strip()]
    if not texts:
        return None
    if len(texts) >= 2 and texts[-1].isdigit():
        title = " ".join(texts[:-1])
        page = int(texts[-1])
    else:
        m = _TOC_LINE.match(texts[0])
        if not m or len(texts) > 1:
            return None
        title, page = m.group("title"), int(m.group("page"))
    title = _LEADER.sub("", title).strip()
    return TocEntry(title=title, page=page, line=line) if title else None


def anchor_pages(toc: list[TocEntry], headings: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Match 目录 entries to body headings (line, text) in order; return (line, page) anchors."""
    anchors: list[tuple[int, int]] = []
    start = 0
    keys = [normalise_title(text) for _, text in headings]
    for entry in toc:
        want = normalise_title(entry.title)
        if not want:
            continue
        for i in range(start, len(headings)):
            if keys[i] == want:
                anchors.append((headings[i][0], entry.page))
                start = i + 1
                break
    return anchors


class PageEstimator:
    """Pages for lines of a text without form feeds, from 目录 anchors and in-table page breaks.

    A line's page is its anchor's page plus the breaks between the anchor and the line, never past
    the next anchor's page. What depends on the anchor alone is worked out here, once: a reader
    asks for the page of every row.
    """

    def __init__(self, anchors: list[tuple[int, int]], table_breaks: list[int]) -> None:
        self.anchors = sorted(anchors)
        self.anchor_lines = [line for line, _ in self.anchors]
        self.breaks = sorted(table_breaks)
        # per anchor: its page, its page less the breaks up to its line, and the page no line
        # after it passes (the next anchor's, unless that one goes back)
        self._plans: list[tuple[int, int, int | None]] = []
        for i, (line, page) in enumerate(self.anchors):
            following = self.anchors[i + 1][1] if i + 1 < len(self.anchors) else None
            cap = following if following is not None and following >= page else None
            self._plans.append((page, page - bisect.bisect_right(self.breaks, line), cap))

    def page_of(self, line: int) -> int | None:
        i = bisect.bisect_right(self.anchor_lines, line) - 1
        if i < 0:
            return None
        page, offset, cap = self._plans[i]
        page = max(page, bisect.bisect_left(self.breaks, line) + offset)
        return page if cap is None else min(page, cap)

    def pages(self, count: int) -> list[int | None]:
        """`page_of` of lines 1 .. count (index 0 = line 1), in one pass: between two anchors the
        page changes only after a break, so each stretch up to the next break is filled at once."""
        out: list[int | None] = [None] * count
        ends = [*self.anchor_lines[1:], count + 1]
        for start, end, (page, offset, cap) in zip(self.anchor_lines, ends, self._plans):
            end = min(end, count + 1)  # an anchor the reader placed past the last line holds none
            while start < end:
                k = bisect.bisect_left(self.breaks, start)  # breaks before `start`
                stop = min(end, self.breaks[k] + 1) if k < len(self.breaks) else end
                value = max(page, k + offset)
                out[start - 1 : stop - 1] = [value if cap is None else min(value, cap)] * (stop - start)
                start = stop
        return out
