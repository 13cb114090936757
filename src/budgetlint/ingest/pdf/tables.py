"""Characters into the cells of ruled tables; a table's part that goes on over a page break.

A character belongs to the cell holding its centre. A cell's text is rebuilt from its
characters like narrative lines (lines.cell_text). Rows without any text are dropped; a merged
cell's text is in its first column, the other columns it spans are "" and get its box.

A table that ends a page may go on at the top of the next page when that page starts with a table
in the same frame: same left and right edge, and every column boundary one of the first part's (a
part may have fewer where its rows merge cells, as a 合计 row alone on a page does). The caller
emits such a part as a RawTable of its own marked `continues`, spread over the first part's columns
and without leading rows that repeat the table's own first rows (a repeated header); whether it is
joined -- or is another table that starts on the next page under a title row of its own --
recognition decides (recognize/continuation.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from budgetlint.ingest.pdf.geometry import Box, Char, rounded
from budgetlint.ingest.pdf.grid import Table
from budgetlint.ingest.pdf.lines import cell_text
from budgetlint.ingest.pdf.page_defects import is_cut

CONTINUATION_SLACK = 3.0  # column boundaries of two parts of one table agree within this

Row = tuple[tuple[str, ...], tuple[Box, ...]]  # cell texts, cell boxes


@dataclass(slots=True)
class TablePart:
    page: int
    bbox: Box
    edges: tuple[float, ...]  # x positions of the column boundaries
    rows: list[Row]


class _Grid:
    """Find the (merged) cell holding a point: cell edges as a grid, each grid square -> cell."""

    def __init__(self, cells: list[Box]) -> None:
        self.xs = sorted({v for c in cells for v in (c[0], c[2])})
        self.ys = sorted({v for c in cells for v in (c[1], c[3])})
        x_at = {x: i for i, x in enumerate(self.xs)}
        y_at = {y: j for j, y in enumerate(self.ys)}
        self.map: dict[tuple[int, int], int] = {}
        for k, (x0, top, x1, bottom) in enumerate(cells):
            for i in range(x_at[x0], x_at[x1]):
                for j in range(y_at[top], y_at[bottom]):
                    self.map.setdefault((i, j), k)

    def find(self, x: float, y: float) -> int | None:
        i = bisect_right(self.xs, x) - 1
        j = bisect_right(self.ys, y) - 1
        if i < 0 or j < 0 or i >= len(self.xs) - 1 or j >= len(self.ys) - 1:
            return None
        return self.map.get((i, j))


def table_parts(page_no: int, tables: list[Table], chars: list[Char]) -> tuple[list[TablePart], list[Char], list[Char]]:
    """Assign characters to the cells of the page's tables; return table parts, free characters
    and characters cut by their cell's border (a cell clips its text, or the text crosses a rule)."""
    if not tables:
        return [], chars, []
    grids = [_Grid(t.cells) for t in tables]
    owned: list[list[list[Char]]] = [[[] for _ in t.cells] for t in tables]
    free: list[Char] = []
    cut: list[Char] = []
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        for n, t in enumerate(tables):
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                k = grids[n].find(cx, cy)
                if k is not None:
                    owned[n][k].append(c)
                    if is_cut(c, t.cells[k]):
                        cut.append(c)
                    break
        else:
            free.append(c)
    parts = []
    for t, grid, chars_of in zip(tables, grids, owned):
        part = _part(page_no, t, grid, chars_of)
        if part is not None:
            parts.append(part)
    return parts, free, cut


def _part(page_no: int, table: Table, grid: _Grid, owned: list[list[Char]]) -> TablePart | None:
    index = {cell: k for k, cell in enumerate(table.cells)}
    texts = [cell_text(chs) if chs else "" for chs in owned]
    edges = [*table.lefts, table.bbox[2]]  # column boundaries
    rows = []
    for row, row_box in zip(table.rows, table.row_boxes):
        row_top, row_bottom = row_box[1], row_box[3]
        cell_texts, boxes = [], []
        for j, cell in enumerate(row):
            if cell is not None:
                cell_texts.append(texts[index[cell]])
                boxes.append(rounded(cell))
                continue
            # a column a merged cell spans: the box of the cell covering the column at this row
            cell_texts.append("")
            k = grid.find((edges[j] + edges[j + 1]) / 2, row_top + 0.01)
            column_box = (edges[j], row_top, edges[j + 1], row_bottom)
            boxes.append(rounded(table.cells[k]) if k is not None else rounded(column_box))
        if any(cell_texts):
            rows.append((tuple(cell_texts), tuple(boxes)))
    if not rows:
        return None
    return TablePart(page=page_no, bbox=rounded(table.bbox), edges=tuple(round(x, 1) for x in edges), rows=rows)


def column_map(a: TablePart, b: TablePart) -> list[int] | None:
    """Columns of `b` as columns of `a` when `b` can continue `a`, else None (module docstring)."""

    def find(x: float) -> int | None:
        for i, y in enumerate(a.edges):
            if abs(x - y) <= CONTINUATION_SLACK:
                return i
        return None

    positions = [find(x) for x in b.edges]
    if None in positions or positions[0] != 0 or positions[-1] != len(a.edges) - 1:
        return None
    if len(b.rows[0][0]) != len(b.edges) - 1 or len(a.rows[0][0]) != len(a.edges) - 1:
        return None
    return positions[:-1]  # type: ignore[return-value]


def remap(part: TablePart, columns: list[int], width: int) -> None:
    """Spread `part`'s cells over `width` columns; a merged cell's box fills the columns it spans."""
    if columns == list(range(width)):
        return
    rows: list[Row] = []
    for cells, boxes in part.rows:
        new_cells: list[str] = [""] * width
        new_boxes: list[Box | None] = [None] * width
        for j, (text, box) in enumerate(zip(cells, boxes)):
            end = columns[j + 1] if j + 1 < len(columns) else width
            for k in range(columns[j], end):
                new_boxes[k] = box
            new_cells[columns[j]] = text
        rows.append((tuple(new_cells), tuple(new_boxes)))  # type: ignore[arg-type]
    part.rows = rows
    part.edges = ()
