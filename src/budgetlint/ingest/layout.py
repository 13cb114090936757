"""Shared by the text readers: group rows into tables, find the 目录, give every block a page."""

from __future__ import annotations

import re

from budgetlint.ingest.pages import PageEstimator, anchor_pages, parse_toc_row
from budgetlint.model import SourceDocument
from budgetlint.model.document import Paragraph, RawRow, RawTable, TocEntry
from budgetlint.model.location import Location

_TOC_HEADING = re.compile(r"^目\s*录$")


def _formfeed_pages(lines: list[str]) -> list[int] | None:
    """Exact page per line (index 0 = line 1) when the text has form feeds, else None."""
    if not any("\f" in line for line in lines):
        return None
    pages, page = [], 1
    for line in lines:
        page_of_line = page + (1 if line.startswith("\f") else 0)
        page += line.count("\f")
        pages.append(page_of_line if line.strip("\f").strip() else page)
    return pages


def assemble(items: list[tuple[str, int, object]], lines: list[str], *, path: str, layout: str,
             encoding: str) -> SourceDocument:
    """Turn (kind, line, payload) items into blocks with pages; collect the 目录."""
    groups: list[tuple[str, int, object]] = []  # paragraph | table(list[RawRow])
    table_breaks: list[int] = []
    current: list[RawRow] = []
    pending_blanks: list[int] = []
    for kind, line, payload in items:
        if kind == "row":
            if current:
                table_breaks.extend(pending_blanks[:1])
            current.append(payload)
            pending_blanks = []
        elif kind == "blank":
            pending_blanks.append(line)
        elif kind == "table_start":
            if current:
                groups.append(("table", current[0].line, current))
            current, pending_blanks = [], []
        else:
            if current:
                groups.append(("table", current[0].line, current))
            current, pending_blanks = [], []
            groups.append(("paragraph", line, payload))
    if current:
        groups.append(("table", current[0].line, current))

    toc: list[TocEntry] = []
    toc_end = 0
    for i, (kind, line, payload) in enumerate(groups):
        if kind == "paragraph" and _TOC_HEADING.match(str(payload).replace(" ", "")) and i + 1 < len(groups):
            nxt = groups[i + 1]
            if nxt[0] == "table":
                for row in nxt[2]:
                    entry = parse_toc_row(row.texts, row.line)
                    if entry:
                        toc.append(entry)
                toc_end = nxt[2][-1].line
            break

    exact = _formfeed_pages(lines)
    if exact is not None:
        basis = "formfeed"

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

    blocks = []
    for kind, line, payload in groups:
        if kind == "paragraph":
            blocks.append(Paragraph(text=payload, location=loc(line)))
        else:
            rows = tuple(RawRow(r.cells, r.line, r.cell_lines, page_of(r.line)) for r in payload)
            blocks.append(RawTable.model_construct(kind="table", rows=rows, location=loc(line)))
    return SourceDocument(path=path, layout=layout, encoding=encoding, page_basis=basis,
                          blocks=tuple(blocks), toc=tuple(toc), line_count=len(lines))
