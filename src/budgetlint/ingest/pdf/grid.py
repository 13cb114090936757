"""Ruled tables from ruling lines: lines -> crossings -> cells -> tables.

The method is pdfplumber's "lines" strategy with its default tolerances (the reader used it before
moving to pdfium, and tests/unit/ingest/test_pdf_grid.py shows both find the same cells on the
fixture PDFs):

1. Rulings shorter than PREFILTER are dropped. Parallel rulings within SNAP of each other (chained)
   move to their mean position, as a rule drawn as a thin filled rectangle gives two -- except two
   borders that do not meet along their length (gap over JOIN) and stand more than ONE_RULE apart:
   two tables on one page, one above the other, whose column borders are a few points apart keep
   their own (pdfplumber snaps by position alone; a digit set flush against the upper border then
   overhung its moved cell: a cut-text false alarm on two tables printed smaller on one page).
   Collinear rulings that overlap or leave a gap of at most JOIN are joined; rulings shorter than
   MIN_LENGTH are dropped.
2. A vertical and a horizontal ruling cross where each reaches the other within CROSS.
3. Each crossing is a cell's top-left corner when, going down its vertical ruling and right along
   its horizontal ruling, there are crossings below and to the right joined by a ruling to a
   crossing at the bottom right: the nearest such corners give the cell (a merged cell, whose inner
   rulings do not reach its top, is one cell).
4. Cells sharing a corner are one table; a table of one cell is a frame, not a table.
5. Two frames drawn touching share a ruling and so their corners: one grid. It is parted before a
   row of one cell that starts at the grid's left edge, follows a row of several cells and is
   crossed by no cell from above, when the column edges above it and from it down differ (the next
   table's title or unit line printed in its own frame, or a note row under a table). Frames with
   the same column edges stay one grid: geometry cannot part them, the second table's title row
   does, in recognition (recognize/continuation.py).

A table's rows are its cells grouped by top edge; its columns the distinct left edges. A row
holds None where a cell of an earlier row spans it (merged vertically) or where a merged cell
starts in an earlier column.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from budgetlint.ingest.pdf.geometry import Box, union
from budgetlint.ingest.pdf.page_objects import Ruling

PREFILTER = 1.0
SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
CROSS = 3.0
ONE_RULE = 1.5  # borders of one rule drawn in pieces stand this close; two tables' borders stand apart


@dataclass(slots=True)
class _Line:
    position: float
    start: float
    end: float


@dataclass(slots=True)
class Table:
    cells: list[Box]  # in the order they were grouped (the top-left cell first)
    bbox: Box = (0.0, 0.0, 0.0, 0.0)
    lefts: list[float] = field(default_factory=list)  # the columns' left edges
    rows: list[list[Box | None]] = field(default_factory=list)  # per row, the cell starting in each column
    row_boxes: list[Box] = field(default_factory=list)  # the union of the cells starting in each row

    def __post_init__(self) -> None:
        self.bbox = union(self.cells)
        self.lefts = sorted({c[0] for c in self.cells})
        tops = sorted({c[1] for c in self.cells})
        by_row: dict[float, dict[float, Box]] = defaultdict(dict)
        for cell in sorted(self.cells, key=lambda c: (c[1], c[0])):
            by_row[cell[1]].setdefault(cell[0], cell)
        self.rows = [[by_row[top].get(left) for left in self.lefts] for top in tops]
        self.row_boxes = [union(list(by_row[top].values())) for top in tops]


def find_tables(rulings: list[Ruling]) -> list[Table]:
    """The ruled tables the page's rulings draw, top to bottom (module docstring)."""
    horizontal = _merge(
        [_Line(r.position, r.start, r.end) for r in rulings if r.horizontal and r.end - r.start >= PREFILTER]
    )
    vertical = _merge(
        [_Line(r.position, r.start, r.end) for r in rulings if not r.horizontal and r.end - r.start >= PREFILTER]
    )
    crossings = _crossings(vertical, horizontal)
    cells = _cells(crossings)
    tables = [Table(part) for group in _group(cells) for part in _parted(group) if len(part) > 1]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t.cells))
    return tables


def _merge(lines: list[_Line]) -> list[_Line]:
    """Snap parallel lines to their cluster's mean, join collinear ones, drop short ones."""
    lines.sort(key=lambda ln: ln.position)
    clusters: list[list[_Line]] = []
    for ln in lines:
        if clusters and ln.position <= clusters[-1][-1].position + SNAP:
            clusters[-1].append(ln)
        else:
            clusters.append([ln])
    out: list[_Line] = []
    for cluster in clusters:
        for part in _apart(cluster):
            mean = sum(ln.position for ln in part) / len(part)
            joined: list[_Line] = []
            for ln in sorted(part, key=lambda ln: ln.start):
                if joined and ln.start <= joined[-1].end + JOIN:
                    joined[-1].end = max(joined[-1].end, ln.end)
                else:
                    joined.append(_Line(mean, ln.start, ln.end))
            out += [ln for ln in joined if ln.end - ln.start >= MIN_LENGTH]
    return out


