"""Where a finding's numbers stand on the page: the page-local line, the box and the page size.

A PDF has no lines of its own, so readers number blocks and rows in reading order over the whole
document (`Location.line`); an auditor looking at page 8 counts lines on page 8. The page-local
line (`Location.page_line`) counts the page's text lines from the top: each printed line of
narrative text and each table row is one line (a row whose cells wrap still reads as one row).

A narrative number carries its span in the paragraph's text; the paragraph's printed lines
(`Paragraph.lines`) give the page and the box of the lines it stands on. Within a line the reader
keeps no position per character, so the span's left and right ends are estimated from the line's
box and its text (a Chinese character or full-width mark is one em, any other character half an
em, the line's width shared out in proportion) and widened by PAD_EMS on each side, so the box
holds the number even where justification or a narrow font moved it a little. A span over two
lines gets the box of both. Text inputs have neither boxes nor page sizes, and their `line` is
already the line a reader looks for.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from budgetlint.model import Location, Paragraph, RawTable, SourceDocument
from budgetlint.model.location import Box

SAME_LINE = 2.0  # points: tops closer than this are one line (cells of a row, a shifted number)
PAD_EMS = 1.5  # how far a narrative span's estimated box is widened on each side, in ems


def _ems(text: str) -> float:
    return sum(
        0.5 if ord(ch) < 0x2E80 and not 0xFF00 <= ord(ch) <= 0xFFEF and ch not in "“”‘’—…·" else 1.0 for ch in text
    )


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


class PageIndex:
    """The text lines of every page of a PDF source, and its paragraphs by line, built once."""

    def __init__(self, source: SourceDocument) -> None:
        self.sizes = {p.number: (p.width, p.height) for p in source.pages}
        self.paragraphs: dict[int, Paragraph] = {}
        tops: dict[int, list[float]] = {}
        for block in source.blocks:
            if isinstance(block, Paragraph):
                if block.location.line is not None:
                    self.paragraphs[block.location.line] = block
                for ln in block.lines:
                    tops.setdefault(ln.page, []).append(ln.box[1])
            elif isinstance(block, RawTable):
                for row in block.rows:
                    if row.page is not None and row.cell_boxes:
                        # the lowest top: a cell merged with the row above starts higher up
                        tops.setdefault(row.page, []).append(max(b[1] for b in row.cell_boxes))
        self.tops: dict[int, list[float]] = {}
        for page, values in tops.items():
            merged: list[float] = []
            for top in sorted(values):
                if not merged or top - merged[-1] > SAME_LINE:
                    merged.append(top)
            self.tops[page] = merged

    def page_line(self, page: int | None, top: float) -> int | None:
        """1-based: how many of the page's lines start at or above `top`."""
        lines = self.tops.get(page) if page is not None else None
        if not lines:
            return None
        return max(1, bisect_right(lines, top + SAME_LINE))

    def _span_box(self, para: Paragraph, span: tuple[int, int]) -> tuple[int, Box]:
        """The page and box of a span of the paragraph's text (module docstring), on the page where it starts."""
        lines = para.lines
        starts = [ln.start for ln in lines]
        first = max(bisect_right(starts, span[0]) - 1, 0)
        last = max(bisect_right(starts, max(span[1] - 1, span[0])) - 1, first)
        boxes = []
        for k in range(first, last + 1):
            ln = lines[k]
            if ln.page != lines[first].page:
                break
            end = lines[k + 1].start if k + 1 < len(lines) else len(para.text)
            text = para.text[ln.start : end].rstrip()
            x0, top, x1, bottom = ln.box
            em = (x1 - x0) / max(_ems(text), 0.5)
            left = x0 + em * (_ems(text[: max(span[0] - ln.start, 0)]) - PAD_EMS) if k == first else x0
            right = x0 + em * (_ems(text[: max(span[1] - ln.start, 0)]) + PAD_EMS) if k == last else x1
            boxes.append((max(x0, left), top, min(x1, right), bottom))
        return lines[first].page, _union(boxes)

    def resolve(self, loc: Location) -> Location:
        """`loc` with its page, box, page-local line and page size filled in where the source knows them."""
        if not self.sizes or loc.page_basis != "pdf":
            return loc
        page, bbox = loc.page, loc.bbox
        para = self.paragraphs.get(loc.line) if loc.line is not None else None
        if para is not None and para.lines and loc.column is None:
            if loc.span is not None:
                page, (x0, top, x1, bottom) = self._span_box(para, loc.span)
                bbox = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
            elif bbox is None and para.location.page == page:  # after the paragraph (a blank page): keeps its page
                bbox = para.location.bbox
        update: dict = {"page": page, "bbox": bbox, "page_size": self.sizes.get(page) if page else None}
        if bbox is not None:
            update["page_line"] = self.page_line(page, bbox[1])
        return replace(loc, **update)
