"""One disclosure read from several files (`check --together`, or a pair found in a folder).

Many disclosures are published split: the text in one PDF, the tables in another (or a Word
draft and the Excel workbook of its tables). Checked apart, neither half can be held against the
other. `combine` makes one SourceDocument of them, in the order given:

* every block keeps its Location, and so its `file`; pages stay the pages of their own file;
* `line` becomes a running number across the files (file 2's first line follows file 1's last),
  so every layer that orders or looks up by line sees one document; `SourceDocument.files`
  records each file's range, and `SourceDocument.local_location` turns a combined line back into
  the file's own line for the report;
* the 目录, page defects, hidden content and formulas of every file are kept, lines shifted;
* `page_basis` is the basis the files with pages share ("none" when they disagree, so rules that
  need exact pages do not mix an exact page with an estimated one); `basis_at` gives each file's.
"""

from __future__ import annotations

from dataclasses import replace

from budgetlint.model import SourceDocument
from budgetlint.model.document import Paragraph, SourceFile, TocEntry
from budgetlint.model.location import Location

SEPARATOR = " + "  # the combined document's path: "text.pdf + tables.xlsx"


def _shift(location: Location, offset: int) -> Location:
    if location.line is None or offset == 0:
        return location
    return replace(location, line=location.line + offset)


def _shift_block(block, offset: int):
    if isinstance(block, Paragraph):
        return replace(block, location=_shift(block.location, offset))
    rows = tuple(
        replace(r, line=r.line + offset, cell_lines=tuple(n + offset for n in r.cell_lines)) for r in block.rows
    )
    return replace(block, rows=rows, location=_shift(block.location, offset))


def combine(sources: list[SourceDocument]) -> SourceDocument:
    """One document from several, in the order given (see the module docstring)."""
    if len(sources) == 1:
        return sources[0]
    blocks: list = []
    toc: list[TocEntry] = []
    defects, hidden, formulas, files = [], [], [], []
    offset = 0
    for source in sources:
        blocks += [_shift_block(b, offset) for b in source.blocks]
        toc += [replace(e, line=e.line + offset) for e in source.toc]
        defects += [replace(d, location=_shift(d.location, offset)) for d in source.page_defects]
        hidden += list(source.hidden)
        formulas += list(source.formulas)
        files.append(
            SourceFile(
                path=source.path,
                layout=source.layout,
                page_basis=source.page_basis,
                first_line=offset + 1,
                last_line=offset + source.line_count,
            )
        )
        offset += source.line_count
    bases = {s.page_basis for s in sources if s.page_basis != "none"}
    return SourceDocument(
        path=SEPARATOR.join(s.path for s in sources),
        layout="combined",
        encoding="mixed",
        page_basis=bases.pop() if len(bases) == 1 else "none",
        blocks=tuple(blocks),
        toc=tuple(toc),
        line_count=offset,
        page_defects=tuple(defects),
        hidden=tuple(hidden),
        formulas=tuple(formulas),
        files=tuple(files),
    )
