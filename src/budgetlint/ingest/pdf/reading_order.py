"""Pages -> blocks in reading order: paragraphs, tables (a part continuing over a page break
marked so), the 目录.

A PDF has no lines, so `line` is a running 1-based index, in reading order across the document,
of the blocks emitted: each paragraph takes one number, each table row one number. A paragraph
may run on from the last line of a page to the first line of the next (paragraphs.continues).

The 目录: the line 目录 and the lines after it on that page (and on following pages that still look
like a 目录: paragraphs.looks_like_toc_page) are one paragraph per entry (an entry wrapped onto a
second line is one entry) and are parsed with `parse_toc_row`; entries without a page number are
not TocEntries. A table inside the 目录 is read row by row the same way.
"""

from __future__ import annotations

import re

from budgetlint.ingest.pages import normalise_title, parse_toc_row
from budgetlint.ingest.pdf.geometry import Box, rounded
from budgetlint.ingest.pdf.lines import Line, join, lines_box
from budgetlint.ingest.pdf.page_defects import page_defects
from budgetlint.ingest.pdf.pages import Page, load_pages
from budgetlint.ingest.pdf.paragraphs import (
    Layout,
    continues,
    drop_page_numbers,
    looks_like_toc_page,
)
from budgetlint.ingest.pdf.tables import TablePart, column_map, remap
from budgetlint.limits import DEFAULT_LIMITS, Limits
from budgetlint.model import SourceDocument
from budgetlint.model.document import (
    PageInfo,
    Paragraph,
    RawRow,
    RawTable,
    TextLine,
    TocEntry,
)
from budgetlint.model.location import Location

_TOC_HEADING = re.compile(r"^目\s*录$")
_TOC_PAGE = re.compile(r"[.．·…\s]\d{1,4}$")  # a 目录 line ending in its page number


