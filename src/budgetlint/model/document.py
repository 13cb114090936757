"""What ingest produces: an ordered list of blocks, each with its Location.

Ingest knows nothing about templates: a RawTable is only rows of cell texts. All records
(model/record.py): readers build them from text they have already split and typed, nothing
validates them, and a SourceDocument keeps what it derives (its line index) beside its fields.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from decimal import Decimal
from typing import Literal

from budgetlint.model.location import Box, Location, PageBasis
from budgetlint.model.record import Memos, positional_record, record


@positional_record
class RawRow:
    """A table row as printed: cell texts in order, the line it starts on, its page.

    A plain dataclass, not a pydantic model: readers build thousands of them from text they have
    already split, so there is nothing to validate and construction cost matters.
    """

    cells: tuple[str, ...]
    line: int
    # line of each cell where cells stand on lines of their own (one-cell-per-line layout)
    cell_lines: tuple[int, ...] = ()
    page: int | None = None
    # PDF only: each cell's box (x0, top, x1, bottom) in PDF points, origin at the page's top-left
    cell_boxes: tuple[tuple[float, float, float, float], ...] = ()
    # DOCX/XLSX only: each cell's address in its file ("D12" in a worksheet, "R5C2" in a DOCX table)
    cell_refs: tuple[str, ...] = ()

    @property
    def texts(self) -> list[str]:
        return list(self.cells)

    def line_of(self, index: int) -> int:
        return self.cell_lines[index] if index < len(self.cell_lines) else self.line

    def box_of(self, index: int) -> Box | None:
        return self.cell_boxes[index] if index < len(self.cell_boxes) else None


@positional_record
class TextLine:
    """One printed line of a PDF paragraph: its page, box, and where its text starts in the paragraph's."""

    page: int
    start: int  # offset of the line's first character in Paragraph.text
    box: Box


@record
class Paragraph:
    kind: Literal["paragraph"] = "paragraph"
    text: str
    location: Location
    lines: tuple[TextLine, ...] = ()  # PDF only: the printed lines, in order (a paragraph may cross pages)


@record
class RawTable:
    kind: Literal["table"] = "table"
    rows: tuple[RawRow, ...]
    location: Location  # of the first row
    # The reader found it at the top of a page, in the frame of the table that ends the page before
    # (same edges and columns): a continuation, unless it starts with its own title -- recognition,
    # which knows titles, decides (recognize/continuation.py). Readers that cannot tell leave False.
    continues: bool = False


Block = Paragraph | RawTable
Layout = Literal["text_rows", "text_cells", "pdf", "docx", "xlsx", "combined"]  # how a document was read
DefectKind = Literal["blank_page", "clipped_text", "no_text_layer"]
HiddenKind = Literal["sheet", "row", "column"]
LineIndex = tuple[list[int], list[tuple[int | None, PageBasis]]]  # line starts, and each one's page


@record
class TocEntry:
    """One line of the document's own 目录: a title and the page it names."""

    title: str
    page: int
    line: int


@record
class PageDefect:
    """How a page shows, as the reader saw it: a problem no text comparison can find.

    blank_page: a page with nothing on it (no text, no image), such as an empty table frame left
      behind after the 目录; `location.line` is the last line before the page, so the page belongs
      to the part it follows.
    clipped_text: characters cut by the page edge or by the frame that clips them, so only part of
      each shows; `text` is what they read, `location` the line they stand in (or the one above).
    no_text_layer: a page that shows images but has no text to read (a scanned page in a PDF that
      otherwise has text): whatever it says was not checked; placed like a blank page.
    """

    kind: DefectKind
    location: Location
    text: str = ""


@record
class HiddenContent:
    """Content a workbook holds but neither shows nor prints: a hidden sheet, row or column with
    text or numbers in it. The reader leaves it out of the blocks (the printed disclosure does not
    show it) and records it here, so a rule can say it is there.

    `location` is the first non-empty hidden cell (sheet and cell), `text` the first texts it
    holds, `cells` how many non-empty cells are hidden.
    """

    kind: HiddenKind
    location: Location
    text: str
    cells: int


