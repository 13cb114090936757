"""Build a typed Table from a RawTable and its TableSpec: headers, cell placement, row roles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from budgetlint.labels import is_code, normalise_label, squeeze
from budgetlint.model.document import RawRow, RawTable
from budgetlint.model.facts import Fact, Table, TableRow
from budgetlint.model.location import Location, PageBasis
from budgetlint.model.templates import RowRoleSpec, SideSpec, TableSpec
from budgetlint.numbers import parse_amount


def is_column_numbers(cells: Sequence[str]) -> bool:
    """A row that only numbers the columns: 1 2 3 … (or 栏次)."""
    if "1" not in cells:  # one C scan rules out nearly every row
        return False
    texts = [c for c in cells if c]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


def _role_labels(spec: TableSpec) -> set[str]:
    return {squeeze(label) for r in spec.rows for label in r.labels}


def _is_data_row(cells: Sequence[str], labels: set[str]) -> bool:
    if is_column_numbers(cells):
        return False
    first = cells[0] if cells else ""
    if is_code(first) or normalise_label(first)[0] in labels:
        return True
    return any(parse_amount(c) for c in cells if c)


def split_header(raw: RawTable, spec: TableSpec) -> tuple[list[RawRow], list[RawRow]]:
    """Leading header rows, then data rows (column-number rows and repeated headers dropped)."""
    rows = [r for r in raw.rows if spec.header_rows is None or not is_column_numbers(r.cells)]
    if spec.header_rows is not None:
        start = spec.header_rows
    else:
        labels = _role_labels(spec)
        start = next((i for i, r in enumerate(rows) if _is_data_row(r.cells, labels)), len(rows))
    header = rows[:start]
    header_texts = {r.cells for r in header}
    data = [r for r in rows[start:] if r.cells not in header_texts and not is_column_numbers(r.cells)]
    return header, data


def place_cells(cells: Sequence[str], spec: TableSpec) -> list[str] | None:
    """Cells at their template positions; None when the row has more filled cells than the table.

    Text extraction drops a column that is empty all down a page, so a short row is padded in
    the middle: the last `right_anchored` cells keep their place at the right.
    """
    cells = list(cells)
    if spec.width is None:
        return cells
    while len(cells) > spec.width and cells[-1] == "":
        cells.pop()
    if len(cells) > spec.width:
        return None
    missing = spec.width - len(cells)
    if missing and spec.right_anchored:
        cut = len(cells) - spec.right_anchored
        if cut >= len(spec.sides[0].label):
            return cells[:cut] + [""] * missing + cells[cut:]
    return cells + [""] * missing


_CODE_PARTS = (re.compile(r"^\d{3}$"), re.compile(r"^\d{2}$"), re.compile(r"^\d{2}$"))


def join_code(parts: list[str]) -> str | None:
    """类 | 款 | 项 cells as one 科目编码: "204" "06" "01" -> "2040601", "204" "" "" -> "204".

    The first cell holds 3 digits, each later filled cell 2; a gap (类 and 项 without 款) or any
    other text is not a code.
    """
    parts = [p.strip() for p in parts]
    while parts and not parts[-1]:
        parts.pop()
    if not parts or len(parts) > len(_CODE_PARTS):
        return None
    if all(rx.match(p) for rx, p in zip(_CODE_PARTS, parts)):
        return "".join(parts)
    return None


def split_code_label(code_cells: list[str], label_cells: list[str]) -> tuple[str | None, list[str], str]:
    """(code, names, printed label) of a row whose code is split over `code_cells`.

    Text in the code cells that is not a code (合计 printed across the 类/款/项 columns, a header
    row 类 | 款 | 项 merged with the 合计 row) names the row when the name cells are empty.
    """
    code = join_code(code_cells)
    names = [c for c in label_cells if c]
    if code is None and not names:
        names = [c for c in code_cells if c and c not in ("类", "款", "项")]
    printed = " ".join(x for x in [code or "", *names] if x)
    return code, names, printed


def _echoes_header(text: str, header: str) -> bool:
    """A value cell that repeats its column's header (or the header's last words) is header text."""
    t, h = squeeze(text), squeeze(header)
    return len(t) >= 2 and h.endswith(t)


class TableBuilder:
    """Turns one RawTable into a Table, given the spec and where it stands."""

    def __init__(self, spec: TableSpec, *, path: str, title: str, unit: str, page_basis: PageBasis) -> None:
        self.spec = spec
        self.path = path
        self.title = title
        self.unit = unit
        self.page_basis = page_basis
        # where the raw table stands in an office file: its worksheet (XLSX), its table (DOCX)
        self.sheet: str | None = None
        self.table_index: int | None = None

    def _side_row(self, raw: RawRow, cells: list[str], side: SideSpec, index: int) -> TableRow | None:
        label_cells = [cells[i] if i < len(cells) else "" for i in side.label]
        if side.code_columns:
            code, names, printed = split_code_label(
                [cells[i] if i < len(cells) else "" for i in side.code_columns], label_cells
            )
        else:
            code = label_cells[0] if label_cells and is_code(label_cells[0]) else None
            names = [c for c in (label_cells[1:] if code else label_cells) if c]
            printed = " ".join(c for c in label_cells if c)
        values = {c.role: cells[c.index] if c.index < len(cells) else "" for c in side.columns}
        if not printed and not any(values.values()):
            return None
        label, numbered = normalise_label(names[0]) if names else (code or "", False)
        facts = {}
        # what every cell of the row shares, worked out once per row (a table has thousands of cells)
        page, line, lines, boxes, refs = raw.page, raw.line, raw.cell_lines, raw.cell_boxes, raw.cell_refs
        basis = self.page_basis if page else "none"
        for col in side.columns:
            text = values[col.role]
            amount = parse_amount(text) if text else None
            if amount is None and text and _echoes_header(text, col.header):
                text = ""  # a header row printed into a data row (本年支出 合计 | 基本支出 | 项目支出)
            i = col.index
            facts[col.role] = Fact(
                value=amount.value if amount else None,
                decimals=amount.decimals if amount else 0,
                unit=self.unit,
                text=text,
                parsed=bool(amount) or not text,
                location=Location(  # RawRow.line_of, box_of and the cell's address, inline
                    file=self.path,
                    page=page,
                    page_basis=basis,
                    line=lines[i] if i < len(lines) else line,
                    bbox=boxes[i] if i < len(boxes) else None,
                    table=self.title,
                    row=printed,
                    column=col.header,
                    cell=refs[i] if i < len(refs) else None,
                    sheet=self.sheet,
                    table_index=self.table_index,
                ),
            )
        texts = {c.role: cells[c.index] if c.index < len(cells) else "" for c in side.text_columns}
        return TableRow(
            index=index,
            label=label,
            printed_label=printed,
            code=code,
            role=None,
            numbered=numbered,
            side=side.name,
            line=raw.line,
            page=raw.page,
            cells=facts,
            texts=texts,
        )

    def build(self, raw: RawTable, *, empty_note: str | None) -> Table:
        spec = self.spec
        self.sheet, self.table_index = raw.location.sheet, raw.location.table_index
        _, data = split_header(raw, spec) if spec.sides else (list(raw.rows), [])
        rows: list[TableRow] = []
        unparsed: list[int] = []
        for raw_row in data:
            cells = place_cells(raw_row.cells, spec)
            if cells is None:
                unparsed.append(raw_row.line)
                continue
            for side in spec.sides:
                row = self._side_row(raw_row, cells, side, len(rows))
                if row is not None:
                    rows.append(row)
        rows = assign_roles(rows, spec.rows)
        width = max((len(r.cells) for r in raw.rows), default=0)
        headers = {c.role: c.header for s in spec.sides for c in s.columns}
        return Table(
            kind=spec.id,
            title=self.title,
            number=spec.number,
            unit=self.unit,
            location=raw.location.at_cell(table=self.title),
            columns=tuple(spec.value_roles),
            column_headers=headers,
            rows=tuple(rows),
            empty_note=empty_note,
            unparsed_rows=tuple(unparsed),
            raw_size=(len(raw.rows), width),
            unplaced_columns=tuple(spec.unplaced),
            expected_roles=tuple(dict.fromkeys([*spec.value_roles, *spec.expected])),
            layout_rows=None if spec.header_rows is not None else tuple(dict.fromkeys(r.role for r in spec.rows)),
        )


def _matches(row: TableRow, spec: RowRoleSpec, first_of_side: bool, labels: frozenset[str]) -> bool:
    """Whether `row` is of the role `spec` selects; `labels`: the spec's labels squeezed. Only a
    spec of the row's own side is asked (assign_roles)."""
    if spec.first:
        return first_of_side
    if spec.coded is not None and (row.code is not None) != spec.coded:
        return False
    if spec.code_digits is not None and (row.code is None or len(row.code) != spec.code_digits):
        return False
    if spec.numbered is not None and row.numbered != spec.numbered:
        return False
    if spec.labels and row.label not in labels:
        return False
    if spec.pattern and not re.search(spec.pattern, row.label):
        return False
    if any(row.texts.get(c, "") for c in spec.empty):
        return False
    if any(not row.texts.get(c, "") for c in spec.not_empty):
        return False
    return bool(
        spec.labels
        or spec.pattern
        or spec.numbered is not None
        or spec.empty
        or spec.not_empty
        or spec.coded is not None
        or spec.code_digits is not None
    )


