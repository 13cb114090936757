"""Ruled tables from ruling lines (ingest/pdf/grid.py): the cells pdfplumber's "lines" method finds,
on drawn cases and on real pages of the fixture PDFs."""

from pathlib import Path

import pdfplumber
import pytest

from budgetlint.ingest.pdf.grid import find_tables
from budgetlint.ingest.pdf.page_objects import PdfFile, Ruling

PDF = Path(__file__).resolve().parents[3] / "fixtures" / "pdf"


def h(y, x0, x1):
    return Ruling(True, y, x0, x1)


def v(x, top, bottom):
    return Ruling(False, x, top, bottom)


def grid(xs, ys):
    """Every line of a plain grid."""
    return [h(y, xs[0], xs[-1]) for y in ys] + [v(x, ys[0], ys[-1]) for x in xs]


def test_a_plain_grid_gives_one_cell_per_square_row_by_row():
    [table] = find_tables(grid([0, 50, 100, 150], [0, 20, 40]))
    assert table.bbox == (0, 0, 150, 40)
    assert table.lefts == [0, 50, 100]
    assert table.rows == [
        [(0, 0, 50, 20), (50, 0, 100, 20), (100, 0, 150, 20)],
        [(0, 20, 50, 40), (50, 20, 100, 40), (100, 20, 150, 40)],
    ]


def test_a_header_cell_over_two_columns_is_one_cell_and_the_column_it_covers_is_none():
    # the rule between columns 2 and 3 starts under the header row
    lines = [h(0, 0, 150), h(20, 0, 150), h(40, 0, 150), v(0, 0, 40), v(50, 0, 40), v(100, 20, 40), v(150, 0, 40)]
    [table] = find_tables(lines)
    assert table.rows == [
        [(0, 0, 50, 20), (50, 0, 150, 20), None],
        [(0, 20, 50, 40), (50, 20, 100, 40), (100, 20, 150, 40)],
    ]


def test_a_rule_drawn_as_a_thin_filled_rectangle_is_one_rule():
    # a 0.5pt-high filled rectangle gives two horizontal lines; they snap to their mean
    lines = [*grid([0, 50, 100], [0, 40]), h(20, 0, 100), h(20.5, 0, 100)]
    [table] = find_tables(lines)
    assert [row[0] for row in table.rows] == [(0, 0, 50, 20.25), (0, 20.25, 50, 40)]


@pytest.mark.parametrize(("gap", "cells"), [(2.0, 4), (5.0, 3)])
def test_a_rule_broken_by_a_small_gap_is_joined(gap, cells):
    # the middle horizontal rule is drawn in two pieces; a 5pt gap leaves the left cells merged
    lines = [
        h(0, 0, 100),
        h(40, 0, 100),
        v(0, 0, 40),
        v(50, 0, 40),
        v(100, 0, 40),
        h(20, 0, 25 - gap / 2),
        h(20, 25 + gap / 2, 100),
    ]
    [table] = find_tables(lines)
    assert len(table.cells) == cells


def test_a_frame_of_one_cell_is_not_a_table_and_short_strokes_are_not_rules():
    assert find_tables(grid([0, 100], [0, 40])) == []
    assert find_tables(grid([0, 2, 4], [0, 2, 4])) == []  # lines under 3pt: a shading pattern


def test_two_tables_one_above_the_other_are_found_top_first():
    lines = grid([0, 50, 100], [300, 320]) + grid([0, 50, 100], [100, 120])
    assert [t.bbox for t in find_tables(lines)] == [(0, 100, 100, 120), (0, 300, 100, 320)]


PLUMBER_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
}


def test_two_frames_drawn_touching_are_two_tables_when_their_columns_differ():
    # a 3-column table (rows 0-20-40), then under it the next table's title row (40-60, one cell) and
    # its 2 columns (60-80)
    lines = [
        *grid([0, 50, 100, 150], [0, 20, 40]),
        h(60, 0, 150),
        v(0, 40, 60),
        v(150, 40, 60),
        *grid([0, 75, 150], [60, 80]),
    ]
    first, second = find_tables(lines)
    assert first.lefts == [0, 50, 100] and len(first.rows) == 2
    assert second.lefts == [0, 75] and second.rows[0] == [(0, 40, 150, 60), None]


def test_a_row_of_one_cell_parts_no_frame_whose_columns_go_on_under_it():
    # a section row of one cell between rows with the same columns: one table
    lines = [
        *grid([0, 50, 100, 150], [0, 20]),
        h(40, 0, 150),
        v(0, 20, 40),
        v(150, 20, 40),
        *grid([0, 50, 100, 150], [40, 60]),
    ]
    [table] = find_tables(lines)
    assert len(table.rows) == 3


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("sfj_2026_dept_budget.pdf", 3),  # an empty frame of 20 cells
        ("sfj_2026_dept_budget.pdf", 10),  # merged header cells
        ("sfj_2026_dept_budget.pdf", 11),
        ("sfj_2026_unit_budget.pdf", 13),
        ("czj_2024_final_good.pdf", 8),
        ("czj_2024_final_good.pdf", 14),  # one empty row spilled onto a page
        ("czj_2024_final_bad.pdf", 13),
    ],
)
def test_the_cells_are_pdfplumbers_on_real_pages(name, page):
    with PdfFile(str(PDF / name)) as pdf, pdf.page(page - 1) as objects:
        ours = find_tables(objects.rulings)
    with pdfplumber.open(PDF / name) as plumber:
        theirs = plumber.pages[page - 1].find_tables(PLUMBER_SETTINGS)
    assert theirs
    assert [len(t.cells) for t in ours] == [len(t.cells) for t in theirs]
    for table, reference in zip(ours, theirs):
        # pdfium gives single-precision coordinates, pdfminer double: equal to a hundredth
        ours_flat = [v for cell in table.cells for v in cell]
        assert ours_flat == pytest.approx([v for cell in reference.cells for v in cell], abs=0.01)
        assert [[c is None for c in row] for row in table.rows] == [
            [c is None for c in r.cells] for r in reference.rows
        ]