def _apart(cluster: list[_Line]) -> list[list[_Line]]:
    """A cluster of parallel lines as the borders it holds: lines whose extents meet (within JOIN)
    are one border; two borders that do not meet and stand more than ONE_RULE apart (two tables on
    one page, one above the other) keep their own positions; closer, they are one rule drawn in
    pieces (a border broken where a merged cell spans it)."""
    parts: list[list[_Line]] = []
    end = 0.0
    for ln in sorted(cluster, key=lambda ln: ln.start):
        if parts and ln.start <= end + JOIN:
            parts[-1].append(ln)
            end = max(end, ln.end)
        else:
            parts.append([ln])
            end = ln.end
    merged: list[list[_Line]] = []
    for part in sorted(parts, key=_mean):
        if merged and abs(_mean(part) - _mean(merged[-1])) <= ONE_RULE:
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _mean(lines: list[_Line]) -> float:
    return sum(ln.position for ln in lines) / len(lines)


_Point = tuple[float, float]


def _crossings(vertical: list[_Line], horizontal: list[_Line]) -> dict[_Point, tuple[set[int], set[int]]]:
    """(x, y) of every crossing -> (indices of the vertical lines, of the horizontal lines) through it."""
    out: dict[_Point, tuple[set[int], set[int]]] = {}
    for i, v in enumerate(vertical):
        for j, h in enumerate(horizontal):
            if (
                v.start <= h.position + CROSS
                and v.end >= h.position - CROSS
                and h.start - CROSS <= v.position <= h.end + CROSS
            ):
                through = out.setdefault((v.position, h.position), (set(), set()))
                through[0].add(i)
                through[1].add(j)
    return out


def _cells(crossings: dict[_Point, tuple[set[int], set[int]]]) -> list[Box]:
    """The smallest cell at each crossing as its top-left corner, crossings in (x, y) order."""
    below: dict[float, list[float]] = defaultdict(list)  # x -> the ys of its crossings
    right: dict[float, list[float]] = defaultdict(list)  # y -> the xs of its crossings
    points = sorted(crossings)
    for x, y in points:
        below[x].append(y)
        right[y].append(x)
    cells = []
    for x, y in points:
        vertical, horizontal = crossings[(x, y)]
        for y2 in below[x]:
            if y2 <= y or not vertical & crossings[(x, y2)][0]:
                continue
            corner = _corner(crossings, x, y, y2, horizontal, right[y])
            if corner is not None:
                cells.append((x, y, corner, y2))
                break
    return cells


def _corner(crossings, x: float, y: float, y2: float, horizontal: set[int], xs: list[float]) -> float | None:
    """The nearest x2 right of (x, y) along a ruling with a crossing (x2, y2) closing the cell."""
    bottom = crossings[(x, y2)][1]
    for x2 in xs:
        if x2 <= x or not horizontal & crossings[(x2, y)][1]:
            continue
        closing = crossings.get((x2, y2))
        if closing is not None and closing[0] & crossings[(x2, y)][0] and closing[1] & bottom:
            return x2
    return None


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells into tables: those sharing a corner, directly or through others. A table's cells keep
    the order in which repeated passes over the cells reach them."""
    remaining = list(cells)
    groups: list[list[Box]] = []
    while remaining:
        group = [remaining.pop(0)]
        corners = set(_corners(group[0]))
        grew = True
        while grew:
            grew = False
            rest = []
            for cell in remaining:
                own = _corners(cell)
                if any(c in corners for c in own):
                    group.append(cell)
                    corners.update(own)
                    grew = True
                else:
                    rest.append(cell)
            remaining = rest
        groups.append(group)
    return groups


def _parted(cells: list[Box]) -> list[list[Box]]:
    """A grid's cells as the frames drawn touching (module docstring, 5), top to bottom."""
    starting = Counter(c[1] for c in cells)
    left = min(c[0] for c in cells)
    for at in sorted(starting)[1:]:
        if starting[at] != 1:
            continue  # most rows: several cells start on them
        [cell] = [c for c in cells if c[1] == at]
        above = [c for c in cells if c[3] <= at]
        below = [c for c in cells if c[1] >= at]
        if (
            cell[0] == left
            and sum(1 for c in above if c[3] == at) > 1
            and len(above) + len(below) == len(cells)
            and {c[0] for c in above} != {c[0] for c in below}
        ):
            return [above, *_parted(below)]
    return [cells]


def _corners(cell: Box) -> tuple[_Point, _Point, _Point, _Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
