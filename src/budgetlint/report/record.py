"""DocumentRecord: one checked document as every batch consumer needs it, without its Disclosure.

A Disclosure with its rule run weighs megabytes (every block, fact and evaluation); what the
summary table, the results store and the 检查表 sheet need of it is a few kilobytes: identity
(unit, year, kind, scope, template), outcome counts, the findings and the 检查表 rows. It also
carries the document's figures by quantity (model/figures.py), for the rules across documents.
A record is built in the process that checked the document, crosses process (and Dask)
boundaries by pickle, and is all that is kept once the document's report has been rendered:
memory stays flat over any number of files.

A file that could not be checked is a record too, with `status` "not_checked" and the reason
(unreadable, over its time budget, its worker crashed or ran out of memory): never a silent gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budgetlint.model import Finding
from budgetlint.model.figures import DocumentFigures

CHECKED = "checked"
NOT_CHECKED = "not_checked"


@dataclass(frozen=True)
class PartVerdict:
    """One 检查表 row of a document: the part, how many checks were decided in it, its findings
    (indices into the record's findings) and whether the part was found in the document."""

    id: str
    name: str
    checks: int
    found: bool | None
    findings: tuple[int, ...] = ()


@dataclass(frozen=True)
class DocumentRecord:
    path: str
    status: str = CHECKED
    reason: str | None = None  # why the document was not checked
    sha256: str | None = None
    size: int | None = None
    unit: str | None = None
    year: int | None = None
    kind: str | None = None  # budget | final_account
    scope: str | None = None  # department | unit (部门/单位), when the document says
    template: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    parts: tuple[PartVerdict, ...] = ()
    coverage: dict = field(default_factory=dict)  # narrative claims extracted / checked / unbound
    seconds: float = 0.0
    rendered: str | None = None  # the document's part of the report, when the run asked for one
    figures: DocumentFigures | None = None  # what the rules across documents need of it (model/figures.py)
    files: tuple[str, ...] = ()  # a document read from several files: them, in order
    pairing: str | None = None  # how they came together: "together" | "auto"
    half: tuple | None = None  # pairing.HalfKey of a file that is one half of a split disclosure

    @property
    def checked(self) -> bool:
        return self.status == CHECKED

    def severity_counts(self) -> dict[str, int]:
        """Findings by severity, those a waiver accepted (the project file's) not counted."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            if f.waiver is None:
                counts[f.severity] += 1
        return counts

    def not_decided(self) -> int:
        """Evaluations that could not decide (not checked parts): insufficient data and errors."""
        return self.summary.get("insufficient_data", 0) + self.summary.get("error", 0)


SCOPE_WORDS = {"department": "部门", "unit": "单位"}


def scope_word(scope: str | None) -> str:
    """部门 / 单位 as the document says, or 部门（单位） when it does not."""
    return SCOPE_WORDS.get(scope or "", "部门（单位）")


def record_of(doc, *, rendered: str | None = None, seconds: float = 0.0, parts: bool = True) -> DocumentRecord:
    """The record of a DocumentResult (api.audit's per-file result). Without `parts` its 检查表 rows
    are left empty: placing every finding in its part is a tenth of a text disclosure's check,
    and only the store, the terminal report and the file formats read them."""
    from budgetlint.model.results import narrative_coverage
    from budgetlint.recognize.figures import figures_of
    from budgetlint.report.part_map import document_scope, overview
    from budgetlint.report.places import shown

    several = {"files": doc.files, "pairing": doc.pairing, "half": doc.half}
    if doc.error or doc.disclosure is None or doc.run is None:
        return DocumentRecord(
            path=doc.path, status=NOT_CHECKED, reason=doc.error, seconds=seconds, rendered=rendered, **several
        )
    d, run = doc.disclosure, doc.run
    index = {id(f): i for i, f in enumerate(run.findings)}
    verdicts = tuple(
        PartVerdict(row.id, row.name, row.checks, row.found, tuple(index[id(f)] for f in row.findings))
        for row in (overview(doc) if parts else ())
    )
    # the parts above place findings by the combined document's lines; the record keeps each
    # location as its own file gives it (file and line), which is what every report shows
    return DocumentRecord(
        path=doc.path,
        unit=d.unit,
        year=d.year,
        kind=d.kind,
        scope=document_scope(doc),
        template=d.template,
        summary=dict(run.summary),
        findings=tuple(shown(d.source, f) for f in run.findings),
        parts=verdicts,
        coverage=narrative_coverage(doc),
        seconds=seconds,
        rendered=rendered,
        figures=figures_of(d),
        **several,
    )


@dataclass
class Totals:
    """What a report's last lines count, kept as documents stream past."""

    files: int = 0
    findings: int = 0  # as listed: not waived, not the consequence of another's cause
    not_checked: int = 0
    waived: int = 0
    # the rules across documents, run when several files were checked together: each finding with
    # the path of the document it belongs to, and the outcome counts (None: not run)
    across: list[tuple[str, Finding]] = field(default_factory=list)
    across_summary: dict[str, int] | None = None

    def add(self, record: DocumentRecord) -> None:
        self.files += 1
        listed = [f for f in record.findings if f.shown]
        self.waived += sum(1 for f in listed if f.waiver is not None)
        self.findings += sum(1 for f in listed if f.waiver is None)
        self.not_checked += not record.checked

    def add_across(self, path: str, summary: dict[str, int], findings: tuple[Finding, ...]) -> None:
        totals = self.across_summary or {}
        self.across_summary = {k: totals.get(k, 0) + v for k, v in summary.items()}
        self.across += [(path, f) for f in findings]
        self.findings += len(findings)

    @classmethod
    def of(cls, records) -> Totals:
        totals = cls()
        for record in records:
            totals.add(record)
        return totals
