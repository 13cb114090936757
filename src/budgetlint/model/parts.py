"""The parts of a disclosure (封面, 目录, each table, each 情况说明 section …) found in one document, and
its 目录 lines with what each points at in the body. recognize/parts.py finds them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from budgetlint.model.document import Paragraph, TocEntry
from budgetlint.model.facts import Table
from budgetlint.model.location import Location
from budgetlint.model.templates import PartSpec, Scope, TemplateSpec

if TYPE_CHECKING:  # a Disclosure holds its parts
    from budgetlint.model.disclosure import Disclosure


@dataclass(frozen=True)
class FoundPart:
    """A part of the template found in the document: its title as printed, where, its span."""

    spec: PartSpec
    title: str  # as printed: the heading, the table title, the performance table title
    location: Location  # of the heading / title paragraph, narrowed to table = the part's name
    table: Table | None = None
    end_line: int | None = None  # first line after the part's span; None: to the end of the document
    depth: int = 0  # how many parents the part has


@dataclass(frozen=True)
class TocLine:
    """One line of the 目录: from the ingest's TocEntry (with its page), or, for a 目录 printed
    without page numbers, a heading-like paragraph under the 目录 heading (page None)."""

    title: str
    page: int | None
    line: int


@dataclass(frozen=True)
class TocLink:
    """A 目录 line and what it points at in the body."""

    entry: TocLine
    heading: Paragraph | None  # the body paragraph with the same normalised title
    part: FoundPart | None  # the part the entry names
    exact: bool  # the body prints the same title
    group: bool = False  # a group title (五、部门预算表) whose sub-lines the body has, without its own title
    similar: Paragraph | None = None  # not found: the body heading closest to it (another wording)

    @property
    def found(self) -> bool:
        """The body has what the line names."""
        return self.exact or self.part is not None or self.group


@dataclass(frozen=True)
class DocumentParts:
    """The template's parts found in one document, in line order, with its scope (部门/单位) and 目录."""

    template: TemplateSpec
    scope: Scope | None  # None: the document does not say whether it is a 部门 or 单位 disclosure
    scope_location: Location | None
    found: tuple[FoundPart, ...]  # in line order
    toc_end: int  # last line of the 目录 (0 without one)
    paragraphs: tuple[Paragraph, ...] = field(repr=False, default=())
    toc_lines: tuple[TocLine, ...] = ()

    def get(self, part_id: str) -> FoundPart | None:
        return next((f for f in self.found if f.spec.id == part_id), None)

    @property
    def specs(self) -> list[PartSpec]:
        return self.template.parts.items if self.template.parts else []

    def spec(self, part_id: str) -> PartSpec | None:
        """The template's part `part_id`, if the template has it."""
        return self.template.parts.get(part_id) if self.template.parts else None

    def part_at(self, line: int | None) -> FoundPart | None:
        """The innermost found part whose span holds `line`."""
        if line is None:
            return None
        best = None
        for part in self.found:
            start = part.location.line or 0
            holds = start <= line and (part.end_line is None or line < part.end_line)
            if holds and (best is None or part.depth >= best.depth):
                best = part
        return best


def inside(spec: PartSpec, ancestor: str, specs: dict[str, PartSpec]) -> bool:
    """`spec` sits (at any depth) in the part `ancestor`."""
    parent = spec.parent
    for _ in range(len(specs)):
        if parent is None:
            return False
        if parent == ancestor:
            return True
        parent = specs[parent].parent
    return False


def in_scope(parts: DocumentParts, spec: PartSpec) -> bool:
    """A part of this document's kind: not limited to a scope, or limited to the document's."""
    return not spec.scopes or parts.scope in spec.scopes


def has_data(table: Table) -> bool:
    """Some cell holds a number other than zero."""
    return any(f.value for r in table.rows for f in r.cells.values())


def required_parts(parts: DocumentParts, disclosure: Disclosure) -> list[PartSpec]:
    """Parts this document must have: required, of its scope, and (if so conditioned) with data."""
    out = []
    for spec in parts.specs:
        if not spec.required or not in_scope(parts, spec):
            continue
        if spec.required_if_data:
            tables = disclosure.tables_of(spec.required_if_data)
            if not tables or not has_data(tables[0]):
                continue
        out.append(spec)
    return out


def toc_entry_location(
    disclosure: Disclosure, parts: DocumentParts | None, toc_part: str | None, entry: TocLine | TocEntry
) -> Location:
    """Where a 目录 entry is printed, named as the 目录 part (its page is the 目录 heading's)."""
    found = parts.get(toc_part) if parts and toc_part else None
    spec = parts.spec(toc_part) if parts and toc_part else None
    base = found.location if found else Location(file=disclosure.path)
    return replace(base, line=entry.line, row=entry.title, table=spec.name if spec else None)