@record
class FormulaCell:
    """A worksheet cell holding a formula: the value the file stored for it (what Excel last
    computed and what a reader or a PDF export shows) and the value recomputed from the cells it
    refers to, both at the decimals the cell prints. `recomputed` is None when budgetlint cannot
    recompute the formula (`reason` says why); `cached` is None when the file stores no value."""

    location: Location
    formula: str
    cached: Decimal | None
    recomputed: Decimal | None
    decimals: int
    reason: str = ""


@record
class SourceFile:
    """One file of a document read from several (`check --together`): its path, how it was read,
    and the running lines its blocks took in the combined document."""

    path: str
    layout: str
    page_basis: PageBasis
    first_line: int
    last_line: int


@record
class PageInfo:
    """One page of a PDF: its size in points and whether it has text to read."""

    number: int
    width: float
    height: float
    text: bool = True  # False: nothing readable (blank, or a scanned image)


@record
class SourceDocument(Memos):
    path: str
    layout: Layout
    encoding: str
    page_basis: PageBasis
    blocks: tuple[Block, ...] = ()
    toc: tuple[TocEntry, ...] = ()
    line_count: int = 0
    page_defects: tuple[PageDefect, ...] = ()
    pages: tuple[PageInfo, ...] = ()  # PDF only, in page order
    hidden: tuple[HiddenContent, ...] = ()  # XLSX
    formulas: tuple[FormulaCell, ...] = ()  # XLSX
    files: tuple[SourceFile, ...] = ()  # combined documents only

    @property
    def layouts(self) -> set[str]:
        """How the document was read: its layout, or each of its files' for a combined document."""
        return {f.layout for f in self.files} if self.files else {self.layout}

    def basis_at(self, line: int | None) -> PageBasis:
        """How the pages of the file holding `line` are known (a combined document's files differ)."""
        part = self.file_at(line) if self.files else None
        return part.page_basis if part is not None else self.page_basis

    def file_at(self, line: int | None) -> SourceFile | None:
        """The file a running line of a combined document comes from (None for one file)."""
        if line is None:
            return None
        return next((f for f in self.files if f.first_line <= line <= f.last_line), None)

    def local_location(self, location: Location) -> Location:
        """A location of a combined document as its own file gives it: that file, its own line."""
        part = self.file_at(location.line)
        if part is None or location.line is None:
            return location
        return replace(location, file=part.path, line=location.line - part.first_line + 1)

    def line_starts(self) -> LineIndex:
        """Lines where a block or a table row starts, in order, with its page. Computed once per
        blocks tuple (kept beside the fields, keyed by the tuple, so a copy with other blocks
        computes its own)."""
        cached: tuple[tuple[Block, ...], LineIndex] | None = self.__dict__.get("_line_starts")
        if cached is not None and cached[0] is self.blocks:
            return cached[1]
        lines: list[int] = []
        pages: list[tuple[int | None, PageBasis]] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                if block.location.line is not None:
                    lines.append(block.location.line)
                    pages.append((block.location.page, block.location.page_basis))
            else:
                basis = self.basis_at(block.location.line)
                known: dict[int | None, tuple[int | None, PageBasis]] = {None: (None, "none")}  # one pair per page
                for row in block.rows:
                    lines.append(row.line)
                    page = known.get(row.page)
                    if page is None:
                        page = known[row.page] = (row.page, basis)
                    pages.append(page)
        if lines != sorted(lines):  # readers give blocks in line order: a sort only when they do not
            order = sorted(range(len(lines)), key=lines.__getitem__)  # stable, as a sort by line
            lines, pages = [lines[i] for i in order], [pages[i] for i in order]
        index = lines, pages
        self.__dict__["_line_starts"] = (self.blocks, index)
        return index

    def page_at(self, line: int | None) -> tuple[int | None, PageBasis]:
        """(page, page_basis) of a line: the page of the block or row that starts at or before it."""
        lines, pages = self.line_starts()
        i = bisect_right(lines, line) - 1 if line is not None else -1
        if i < 0 or pages[i][0] is None:
            return None, "none"
        return pages[i]
