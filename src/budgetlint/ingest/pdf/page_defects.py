"""What only the page shows: blank pages, pages without a text layer and clipped text, as
SourceDocument.page_defects.

A page with no text left (after page numbers are dropped) and no picture is a blank page (an empty
table frame is one), placed at the last block before it; a page with images and no text is a page
without a text layer (a scanned page), placed the same way. A line of characters of which only
CUT_MIN..CUT_MAX of each box lies inside the page and their clipping path (or their table cell)
is clipped text, placed at the block it stands in or the one above. The `page_defect` check kind
(DC010, DC011) reports them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from budgetlint.ingest.pdf.geometry import Box, Char, rounded, shown_share
from budgetlint.ingest.pdf.lines import chars_box, cluster, line_text
from budgetlint.model.document import DefectKind, PageDefect, Paragraph, RawTable
from budgetlint.model.location import Location

if TYPE_CHECKING:
    from budgetlint.ingest.pdf.pages import Page

CUT_MIN, CUT_MAX = 0.01, 0.75  # a character with this share of its box showing is cut


def is_cut(c: Char, box: Box) -> bool:
    """Only part of the character's box shows (a box is not the glyph's ink: CJK fonts sit about
    a tenth of the size off it, hence the margins both ways)."""
    return CUT_MIN < shown_share(c, box) <= CUT_MAX


def cut_lines(chars: list[Char]) -> list[tuple[str, Box]]:
    """Cut characters as lines of text with their box. A line of cut punctuation alone is left
    out: a mark's box is a full em but its ink a corner of it."""
    out = []
    for group in cluster(chars):
        if any(c.text.isalnum() for c in group):
            group.sort(key=lambda c: c.x0)
            out.append((line_text(group), rounded(chars_box(group))))
    return out


def page_defects(pages: list[Page], blocks: list[Paragraph | RawTable], path: str) -> tuple[PageDefect, ...]:
    """Blank pages and cut lines, each placed at the last block that starts before it."""
    starts = [(b.location.page, b.location.bbox[1] if b.location.bbox else 0.0) for b in blocks]

    def anchor(page: int, top: float) -> int:
        k = bisect_right(starts, (page, top)) - 1
        line = blocks[max(k, 0)].location.line if blocks else 0
        return line or 0

    out = []
    for page in pages:
        if not page.items and (not page.pictures or page.images):
            kind: DefectKind = "no_text_layer" if page.images else "blank_page"
            out.append(
                PageDefect(
                    kind=kind,
                    location=Location(file=path, page=page.number, page_basis="pdf", line=anchor(page.number, -1.0)),
                )
            )
        for text, box in page.cut:
            out.append(
                PageDefect(
                    kind="clipped_text",
                    text=text,
                    location=Location(
                        file=path, page=page.number, page_basis="pdf", line=anchor(page.number, box[1]), bbox=box
                    ),
                )
            )
    return tuple(out)
