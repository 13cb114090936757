"""Shared by the text readers: group rows into tables, find the 目录, give every block a page."""

from __future__ import annotations

import re
from typing import Any, cast

from budgetlint.ingest.pages import PAGE_NUMBER, PageEstimator, anchor_pages, parse_toc_row
from budgetlint.model import SourceDocument
from budgetlint.model.document import Block, PageDefect, Paragraph, RawRow, RawTable, TocEntry
from budgetlint.model.location import Location, PageBasis

_TOC_HEADING = re.compile(r"^目\s*录$")

# What a reader gives assemble, in reading order: (kind, line, payload) with kind "row" (payload:
# the cell texts and, in the one-cell-per-line layout, each cell's line), "paragraph" (its text),
# "blank" or "table_start" (no payload). Rows become RawRows here, once their page is known.
Row = tuple[tuple[str, ...], tuple[int, ...]]
Item = tuple[str, int, Row | str | None]


def _formfeed_pages(lines: list[str]) -> tuple[list[int], list[tuple[int, int]]] | None:
    """Exact pages when the text has form feeds, else None: (page per line, index 0 = line 1;
    blank pages as (page, line of the form feed that opens it)).

    A line's page is the page of its text after the last form feed before that text (pdftotext
    starts each page's first line with one). A page holding nothing but white space or a bare page
    number is blank; pages after the last one with text are not pages (pdftotext ends the file with
    a form feed), so a blank last page cannot be told from the text.
    """
    if not any("\f" in line for line in lines):
        return None
    pages: list[int] = []
    opened_at: dict[int, int] = {}  # page -> the line whose form feed opens it
    content: set[int] = set()
    page = 1
    for number, line in enumerate(lines, start=1):
        pieces = line.split("\f")
        line_page = None
        for k, piece in enumerate(pieces):
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


def assemble(items: list[Item], lines: list[str], *, path: str, layout: str, encoding: str) -> SourceDocument:
    """Turn (kind, line, payload) items into blocks with pages; collect the 目录."""
    groups: list[tuple[str, int, Any]] = []  # paragraph (its text) | table (its rows: line, cells, cell lines)
    table_breaks: list[int] = []
    current: list[tuple[int, tuple[str, ...], tuple[int, ...]]] = []
    pending_blanks: list[int] = []
    for kind, line, payload in items:
        if kind == "row":
            if current:
                table_breaks.extend(pending_blanks[:1])
            cells, cell_lines = cast(Row, payload)
            current.append((line, cells, cell_lines))
            pending_blanks = []
        elif kind == "blank":
            pending_blanks.append(line)
        elif kind == "table_start":
            if current:
                groups.append(("table", current[0][0], current))
            current, pending_blanks = [], []
        else:
            if current:
                groups.append(("table", current[0][0], current))
            current, pending_blanks = [], []
            groups.append(("paragraph", line, payload))
    if current:
        groups.append(("table", current[0][0], current))

    toc: list[TocEntry] = []
    toc_end = 0
    for i, (kind, _, payload) in enumerate(groups):
        if kind == "paragraph" and _TOC_HEADING.match(str(payload).replace(" ", "")) and i + 1 < len(groups):
            nxt = groups[i + 1]
            if nxt[0] == "table":
                for row_line, cells, _ in nxt[2]:
                    entry = parse_toc_row(list(cells), row_line)
                    if entry:
                        toc.append(entry)
                toc_end = nxt[2][-1][0]
            break

    formfeed = _formfeed_pages(lines)
    blank_pages: list[tuple[int, int]] = []
    basis: PageBasis
    if formfeed is not None:
        basis = "formfeed"
        exact, blank_pages = formfeed

        def page_of(line: int) -> int | None:
            return exact[line - 1]
    elif toc:
        basis = "toc"
        headings = [(line, str(p)) for kind, line, p in groups if kind == "paragraph" and line > toc_end]
        # a table's title may also be the first row of a one-cell-per-line table
        estimator = PageEstimator(anchor_pages(toc, headings), table_breaks)
        page_of = estimator.page_of
    else:
        basis = "none"

        def page_of(line: int) -> int | None:
            return None

    def loc(line: int) -> Location:
        page = page_of(line)
        return Location(file=path, line=line, page=page, page_basis=basis if page is not None else "none")

    blocks: list[Block] = []
    for kind, line, payload in groups:
        if kind == "paragraph":
            blocks.append(Paragraph(text=payload, location=loc(line)))
        else:
            rows = tuple(
                RawRow(cells, row_line, cell_lines, page_of(row_line)) for row_line, cells, cell_lines in payload
            )
            blocks.append(RawTable.model_construct(kind="table", rows=rows, location=loc(line)))
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
