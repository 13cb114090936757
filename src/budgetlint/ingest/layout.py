"""Shared by the text readers: group rows into tables, find the 目录, give every block a page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat

from budgetlint.ingest.pages import PAGE_NUMBER, PageEstimator, anchor_pages, parse_toc_row
from budgetlint.model import SourceDocument
from budgetlint.model.document import Block, Layout, PageDefect, Paragraph, RawRow, RawTable, TocEntry
from budgetlint.model.location import Location, PageBasis

_TOC_HEADING = re.compile(r"^目\s*录$")


@dataclass(slots=True)
class _Rows:
    """One table's rows as a reader found them, column by column (their pages come later)."""

    lines: list[int] = field(default_factory=list)
    cells: list[tuple[str, ...]] = field(default_factory=list)
    cell_lines: list[tuple[int, ...]] = field(default_factory=list)


class TextBlocks:
    """What a text reader finds, in reading order: paragraphs and tables of rows, and the blank
    lines inside a table (page breaks of the source PDF). `assemble` gives them their pages.

    Rows are kept as plain tuples in per-table lists, not as one record per line: a reader calls
    `row` for every line of a table, and what it keeps alive until `assemble` is what the garbage
    collector scans.
    """

    def __init__(self) -> None:
        self.groups: list[tuple[int, str | _Rows]] = []  # (first line, paragraph text | table rows)
        self.table_breaks: list[int] = []
        self._table: _Rows | None = None
        self._blank: int | None = None  # the first blank line since the current table's last row

    def row(self, line: int, cells: tuple[str, ...], cell_lines: tuple[int, ...] = ()) -> None:
        """A table row: it continues the current table, or starts one."""
        table = self._table
        if table is None:
            table = self._table = _Rows()
            self.groups.append((line, table))
        elif self._blank is not None:
            self.table_breaks.append(self._blank)
        self._blank = None
        table.lines.append(line)
        table.cells.append(cells)
        table.cell_lines.append(cell_lines)

    def blank(self, line: int) -> None:
        """A blank line: a page break when a row of the same table follows."""
        if self._table is not None and self._blank is None:
            self._blank = line

    def paragraph(self, line: int, text: str) -> None:
        """A line of narrative: it ends the current table."""
        self.end_table()
        self.groups.append((line, text))

    def end_table(self) -> None:
        """The next row starts a table of its own."""
        self._table, self._blank = None, None


def _formfeed_pages(lines: list[str]) -> tuple[list[int], list[tuple[int, int]]] | None:
    """Exact pages when the text has form feeds, else None: (page per line, index 0 = line 1;
    blank pages as (page, line of the form feed that opens it)).

    A line's page is the page of its text after the last form feed before that text (pdftotext
    starts each page's first line with one). A page holding nothing but white space or a bare page
    number is blank; pages after the last one with text are not pages (pdftotext ends the file with
    a form feed), so a blank last page cannot be told from the text.
    """
    if "\f" not in "".join(lines):  # one C scan of a copy: several times faster than a test per line
        return None
    pages: list[int] = []
    opened_at: dict[int, int] = {}  # page -> the line whose form feed opens it
    content: set[int] = set()
    page = 1
    for number, line in enumerate(lines, start=1):
        if "\f" not in line:  # most lines: one piece, on the current page
            pages.append(page)
            if line.strip() and not PAGE_NUMBER.match(line):
                content.add(page)
            continue
        line_page = None
        for k, piece in enumerate(line.split("\f")):
            if k:
                page += 1
                opened_at.setdefault(page, number)
            if piece.strip():
                line_page = line_page or page
                if not PAGE_NUMBER.match(piece):
                    content.add(page)
        pages.append(line_page or page)
    last = max(content, default=0)
    blank = [(p, opened_at.get(p, 1)) for p in range(1, last) if p not in content]
    return pages, blank


def _toc(groups: list[tuple[int, str | _Rows]]) -> tuple[list[TocEntry], int]:
    """The 目录 (the table right after a paragraph reading 目录) and the line it ends on."""
    for i, (_, payload) in enumerate(groups):
        if isinstance(payload, str) and _TOC_HEADING.match(payload.replace(" ", "")) and i + 1 < len(groups):
            rows = groups[i + 1][1]
            if isinstance(rows, str):
                return [], 0
            entries = (parse_toc_row(list(cells), line) for line, cells in zip(rows.lines, rows.cells))
            return [entry for entry in entries if entry], rows.lines[-1]
    return [], 0


def assemble(found: TextBlocks, lines: list[str], *, path: str, layout: Layout, encoding: str) -> SourceDocument:
    """Turn what a reader found into blocks with pages; collect the 目录."""
    groups = found.groups
    toc, toc_end = _toc(groups)
    formfeed = _formfeed_pages(lines)
    blank_pages: list[tuple[int, int]] = []
    basis: PageBasis
    line_pages: list[int | None] | None  # index = line (index 0 unused); None: no page is known
    if formfeed is not None:
        basis = "formfeed"
        exact, blank_pages = formfeed
        line_pages = [None, *exact]
    elif toc:
        basis = "toc"
        headings = [(line, p) for line, p in groups if isinstance(p, str) and line > toc_end]
        estimator = PageEstimator(anchor_pages(toc, headings), found.table_breaks)
        line_pages = [None, *estimator.pages(len(lines))]
    else:
        basis, line_pages = "none", None

    def loc(line: int) -> Location:
        page = line_pages[line] if line_pages is not None else None
        return Location(file=path, line=line, page=page, page_basis=basis if page is not None else "none")

    blocks: list[Block] = []
    for line, payload in groups:
        if isinstance(payload, str):
            blocks.append(Paragraph(text=payload, location=loc(line)))
            continue
        pages = map(line_pages.__getitem__, payload.lines) if line_pages is not None else repeat(None)
        rows = tuple(map(RawRow, payload.cells, payload.lines, payload.cell_lines, pages))
        blocks.append(RawTable(rows=rows, location=loc(line)))
    defects = tuple(
        PageDefect(kind="blank_page", location=Location(file=path, line=line, page=page, page_basis="formfeed"))
        for page, line in blank_pages
    )
    return SourceDocument(
        path=path,
        layout=layout,
        encoding=encoding,
        page_basis=basis,
        blocks=tuple(blocks),
        toc=tuple(toc),
        line_count=len(lines),
        page_defects=defects,
    )
