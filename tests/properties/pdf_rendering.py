"""A text disclosure rendered as a PDF the way many provinces typeset theirs: tables ruled cell by
cell, each under its own title, packed one after another on a page, so that several tables share a
page, and a table that does not fit goes on at the top of the next page in the same frame (no title
between). Imported as a plain module (conftest.py).

The text is read with the text reader; its paragraphs become lines of text, its tables grids of
rulings with each cell's text in it. The PDF is written with fixtures/make_case_pdfs.py's
dependency-free writer (STSong-Light, not embedded: each character is one em wide, which is all the
PDF reader needs). A4 wide, so that the widest national tables fit at a legible size; the height
is the caller's, so that the page breaks fall at other rows.

With `titles_in_frame`, a table's title and the lines under it (单位名称, 单位) are printed as rows
of the table's own frame, one cell spanning its width, as spreadsheets exported to PDF print them;
with `touching` too, a frame follows the one before it with no space between (they share a ruling).
With `same_columns`, tables of the same number of columns get the same column widths (the widest
text of each column over all of them), as a workbook whose sheets share one column layout prints
them: two such frames touching have the same column edges, and only their title rows part them.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path

from budgetlint.ingest import read_text
from budgetlint.model import Disclosure
from budgetlint.model.document import Paragraph, RawTable
from budgetlint.recognize.tables import place_cells
from budgetlint.recognize.templates import load_templates

Placer = Callable[[RawTable], list[list[str]]]

REPO = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 842, 595
TITLE = re.compile(r"表(（[^）]*）)?$")  # a paragraph that ends as a table title
MARGIN = 36
TEXT_SIZE = 10  # narrative lines
TITLE_SIZE = 14  # a table title, centred (as disclosures print them)
LINE_STEP = 15  # baseline to baseline within a paragraph
PARAGRAPH_GAP = 15  # extra space after a paragraph
PAD = 3  # between a cell's border and its text
MAX_CELL_SIZE = 8


def _writer():
    spec = importlib.util.spec_from_file_location("make_case_pdfs", REPO / "fixtures" / "make_case_pdfs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Pages:
    """Content streams being filled top to bottom; `y` is the next free height (PDF coordinates)."""

    def __init__(self, text_op, height: int) -> None:
        self.text = text_op
        self.height = height
        self.pages: list[bytes] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(b"")
        self.y = self.height - MARGIN

    def room(self) -> float:
        return self.y - MARGIN

    def draw(self, ops: bytes) -> None:
        self.pages[-1] += ops


def as_recognised(disclosure: Disclosure) -> Placer:
    """Each table's rows with their cells where the template places them. A text row lacks the
    columns that are empty down its page, and the template says where the gap is
    (recognize.tables.place_cells); a ruled table prints every cell where it stands."""
    template = next(t for t in load_templates() if t.id == disclosure.template)
    kinds = {t.location.line: t.kind for t in disclosure.tables}

    def place(block: RawTable) -> list[list[str]]:
        rows = [list(row.cells) for row in block.rows]
        specs = [s for s in template.tables if s.id == kinds.get(block.rows[0].line)]
        width = max(len(r) for r in rows)
        spec = next((s for s in specs if s.width == width), specs[0] if specs else None)
        return [place_cells(r, spec) or r for r in rows] if spec else rows

    return place


def render(
    text: str,
    path: Path,
    place: Placer,
    height: int = HEIGHT,
    titles_in_frame: bool = False,
    touching: bool = False,
    same_columns: bool = False,
) -> None:
    """Write `text` (a disclosure in the TAB-row layout) as a PDF at `path`, each table's rows as
    `place` puts them (module docstring)."""
    writer = _writer()
    pages = _Pages(writer._text, height)
    blocks = read_text(text, path=str(path)).blocks
    widths: dict[int, list[int]] = {}  # columns -> each column's width in characters
    if same_columns:
        above: list[str] = []  # the paragraphs a frame may print as its title rows
        for block in blocks:
            if isinstance(block, Paragraph):  # as `held` below
                above = [*above, block.text] if TITLE.search(block.text) or 0 < len(above) < 3 else []
                continue
            chars = _column_chars([[line] for line in above] + place(block))
            shared = widths.setdefault(len(chars), chars)
            widths[len(chars)] = [max(a, b) for a, b in zip(shared, chars)]
            above = []
    held: list[str] = []  # a title and the lines after it, waiting for their table's frame
    for block in blocks:
        if isinstance(block, Paragraph):
            if titles_in_frame and (TITLE.search(block.text) or (held and len(held) < 3)):
                held.append(block.text)
                continue
            for line in held:
                _paragraph(pages, line)
            held = []
            _paragraph(pages, block.text)
        elif isinstance(block, RawTable):
            rows = place(block)
            _table(pages, [[line] for line in held] + rows, 0 if touching else PARAGRAPH_GAP, widths.get(_width(rows)))
            held = []
    writer.write_pdf(path, pages.pages, size=(WIDTH, height))


def _paragraph(pages: _Pages, text: str) -> None:
    if TITLE.search(text) and len(text) * TITLE_SIZE < WIDTH - 2 * MARGIN:
        size, lines = TITLE_SIZE, [text]
        x = (WIDTH - len(text) * TITLE_SIZE) / 2
    else:
        per_line = (WIDTH - 2 * MARGIN) // TEXT_SIZE
        size, lines, x = TEXT_SIZE, [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""], MARGIN
    for line in lines:
        if pages.room() < LINE_STEP + size:
            pages.new_page()
        pages.y -= LINE_STEP + size - TEXT_SIZE
        pages.draw(pages.text(x, pages.y + 3, line, size))
    pages.y -= PARAGRAPH_GAP


def _width(rows: list[list[str]]) -> int:
    return max(len(r) for r in rows)


def _column_chars(rows: list[list[str]]) -> list[int]:
    """Each column's width in characters: its widest cell; the last column widened so that a row
    of one cell (spanning the table) fits."""
    chars = [max(1, *(len(r[j]) for r in rows if len(r) > 1 and j < len(r))) for j in range(_width(rows))]
    chars[-1] += max(0, max(len(r[0]) for r in rows) - sum(chars))
    return chars


def _table(pages: _Pages, rows: list[list[str]], gap: float, columns: list[int] | None = None) -> None:
    """A grid of rulings, one cell per printed cell (a row of one cell spans the table), columns
    `columns` characters wide (else as wide as their text); rows that do not fit go on the next page
    in the same columns."""
    width = _width(rows)
    chars = columns or _column_chars(rows)
    rows = [r + [""] * (width - len(r)) if len(r) > 1 else r for r in rows]
    usable = WIDTH - 2 * MARGIN - 2 * PAD * width
    size = max(3, min(MAX_CELL_SIZE, usable // sum(chars)))
    lefts = [float(MARGIN)]
    for n in chars:
        lefts.append(lefts[-1] + n * size + 2 * PAD)
    step = 2 * size
    while rows:
        fit = int(pages.room() // step)
        if fit < 1:
            pages.new_page()
            continue
        part, rows = rows[:fit], rows[fit:]
        top = pages.y
        bottom = top - step * len(part)
        ops = b"0.5 w\n"
        for k in range(len(part) + 1):
            ops += b"%g %g m %g %g l S\n" % (lefts[0], top - k * step, lefts[-1], top - k * step)
        for k, row in enumerate(part):
            for x in lefts if len(row) > 1 else (lefts[0], lefts[-1]):
                ops += b"%g %g m %g %g l S\n" % (x, top - k * step, x, top - (k + 1) * step)
        for k, row in enumerate(part):
            baseline = top - k * step - step + size * 0.6
            for j, cell in enumerate(row):
                if cell:
                    ops += pages.text(lefts[j] + PAD, baseline, cell, size)
        pages.draw(ops)
        pages.y = bottom - gap
        if rows:
            pages.new_page()
