"""Reader for text extracted from PDF with one table row per line, cells split by TAB.

Empty cells are kept (two TABs in a row). Blank lines between rows do not end a table: they are
the page breaks of the source PDF. A non-blank line without a TAB ends the table.
"""

from __future__ import annotations

from budgetlint.ingest.layout import TextBlocks, assemble
from budgetlint.model import SourceDocument

SEPARATOR_CHARS = set("-—_=")


def _is_separator(stripped: str, cells: tuple[str, ...]) -> bool:
    """A rule line like ----|-----: cheap first test (the line's first mark), since almost no row is one."""
    return stripped[0] in SEPARATOR_CHARS and set("".join(cells)) <= SEPARATOR_CHARS


def read(lines: list[str], *, path: str, encoding: str) -> SourceDocument:
    found = TextBlocks()
    row, blank = found.row, found.blank  # called for nearly every line
    for number, raw in enumerate(lines, start=1):
        text = raw.replace("\f", "")
        stripped = text.strip()
        if not stripped:
            blank(number)
        elif "\t" in text:
            cells = tuple(map(str.strip, text.split("\t")))
            if _is_separator(stripped, cells):
                blank(number)
            else:
                row(number, cells)
        else:
            found.paragraph(number, stripped)
    return assemble(found, lines, path=path, layout="text_rows", encoding=encoding)
