"""Shared by the DOCX and XLSX readers: blocks numbered in reading order, the 目录, the document.

As in the PDF reader, an office file has no lines: `line` is a running 1-based index of the
blocks in reading order, each paragraph one number and each table row one number, so every
layer that orders or looks up by line works unchanged. What names a place in the file itself
(sheet and cell, paragraph, table and R1C1 cell) travels in the Location's office fields.

The 目录 is read as in the text readers: the paragraph 目录 (layout._TOC_HEADING) and the
paragraphs after it that parse as entries (title and page number, pages.parse_toc_row), or the
rows of a table right after it; entries without a page number are not TocEntries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from budgetlint.ingest.layout import _TOC_HEADING
from budgetlint.ingest.pages import parse_toc_row
from budgetlint.model import SourceDocument
from budgetlint.model.document import Block, Layout, Paragraph, RawRow, RawTable, TocEntry
from budgetlint.model.location import Location, PageBasis

TOC_ENTRY_CHARS = 60  # a 目录 line without a page number is at most this long and has no sentence


def _untitled_entry(text: str) -> bool:
    """A 目录 line without a page number (the official templates leave them blank)."""
    return len(text) <= TOC_ENTRY_CHARS and "。" not in text


@dataclass
class Cell:
    text: str
    ref: str  # "D12" or "R5C2"


@dataclass
class _Item:
    line: int
    where: dict  # Location office fields (sheet, cell, paragraph, table_index)
    text: str = ""
    rows: list[list[Cell]] | None = None  # a table; None for a paragraph
    row_lines: list[int] = field(default_factory=list)
    page: int | None = None  # stated page (DOCX breaks), before any estimate


class BlockWriter:
    """Collects paragraphs and tables in reading order, numbering their lines."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[_Item] = []
        self.line = 0

    def paragraph(self, text: str, *, page: int | None = None, **where) -> None:
        self.line += 1
        self.items.append(_Item(line=self.line, where=where, text=text, page=page))

    def table(self, rows: list[list[Cell]], *, page: int | None = None, **where) -> None:
        if not rows:
            return
        first = self.line + 1
        self.line += len(rows)
        self.items.append(
            _Item(line=first, where=where, rows=rows, row_lines=list(range(first, self.line + 1)), page=page)
        )

    def toc(self) -> list[TocEntry]:
        """The document's 目录 entries (see the module docstring): the lines after 目录 while they are
        entries or short lines without a sentence (entries left without a page number)."""
        for i, item in enumerate(self.items):
            if item.rows is not None or not _TOC_HEADING.match(item.text.replace(" ", "").replace("\u3000", "")):
                continue
            entries: list[TocEntry] = []
            for following in self.items[i + 1 :]:
                if following.rows is not None:
                    if entries:
                        break
                    entries += [
                        e
                        for row, line in zip(following.rows, following.row_lines)
                        if (e := parse_toc_row([c.text for c in row], line))
                    ]
                    break
                entry = parse_toc_row(following.text.split("\t"), following.line)
                if entry is not None:
                    entries.append(entry)
                elif not _untitled_entry(following.text):
                    break
            return entries
        return []

    def headings(self) -> list[tuple[int, str]]:
        """(line, text) of every paragraph, for matching 目录 entries to the body."""
        return [(item.line, item.text) for item in self.items if item.rows is None]

    def document(
        self, *, layout: Layout, page_basis: PageBasis, page_of: Callable[[int], int | None] | None = None, **extra
    ) -> SourceDocument:
        """The SourceDocument; `page_of(line)` gives each block and row its page."""
        blocks: list[Block] = []

        def basis_of(page: int | None) -> PageBasis:
            return page_basis if page is not None else "none"

        for item in self.items:
            page = page_of(item.line) if page_of else None
            location = Location(file=self.path, line=item.line, page=page, page_basis=basis_of(page), **item.where)
            if item.rows is None:
                blocks.append(Paragraph(text=item.text, location=location))
                continue
            rows = []
            for cells, line in zip(item.rows, item.row_lines):
                rows.append(
                    RawRow(
                        cells=tuple(c.text for c in cells),
                        line=line,
                        page=page_of(line) if page_of else None,
                        cell_refs=tuple(c.ref for c in cells),
                    )
                )
            first_ref = item.rows[0][0].ref if item.rows[0] else None
            blocks.append(RawTable(rows=tuple(rows), location=replace(location, cell=first_ref)))
        return SourceDocument(
            path=self.path,
            layout=layout,
            encoding="binary",
            page_basis=page_basis,
            blocks=tuple(blocks),
            toc=tuple(self.toc()),
            line_count=self.line,
            **extra,
        )
