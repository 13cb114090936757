"""What recognize produces: a Disclosure holds everything recognised in one document."""

from __future__ import annotations

from functools import cached_property

from budgetlint.model.claims import Binding, Claim, ExtractionStats
from budgetlint.model.document import Paragraph, SourceDocument
from budgetlint.model.facts import Table
from budgetlint.model.figures import Composition, Figure
from budgetlint.model.parts import DocumentParts, FoundPart, TocLink
from budgetlint.model.performance import OverallTargetTable, SelfEvaluation, TargetTable
from budgetlint.model.prose import (
    CellBinding,
    ProseCell,
    ProseNumber,
    StatedFact,
    SumStatement,
)
from budgetlint.model.record import Memos, record
from budgetlint.model.templates import TemplateSpec


@record
class Disclosure(Memos):
    """Everything recognised in one document, built once by recognize(): checks and reporters only
    read it. A record (model/record.py), not a pydantic model: recognize builds it from what it has
    already typed, nothing ever validates or serialises it, and pydantic's validator for it (every
    record it holds, at any depth) took some 25 ms to build on a process's first document. What
    checks derive from it is kept in its memos (checks/memo.py), never copied with it."""

    path: str
    unit: str | None
    year: int | None
    kind: str  # budget | final_account
    template: str  # the template's id
    template_spec: TemplateSpec  # the template itself (its parts, its narrative vocabulary)
    tables: tuple[Table, ...]
    unrecognised_tables: tuple[str, ...] = ()  # titles of tables no kind of the template names
    # False: no template's own tables fit (fewer than its min_tables), so the document is checked with
    # the national base of its kind -- its tables by meaning, none of a layout's part lists imposed
    template_fits: bool = True
    source: SourceDocument  # as ingest read it (blocks, 目录 entries, page defects)
    # Recognised beyond the tables
    narrative: tuple[Paragraph, ...] = ()  # the 情况说明 part's paragraphs (all paragraphs when none is found)
    claims: tuple[Claim, ...] = ()  # narrative claims, in reading order
    narrative_stats: ExtractionStats | None = None
    bindings: tuple[Binding, ...] = ()  # claim -> table facts
    targets: tuple[TargetTable, ...] = ()  # 项目支出绩效目标表
    overall_target: OverallTargetTable | None = None  # 整体支出绩效目标申报表
    self_evaluations: tuple[SelfEvaluation, ...] = ()  # 绩效自评表
    # numbers in prose (model/prose.py): the performance tables' prose cells, the 情况说明's numbers,
    # totals of listed items, cell numbers tied to their table, the register of standing facts
    prose_cells: tuple[ProseCell, ...] = ()
    narrative_numbers: tuple[ProseNumber, ...] = ()
    prose_sums: tuple[SumStatement, ...] = ()
    prose_bindings: tuple[CellBinding, ...] = ()
    stated_facts: tuple[StatedFact, ...] = ()
    parts: DocumentParts | None = None  # the template's parts found here; None: the template lists none
    toc_links: tuple[TocLink, ...] = ()  # each 目录 line with what it points at in the body
    toc_unlisted: tuple[FoundPart, ...] = ()  # found parts the 目录 should list and does not
    figures: tuple[Figure, ...] = ()  # quantities stated for a year, for the rules across documents
    composition: Composition | None = None  # a department's list of units (机构设置), when printed

    def tables_of(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    def claims_of(self, kind: str, line: int | None = None) -> tuple[Claim, ...]:
        """The claims of one kind, in reading order (only those of one paragraph when `line` is
        given): looked up, not scanned, as checks ask once per claim."""
        return self._claim_index.get((kind, line), ())

    @cached_property
    def _claim_index(self) -> dict[tuple[str, int | None], tuple[Claim, ...]]:
        index: dict[tuple[str, int | None], list[Claim]] = {}
        for claim in self.claims:
            index.setdefault((claim.kind, None), []).append(claim)
            index.setdefault((claim.kind, claim.location.line), []).append(claim)
        return {key: tuple(claims) for key, claims in index.items()}
