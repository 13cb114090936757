"""Reader for text extracted from PDF with one table row per line, cells split by TAB.

Empty cells are kept (two TABs in a row). Blank lines between rows do not end a table: they are
the page breaks of the source PDF. A non-blank line without a TAB ends the table.
"""

from __future__ import annotations

from budgetlint.ingest.layout import TextBlocks, assemble
from budgetlint.model import SourceDocument

SEPARATOR_CHARS = set("-—_=")


def _is_separator(cells: tuple[str, ...]) -> bool:
    """A rule line like ----|-----."""
    return set("".join(cells)) <= SEPARATOR_CHARS


def read(lines: list[str], *, path: str, encoding: str) -> SourceDocument:
    found = TextBlocks()
    row, blank = found.row, found.blank  # called for nearly every line
    # form feeds (page breaks) are no text; most texts have none, and then no line needs a copy
    texts = [line.replace("\f", "") for line in lines] if "\f" in "".join(lines) else lines
    # a row line printed again is read once and its rows share one tuple of cells: performance
    # tables repeat their headers and indicator rows (2,825 distinct lines in 4,795 rows of a budget
    # with 83 项目支出绩效目标表), so fewer tuples are made and kept
    rows_seen: dict[str, tuple[str, ...]] = {}
    for number, text in enumerate(texts, start=1):
        cells = rows_seen.get(text)
        if cells is not None:
            row(number, cells)
            continue
        stripped = text.strip()
        if not stripped:
            blank(number)
        elif "\t" in text:
            cells = tuple(map(str.strip, text.split("\t")))
            # first the line's first mark, in line: almost no row is a rule line
            if stripped[0] in SEPARATOR_CHARS and _is_separator(cells):
                blank(number)
            else:
                rows_seen[text] = cells
                row(number, cells)
        else:
            found.paragraph(number, stripped)
    return assemble(found, lines, path=path, layout="text_rows", encoding=encoding)