def assign_roles(rows: list[TableRow], specs: list[RowRoleSpec]) -> list[TableRow]:
    """Give each row the first role that matches; positional roles (after/before) come second."""
    roles: list[str | None] = [None] * len(rows)
    seen_sides: set[str] = set()
    first_of_side = []
    for row in rows:
        first_of_side.append(row.side not in seen_sides)
        seen_sides.add(row.side)
    # per side, in order, the specs a row of that side is asked about, with their labels squeezed
    # (once per table): free ones first, positional ones second
    free: dict[str, list[tuple[RowRoleSpec, frozenset[str]]]] = {}
    positional: dict[str, list[tuple[RowRoleSpec, frozenset[str]]]] = {}
    for s in specs:
        group = positional if s.after or s.before else free
        group.setdefault(s.side, []).append((s, frozenset(squeeze(x) for x in s.labels)))
    for by_side in (free, positional):
        first_at = {}
        for i, role in enumerate(roles):
            if role and role not in first_at:
                first_at[role] = i
        for i, row in enumerate(rows):
            if roles[i]:
                continue
            for spec, labels in by_side.get(row.side, ()):
                if spec.after and not (spec.after in first_at and i > first_at[spec.after]):
                    continue
                if spec.before and spec.before in first_at and i >= first_at[spec.before]:
                    continue
                if _matches(row, spec, first_of_side[i], labels):
                    roles[i] = spec.role
                    break
    return [replace(r, role=role) if role else r for r, role in zip(rows, roles)]
