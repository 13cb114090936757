"""Reader for text extracted from DOCX with ONE CELL PER LINE (design.md §1.3).

A line starting with TAB is a cell (its text is everything after the first TAB; later TABs are
literal); a line that is exactly TAB is an empty cell. An empty line without a leading TAB ends
the row. A non-empty line without a leading TAB right after a cell line continues that cell.
Any other line is narrative. A table starts at a one-cell row whose text is a table title below,
so two tables printed back to back are kept apart.
"""

from __future__ import annotations

from budgetlint.ingest.layout import TextBlocks, assemble
from budgetlint.model import SourceDocument

# One-cell rows that open a new table in this layout (the self-evaluation tables of a 决算).
TABLE_START_TITLES = ("项目支出绩效自评表", "单位整体支出绩效自评表", "部门整体支出绩效自评表")


def read(lines: list[str], *, path: str, encoding: str) -> SourceDocument:
    found = TextBlocks()
    texts: list[str] = []  # the current row's cells
    numbers: list[int] = []  # the line each of them starts on
    row_line = 0
    after_cell = False

    def end_row() -> None:
        if texts:
            if len(texts) == 1 and texts[0].strip() in TABLE_START_TITLES:
                found.end_table()
            found.row(row_line, tuple(map(str.strip, texts)), tuple(numbers))
            texts.clear()
            numbers.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\f", "")
        if line.startswith("\t"):
            if not texts:
                row_line = number
            texts.append(line[1:])
            numbers.append(number)
            after_cell = True
        elif not line.strip():
            end_row()
            found.blank(number)
            after_cell = False
        elif after_cell and texts:
            texts[-1] += "\n" + line
        else:
            end_row()
            found.paragraph(number, line.strip())
            after_cell = False
    end_row()
    return assemble(found, lines, path=path, layout="text_cells", encoding=encoding)
