"""Which part of the disclosure (a 检查表 row) each finding belongs to: shared by the checklist
workbook and the terminal overview, so both put every finding in the same row.

`part_of(location, template, parts)` places one location: its `table` names a part (the part's own
name, a table title, a 情况说明 section heading, a 绩效目标表 title …); a narrative finding whose
`table` names a whole part (情况说明) goes to the section its line falls in; a location whose
`table` names nothing goes to the part its line falls in; anything else is unplaced (the 其他 row).

`overview(doc)` gives the rows of one document (findings that are the consequence of another's
cause are left to their cause's row): every part of its kind (部门/单位) that has a row,
required or not, and every part it has, in the template's order, then 其他; each row with its
findings and how many checks were decided in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetlint.labels import squeeze
from budgetlint.model import Finding, Location, Outcome
from budgetlint.model.parts import DocumentParts, in_scope, inside
from budgetlint.model.results import DocumentResult
from budgetlint.model.templates import PartSpec, TemplateSpec

OTHER = "other"
OTHER_NAME = "其他"
FAILING = ("error", "warning")  # an info finding (a rounding tail) is listed but does not fail its row
# nor does a waived one


@dataclass(frozen=True)
class PartRow:
    id: str  # the part id, or OTHER
    name: str  # the row name of the 检查表
    findings: tuple[Finding, ...] = ()
    checks: int = 0  # evaluations decided (pass or fail) in this part
    found: bool | None = None  # None for 其他

    @property
    def ok(self) -> bool:
        return not any(f.severity in FAILING and f.waiver is None for f in self.findings)

    @property
    def checked(self) -> bool:
        return self.checks > 0 or bool(self.findings)


def _names(spec: PartSpec, template: TemplateSpec, table: str, parts: DocumentParts | None) -> bool:
    """`table` (squeezed) names this part."""
    if table == squeeze(spec.name):
        return True
    if spec.table:
        table_spec = template.table(spec.table)
        found = parts.get(spec.id) if parts else None
        if (found is not None and squeeze(found.title) == table) or (table_spec and table_spec.matches_squeezed(table)):
            return True
    if spec.heading and re.search(spec.heading, table):
        return True
    return any(re.search(p, table) for p in spec.titles)


def _row_of(part_id: str | None, specs: dict[str, PartSpec]) -> str | None:
    """The part whose row holds `part_id`'s findings: itself, or its nearest ancestor with a row."""
    for _ in range(len(specs)):
        spec = specs.get(part_id) if part_id else None
        if spec is None or spec.row:
            return part_id
        part_id = spec.parent
    return part_id


def part_of(
    location: Location | None,
    template: TemplateSpec | None,
    parts: DocumentParts | None = None,
    named: dict[str, PartSpec | None] | None = None,
) -> str | None:
    """The id of the part (a 检查表 row) `location` belongs to, or None (the 其他 row).

    `named` keeps, across the calls for one document, which part each table name names (a
    document has thousands of evaluations but a few dozen table names)."""
    if location is None or template is None or template.parts is None:
        return None
    specs = template.parts.items
    return _row_of(_part_of(location, template, specs, parts, {} if named is None else named), {s.id: s for s in specs})


def _part_of(
    location: Location,
    template: TemplateSpec,
    specs: list[PartSpec],
    parts: DocumentParts | None,
    named_by_table: dict[str, PartSpec | None],
) -> str | None:
    at_line = parts.part_at(location.line) if parts is not None else None
    if location.table:
        if location.table not in named_by_table:
            table = squeeze(location.table)
            named_by_table[location.table] = next((s for s in specs if _names(s, template, table, parts)), None)
        named = named_by_table[location.table]
        if named is not None:
            if at_line is not None and inside(at_line.spec, named.id, {p.id: p for p in specs}):
                return at_line.spec.id  # 情况说明 as a whole: the section the line is in
            return named.id
    return at_line.spec.id if at_line is not None else None


def overview(doc: DocumentResult) -> list[PartRow]:
    """The rows of one document's checklist: parts in template order, then 其他."""
    disclosure, run = doc.disclosure, doc.run
    if disclosure is None or run is None:
        return []
    template = disclosure.template_spec
    parts = disclosure.parts
    cache: dict[tuple[str | None, int | None] | None, str | None] = {}
    named: dict[str, PartSpec | None] = {}

    def place(loc: Location | None) -> str:
        key = (loc.table, loc.line) if loc else None
        if key not in cache:
            cache[key] = part_of(loc, template, parts, named)
        return cache[key] or OTHER

    findings: dict[str, list[Finding]] = {}
    for f in run.findings:
        if not f.shown:  # a consequence is listed under its cause, in the cause's row
            continue
        findings.setdefault(place(f.locations[0] if f.locations else None), []).append(f)
    checks: dict[str, int] = {}
    for e in run.evaluations:
        if e.outcome in (Outcome.PASS, Outcome.FAIL):
            pid = place(e.locations[0] if e.locations else None)
            checks[pid] = checks.get(pid, 0) + 1
    rows = []
    if parts is not None:
        for spec in parts.specs:
            if not spec.row:
                continue
            found = parts.get(spec.id) is not None
            if in_scope(parts, spec) or found or spec.id in findings:
                rows.append(
                    PartRow(spec.id, spec.name, tuple(findings.get(spec.id, ())), checks.get(spec.id, 0), found)
                )
    rows.append(PartRow(OTHER, OTHER_NAME, tuple(findings.get(OTHER, ())), checks.get(OTHER, 0)))
    return rows


def document_scope(doc: DocumentResult) -> str | None:
    """department / unit as the document says (its cover or title), None when it does not."""
    parts = doc.disclosure.parts if doc.disclosure is not None else None
    return parts.scope if parts is not None else None
