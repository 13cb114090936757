"""Reader for text extracted from PDF with one table row per line, cells split by TAB.

Empty cells are kept (two TABs in a row). Blank lines between rows do not end a table: they are
the page breaks of the source PDF. A non-blank line without a TAB ends the table.
"""

from __future__ import annotations

from budgetlint.ingest.layout import assemble
from budgetlint.model import SourceDocument
from budgetlint.model.document import RawRow

SEPARATOR_CHARS = set("-—_=")


def _is_separator(cells: list[str]) -> bool:
    """A rule line like ----|-----: cheap first test, since almost no row is one."""
    first = next((c for c in cells if c), "")
    if not first or first[0] not in SEPARATOR_CHARS:
        return False
    return set("".join(cells)) <= SEPARATOR_CHARS


def read(lines: list[str], *, path: str, encoding: str) -> SourceDocument:
    items: list[tuple[str, int, object]] = []  # (kind, line, payload) in reading order
    for number, raw in enumerate(lines, start=1):
        text = raw.replace("\f", "")
        if not text.strip():
            items.append(("blank", number, None))
        elif "\t" in text:
            cells = [c.strip() for c in text.split("\t")]
            if _is_separator(cells):
                items.append(("blank", number, None))
                continue
            items.append(("row", number, RawRow(cells=tuple(cells), line=number, cell_lines=(),
                                                                 page=None)))
        else:
            items.append(("paragraph", number, text.strip()))
    return assemble(items, lines, path=path, layout="text_rows", encoding=encoding)