def read(path: str, shown: str | None = None, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    """Read a PDF disclosure into a SourceDocument (docs/pdf.md). `shown` is the path as messages
    and locations print it (ingest.files.display_path)."""
    path = str(path)
    shown = shown or path
    pages = load_pages(path, shown, limits)
    for page in pages:
        drop_page_numbers(page)
    layout = Layout.measure(pages)
    for page in pages:
        page.spaced = layout.spaced(page)
    writer = _Writer(shown, layout)
    for page in pages:
        writer.start_page(page)
        for position, item in enumerate(page.items):
            if isinstance(item, TablePart):
                writer.table_part(item, page, first_on_page=position == 0)
            else:
                writer.line(item, page, first_on_page=position == 0)
    writer.finish()
    return SourceDocument(
        path=shown,
        layout="pdf",
        encoding="binary",
        page_basis="pdf",
        blocks=tuple(writer.blocks),
        toc=tuple(writer.toc),
        line_count=writer.count,
        page_defects=page_defects(pages, writer.blocks, shown),
        pages=tuple(
            PageInfo(number=p.number, width=round(p.width, 2), height=round(p.height, 2), text=bool(p.items))
            for p in pages
        ),
    )


class _Writer:
    """Emits blocks in reading order, numbering them; holds the paragraph and table being built."""

    def __init__(self, path: str, layout: Layout) -> None:
        self.path = path
        self.layout = layout
        self.blocks: list[Paragraph | RawTable] = []
        self.toc: list[TocEntry] = []
        self.count = 0
        self.para: list[Line] = []
        self.table: list[TablePart] = []
        self.frame: TablePart | None = None  # the first part of the table that may go on onto the next page
        self.continues = False  # the part in `table` continues the table above (RawTable.continues)
        self.toc_mode = False
        self.toc_first: str | None = None  # the 目录's first title, normalised

    def _next_line(self) -> int:
        self.count += 1
        return self.count

    def _location(self, page: int, line: int, bbox: Box) -> Location:
        return Location(file=self.path, page=page, page_basis="pdf", line=line, bbox=bbox)

    def start_page(self, page: Page) -> None:
        if self.toc_mode and not looks_like_toc_page(page, self.toc_first):
            self._toc_entry(self._flush_para())
            self.toc_mode = False

    def table_part(self, part: TablePart, page: Page, *, first_on_page: bool) -> None:
        if self.toc_mode:
            self._toc_entry(self._flush_para())
        self._flush_para()
        if first_on_page and self._continue_table(part, page):
            return
        self._flush_table()
        self.table.append(part)
        self.frame, self.continues = part, False
        if self.toc_mode:
            for row in self._flush_table():
                entry = parse_toc_row(list(row.cells), row.line)
                if entry:
                    self.toc.append(entry)

    def _continue_table(self, part: TablePart, page: Page) -> bool:
        """When `part` goes on with the table ending the page before (tables.py), emit it as a table
        of its own marked `continues` (spread over the frame's columns, without the frame's header
        repeated): recognition joins it unless a title stands first (recognize/continuation.py)."""
        if not self.table or self.frame is None or self.table[-1].page != page.number - 1:
            return False
        columns = column_map(self.frame, part)
        if columns is None:
            return False
        remap(part, columns, len(self.frame.rows[0][0]))
        header = self.frame.rows
        k = 0  # leading rows repeating the table's first rows: a repeated header
        while k < min(len(header), len(part.rows) - 1) and part.rows[k][0] == header[k][0]:
            k += 1
        part.rows = part.rows[k:]
        self._flush_table()
        self.table.append(part)
        self.continues = True
        return True

    def line(self, line: Line, page: Page, *, first_on_page: bool) -> None:
        self._flush_table()
        if _TOC_HEADING.match(line.text.replace(" ", "")) and not self.toc and not self.toc_mode:
            self._flush_para()
            self.para.append(line)
            self._flush_para()
            self.toc_mode = True
            return
        para = self.para
        if self.toc_mode:
            # one paragraph per entry; an entry wrapped onto a second line is one entry
            if not (
                para
                and para[-1].page == line.page
                and not _TOC_PAGE.search(para[-1].text)
                and continues(para[-1], line, self.layout, False)
            ):
                self._toc_entry(self._flush_para())
            para.append(line)
            self.toc_first = self.toc_first or normalise_title(line.text)
            return
        if para:
            prev = para[-1]
            joinable = prev.page == line.page or (first_on_page and prev.page == page.number - 1)
            if not (joinable and continues(prev, line, self.layout, page.spaced)):
                self._flush_para()
        para.append(line)

    def finish(self) -> None:
        if self.toc_mode:
            self._toc_entry(self._flush_para())
        self._flush_para()
        self._flush_table()

    def _flush_para(self) -> Paragraph | None:
        if not self.para:
            return None
        text, lines = "", []
        for ln in self.para:
            text = join(text, ln.text)
            lines.append(
                TextLine(page=ln.page, start=len(text) - len(ln.text), box=rounded((ln.x0, ln.top, ln.x1, ln.bottom)))
            )
        block = Paragraph(
            text=text,
            location=self._location(self.para[0].page, self._next_line(), lines_box(self.para)),
            lines=tuple(lines),
        )
        self.blocks.append(block)
        self.para.clear()
        return block

    def _flush_table(self) -> list[RawRow]:
        if not self.table:
            return []
        rows = [
            RawRow(cells=cells, line=self._next_line(), cell_lines=(), page=part.page, cell_boxes=boxes)
            for part in self.table
            for cells, boxes in part.rows
        ]
        first = self.table[0]
        self.blocks.append(
            RawTable(
                rows=tuple(rows),
                location=self._location(first.page, rows[0].line, first.bbox),
                continues=self.continues,
            )
        )
        self.table.clear()
        return rows

    def _toc_entry(self, block: Paragraph | None) -> None:
        entry = parse_toc_row([block.text], block.location.line or 0) if block else None
        if entry:
            self.toc.append(entry)
